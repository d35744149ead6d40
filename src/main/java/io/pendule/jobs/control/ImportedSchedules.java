package io.pendule.jobs.control;

/**
 * Unix cron's schedules in Pendule's syntax (docs/scheduling.md, Schedule syntax), which reads them as they are: five
 * fields are Unix cron's (second 0, the same instants), and a problem names the field as the file counts it;
 * descriptors ({@code @daily}…) are Pendule's too. Only the spacing is made single. Anything else is kept as it is,
 * for the job's validation to say what is wrong with it.
 */
final class ImportedSchedules {

    private ImportedSchedules() {
    }

    static String of(String unix) {
        String trimmed = unix.strip();
        if (trimmed.startsWith("@")) {
            return trimmed;
        }
        String[] fields = trimmed.split("\\s+");
        return fields.length == 5 ? String.join(" ", fields) : trimmed;
    }
}
