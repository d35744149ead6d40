package io.pendule.executors.control;

import io.pendule.jobs.control.ShellQuoting;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What an import writes as a shell job's command splits back into the container's words (ShellWords, the executor's). */
class ShellQuotingRoundTripTest {

    @Test
    void quotedWordsSplitBackIntoTheSameWords() {
        List<List<String>> argvs = List.of(
                List.of("python3", "/app/job.py", "--since", "last week"),
                List.of("echo", "it's", "\"quoted\"", "back\\slash", "$HOME", "a;b|c&d", "", "tab\there", "new\nline"),
                List.of("/bin/bash", "-c", "for f in *.log; do gzip \"$f\"; done"),
                List.of("ünïcode", "日本", "'", "''", "x=1,y=2"));
        for (List<String> argv : argvs) {
            assertEquals(argv, ShellWords.split(ShellQuoting.command(argv)), ShellQuoting.command(argv));
        }
        assertEquals("python3 /app/job.py --since 'last week' 'it'\\''s'",
                ShellQuoting.command(List.of("python3", "/app/job.py", "--since", "last week", "it's")));
    }
}
