package io.pendule.jobs.control;

/**
 * Unix cron's schedules in Pendule's syntax (docs/scheduling.md): five fields get Pendule's seconds field, 0, in front
 * (the same instants); descriptors ({@code @daily}…) are Pendule's already. Anything else is kept as it is, for the
 * job's validation to say what is wrong with it.
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
        return fields.length == 5 ? "0 " + String.join(" ", fields) : trimmed;
    }
}
