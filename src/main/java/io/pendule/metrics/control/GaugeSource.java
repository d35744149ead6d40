package io.pendule.metrics.control;

/**
 * A component's gauges, read when Prometheus scrapes /metrics: beans of the components that own the values implement
 * it (the metrics component sits low on the ladder and knows none of them). Keep it cheap and bounded: a scrape comes
 * every few seconds from each Prometheus.
 */
public interface GaugeSource {

    void sample(Gauges gauges);
}
