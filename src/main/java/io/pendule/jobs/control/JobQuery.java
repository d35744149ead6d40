package io.pendule.jobs.control;

import java.util.Map;

/**
 * A search of jobs as Dkron's list takes it: text in the name or display name, status ("" for none yet; the
 * dashboard's {@link #RUNNING} for the jobs running now), disabled, metadata pairs that must all match; sorted; the page [start, end) of the result. The dashboard's
 * list also narrows by executor (null: any) and by tag pairs that must all match.
 */
public record JobQuery(String text, String status, Boolean disabled, Map<String, String> metadata,
                       JobSort sort, boolean descending, int start, Integer end,
                       String executor, Map<String, String> tags) {

    /** The status of the jobs with an execution running now (the last status is that of the last finished one). */
    public static final String RUNNING = "running";

    /** Without executor nor tags, as the API's list asks. */
    public JobQuery(String text, String status, Boolean disabled, Map<String, String> metadata,
                    JobSort sort, boolean descending, int start, Integer end) {
        this(text, status, disabled, metadata, sort, descending, start, end, null, Map.of());
    }

    public static JobQuery all() {
        return new JobQuery(null, null, null, Map.of(), JobSort.UPSTREAMS_FIRST, false, 0, null);
    }
}
