package io.pendule.workflows.entity;

/**
 * A relation between two jobs, from the upstream job to the one it leads to: a parent and its child, a job and one
 * that depends on it (detail: the downstream job's trigger rule), a gate and the job it guards (detail: the window
 * "within" which the gate must have succeeded, "" for ever).
 */
public record JobLink(String from, String to, Kind kind, String detail) {

    public enum Kind {
        PARENT, DEPENDS_ON, REQUIRES;

        /** The CSS class and message key part: parent, depends_on, requires. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
