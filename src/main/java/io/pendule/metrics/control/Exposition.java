package io.pendule.metrics.control;

import io.pendule.metrics.entity.PenduleMetric;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Writes series in Prometheus' text exposition format, version 0.0.4. */
public final class Exposition {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Appendable out;

    Exposition(Appendable out) {
        this.out = out;
    }

    void header(PenduleMetric metric) throws IOException {
        out.append("# HELP ").append(metric.metricName()).append(' ').append(escapeHelp(metric.help())).append('\n');
        out.append("# TYPE ").append(metric.metricName()).append(' ').append(metric.type().code()).append('\n');
    }

    void sample(String name, List<String> labelNames, List<String> labelValues, double value) throws IOException {
        out.append(name);
        labels(labelNames, labelValues, null);
        out.append(' ').append(number(value)).append('\n');
    }

    void histogram(PenduleMetric metric, List<String> labelValues, Histogram histogram) throws IOException {
        long[] cumulative = histogram.cumulative();
        List<Double> bounds = metric.buckets();
        for (int i = 0; i < cumulative.length; i++) {
            out.append(metric.metricName()).append("_bucket");
            labels(metric.labels(), labelValues, i < bounds.size() ? number(bounds.get(i)) : "+Inf");
            out.append(' ').append(Long.toString(cumulative[i])).append('\n');
        }
        sample(metric.metricName() + "_sum", metric.labels(), labelValues, histogram.sum());
        sample(metric.metricName() + "_count", metric.labels(), labelValues, cumulative[cumulative.length - 1]);
    }

    private void labels(List<String> names, List<String> values, String le) throws IOException {
        if (names.isEmpty() && le == null) {
            return;
        }
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "" : ",").append(names.get(i)).append("=\"").append(escapeLabel(values.get(i))).append('"');
        }
        if (le != null) {
            out.append(names.isEmpty() ? "" : ",").append("le=\"").append(le).append('"');
        }
        out.append('}');
    }

    static <V> List<Map.Entry<List<String>, V>> sorted(Map<List<String>, V> series) {
        List<Map.Entry<List<String>, V>> entries = new ArrayList<>(series.entrySet());
        entries.sort(Comparator.comparing(entry -> String.join("\u0000", entry.getKey())));
        return entries;
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
