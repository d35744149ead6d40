package io.pendule.executions.entity;

/**
 * What may follow a job's runs, read with the job when a run is claimed, so that a run nothing follows costs its
 * observers nothing: jobs that run after it (children, depends_on), notifications, ephemeral deletion.
 */
public record FollowUps(boolean downstream, boolean notifies, boolean ephemeral) {

    public static final FollowUps NONE = new FollowUps(false, false, false);
    /** Not known where the outcome comes from (an orphaned or cancelled run): every observer looks. */
    public static final FollowUps UNKNOWN = new FollowUps(true, true, true);

    /** The SQL select-list expressions for a row of {@code job}, named as {@link #read} reads them. */
    public static final String COLUMNS = "(EXISTS (SELECT 1 FROM job c WHERE c.parent_job = job.name) "
            + "OR EXISTS (SELECT 1 FROM job_dependency d WHERE d.depends_on = job.name)) AS follow_downstream, "
            + "notifications IS NOT NULL AS follow_notifies, ephemeral AS follow_ephemeral";

    public static FollowUps read(java.sql.ResultSet rs) throws java.sql.SQLException {
        FollowUps read = new FollowUps(rs.getBoolean("follow_downstream"), rs.getBoolean("follow_notifies"),
                rs.getBoolean("follow_ephemeral"));
        return read.equals(NONE) ? NONE : read;
    }

    public boolean any() {
        return downstream || notifies || ephemeral;
    }
}
