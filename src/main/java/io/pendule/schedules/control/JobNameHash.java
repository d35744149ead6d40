package io.pendule.schedules.control;

/**
 * Replaces each {@code ~} of a cron field by a value derived from the job name (Jenkins' {@code H}),
 * so jobs written with the same expression spread over time instead of all firing together.
 */
final class JobNameHash {

    /** Applied to the hash per field of the 6-field form: seconds, minutes, hours, day of month, month, day of week. */
    private static final int[] MODULUS = {60, 60, 24, 28, 12, 7};
    private static final int[] OFFSET = {0, 0, 0, 1, 1, 0};

    private final int hash;

    JobNameHash(String jobName) {
        this.hash = jobName == null ? 0 : jobName.codePoints().sum();
    }

    /** @param fields the six fields, seconds first; left untouched */
    String[] substitute(String[] fields) {
        String[] substituted = new String[fields.length];
        for (int position = 0; position < fields.length; position++) {
            String value = String.valueOf(hash % MODULUS[position] + OFFSET[position]);
            substituted[position] = fields[position].replace("~", value);
        }
        return substituted;
    }
}
