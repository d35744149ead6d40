package io.pendule.metrics.control;

import io.pendule.metrics.entity.PenduleMetric;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The gauge values of one scrape, as the {@link GaugeSource}s give them. */
public final class Gauges {

    record Sample(List<String> labels, double value) {
    }

    private final Map<PenduleMetric, List<Sample>> samples = new EnumMap<>(PenduleMetric.class);
    private final JobLabels jobs;

    Gauges(JobLabels jobs) {
        this.jobs = jobs;
    }

    public void set(PenduleMetric metric, double value, String... labels) {
        if (metric.type() != PenduleMetric.Type.GAUGE || labels.length != metric.labels().size()) {
            throw new IllegalArgumentException(metric + " is not a gauge with labels " + metric.labels());
        }
        samples.computeIfAbsent(metric, m -> new ArrayList<>()).add(new Sample(List.of(labels), value));
    }

    /** A per-job gauge, unless the job is beyond the label cap: a timestamp or a period of many jobs means nothing. */
    public void setForJob(PenduleMetric metric, String job, double value) {
        String label = jobs.of(job);
        if (!label.equals(JobLabels.OTHER)) {
            set(metric, value, label);
        }
    }

    List<Sample> of(PenduleMetric metric) {
        return samples.getOrDefault(metric, List.of());
    }
}
