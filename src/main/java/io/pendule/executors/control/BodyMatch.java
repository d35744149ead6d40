package io.pendule.executors.control;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Matches an http job's {@code expectBody}, a regular expression its author wrote, against a response its target wrote
 * (up to 256 kB): a pattern such as {@code (a+)+$} against {@code aaaa…ab} backtracks for hours. The match reads the
 * body through a {@link CharSequence} that gives up after {@link #LIMIT}, so such a run fails within it; the patterns
 * are at most {@link #MAX_PATTERN_LENGTH} characters. HttpExecutor runs it on its own threads, never the HTTP client's.
 */
final class BodyMatch {

    static final Duration LIMIT = Duration.ofSeconds(1);
    static final int MAX_PATTERN_LENGTH = 1_000;

    private BodyMatch() {
    }

    /** Why {@code body} does not pass {@code pattern} (found anywhere in it); empty when it does. */
    static Optional<String> mismatch(Pattern pattern, String body, Duration limit) {
        try {
            if (pattern.matcher(new DeadlineText(body, System.nanoTime() + limit.toNanos())).find()) {
                return Optional.empty();
            }
            return Optional.of("received response body did not match the expected body");
        } catch (TooSlow e) {
            return Optional.of("expectBody took longer than " + limit.toSeconds() + " s to match: simplify the pattern");
        } catch (StackOverflowError e) {
            return Optional.of("expectBody backtracked too deeply to match: simplify the pattern");
        }
    }

    /** Thrown out of the matcher when the deadline has passed; without a stack trace, which nobody reads. */
    private static final class TooSlow extends RuntimeException {
        TooSlow() {
            super(null, null, false, false);
        }
    }

    /** A text whose characters can be read until a deadline; the clock is read every 1,024 reads only. */
    private static final class DeadlineText implements CharSequence {

        private final String text;
        private final int start;
        private final int end;
        private final long deadline;
        private int reads;

        DeadlineText(String text, long deadline) {
            this(text, 0, text.length(), deadline);
        }

        private DeadlineText(String text, int start, int end, long deadline) {
            this.text = text;
            this.start = start;
            this.end = end;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 1023) == 0 && System.nanoTime() - deadline > 0) {
                throw new TooSlow();
            }
            return text.charAt(start + index);
        }

        @Override
        public int length() {
            return end - start;
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new DeadlineText(text, start + from, start + to, deadline);
        }

        @Override
        public String toString() {
            return text.substring(start, end);
        }
    }
}
