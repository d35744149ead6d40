package io.pendule.executors.entity;

import java.util.Optional;

/**
 * What a run has printed so far, while it goes on, for the live tail of its page: an executor that captures output
 * shows its buffers here ({@link #from}); the scheduler samples it ({@link #changed}) and writes it to the database,
 * where any node serving the page reads it. Thread-safe.
 */
public final class RunningOutput {

    /** An executor's output buffers, read while the run goes on. */
    public interface Source {

        /** Bytes written so far to both streams: tells whether anything changed since the last look. */
        long written();

        /** The last {@code maxBytes} of each stream. */
        Snapshot tail(int maxBytes);
    }

    /** The tails of stdout and stderr; truncated when a stream had more than the tail shows. */
    public record Snapshot(String stdout, String stderr, boolean truncated) {
    }

    private Source source;
    private long sampled;

    public synchronized void from(Source source) {
        this.source = source;
    }

    /** The tails if something was written since the last call; empty otherwise, or when there is no source. */
    public synchronized Optional<Snapshot> changed(int maxBytes) {
        if (source == null) {
            return Optional.empty();
        }
        long written = source.written();
        if (written == sampled) {
            return Optional.empty();
        }
        sampled = written;
        return Optional.of(source.tail(maxBytes));
    }

    /**
     * What is shown here, read live as a source: for an executor that hands this output to another and shows it
     * elsewhere changed on the way (a pack run masks the database password it gave).
     */
    public Source asSource() {
        return new Source() {
            @Override
            public long written() {
                Source current = current();
                return current == null ? 0 : current.written();
            }

            @Override
            public Snapshot tail(int maxBytes) {
                Source current = current();
                return current == null ? new Snapshot("", "", false) : current.tail(maxBytes);
            }
        };
    }

    private synchronized Source current() {
        return source;
    }
}
