package io.pendule.jobs.control;

import java.util.Map;

/**
 * A search of jobs as Dkron's list takes it: text in the name or display name, status ("untriggered" for none
 * yet), disabled, metadata pairs that must all match; sorted; the page [start, end) of the result. The dashboard's
 * list also narrows by executor (null: any) and by tag pairs that must all match.
 */
public record JobQuery(String text, String status, Boolean disabled, Map<String, String> metadata,
                       JobSort sort, boolean descending, int start, Integer end,
                       String executor, Map<String, String> tags) {

    /** Without executor nor tags, as the API's list asks. */
    public JobQuery(String text, String status, Boolean disabled, Map<String, String> metadata,
                    JobSort sort, boolean descending, int start, Integer end) {
        this(text, status, disabled, metadata, sort, descending, start, end, null, Map.of());
    }

    public static JobQuery all() {
        return new JobQuery(null, null, null, Map.of(), JobSort.UPSTREAMS_FIRST, false, 0, null);
    }
}
