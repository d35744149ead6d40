package io.pendule.executors.control;

import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.RunningOutput;
import io.pendule.executors.entity.StopSignal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The output a run shows while it goes on: bounded tails of its buffers, handed out only when they changed. */
class RunningOutputTest {

    private static final ShellExecutor SHELL = new ShellExecutor();

    @AfterAll
    static void stop() {
        SHELL.shutdown();
    }

    @Test
    void aTailKeepsTheLastBytesAndDropsACharacterItCuts() {
        TailBuffer buffer = new TailBuffer(100);
        byte[] text = "abcdé".getBytes(StandardCharsets.UTF_8); // é is two bytes
        buffer.append(text, 0, text.length);
        assertEquals("abcdé", buffer.tail(100));
        assertEquals("dé", buffer.tail(3));
        assertEquals("", buffer.tail(1), "half of é is no character");
        assertEquals("abcdé", buffer.toString());
    }

    @Test
    void aSnapshotComesOnlyWhenSomethingWasWritten() {
        RunningOutput output = new RunningOutput();
        assertTrue(output.changed(10).isEmpty(), "no source yet");
        TailBuffer stdout = new TailBuffer();
        TailBuffer stderr = new TailBuffer();
        output.from(new RunningOutput.Source() {
            @Override
            public long written() {
                return stdout.totalBytes() + stderr.totalBytes();
            }

            @Override
            public RunningOutput.Snapshot tail(int maxBytes) {
                return new RunningOutput.Snapshot(stdout.tail(maxBytes), stderr.tail(maxBytes), stdout.totalBytes() > maxBytes);
            }
        });
        assertTrue(output.changed(10).isEmpty(), "nothing written");
        stdout.append("0123456789abc".getBytes(StandardCharsets.UTF_8), 0, 13);
        assertEquals(new RunningOutput.Snapshot("3456789abc", "", true), output.changed(10).orElseThrow());
        assertTrue(output.changed(10).isEmpty(), "unchanged since");
        stderr.append(new byte[]{'!'}, 0, 1);
        assertEquals("!", output.changed(10).orElseThrow().stderr());
    }

    @Test
    void aShellRunShowsItsOutputBeforeItEnds() throws Exception {
        RunningOutput output = new RunningOutput();
        var result = SHELL.execute(new ExecutionRequest(1, "job", 1, Map.of("command", "sh -c 'echo first; sleep 2; echo second'"),
                new StopSignal(), output)).toCompletableFuture();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        Optional<RunningOutput.Snapshot> seen = Optional.empty();
        while (seen.isEmpty() && Instant.now().isBefore(deadline)) {
            seen = output.changed(1024);
            Thread.sleep(50);
        }
        assertEquals("first\n", seen.orElseThrow().stdout());
        assertFalse(result.isDone(), "seen while the run goes on");
        ExecutionResult done = result.get(10, TimeUnit.SECONDS);
        assertEquals("first\nsecond\n", done.stdout());
    }
}
