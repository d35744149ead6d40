package io.pendule.executors.control;

import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.Outcome;
import io.pendule.executors.entity.RunIdentity;
import io.pendule.executors.entity.RunningOutput;
import io.pendule.executors.entity.StopSignal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ShellExecutorTest {

    private static final ShellExecutor EXECUTOR = new ShellExecutor();

    @TempDir
    Path dir;

    @AfterAll
    static void shutdown() {
        EXECUTOR.shutdown();
    }

    @Test
    void capturesStdoutStderrAndExitCodeSeparately() throws Exception {
        ExecutionResult result = run("command", "echo out; echo err >&2", "shell", "true");
        assertEquals(Outcome.SUCCEEDED, result.outcome());
        assertEquals(0, result.exitCode());
        assertEquals("out\n", result.stdout());
        assertEquals("err\n", result.stderr());
        assertFalse(result.outputTruncated());
        assertNull(result.error());
    }

    @Test
    void aNonZeroExitIsAFailure() throws Exception {
        ExecutionResult result = run("command", "sh -c 'echo partial; exit 3'");
        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals(3, result.exitCode());
        assertEquals("partial\n", result.stdout());
        assertEquals("exit status 3", result.error());
    }

    @Test
    void pipesWorkThroughTheShell() throws Exception {
        ExecutionResult result = run("command", "printf 'a\\nb\\nc\\n' | wc -l | tr -d ' '", "shell", "true");
        assertEquals("3\n", result.stdout());
    }

    @Test
    void withoutTheShellWordsAreSplitLikeAShellAndNothingIsExpanded() throws Exception {
        ExecutionResult result = run("command", "printf '[%s]' 'one two' \"three \\\"3\\\"\" four\\ 4 $HOME '|'");
        assertEquals(Outcome.SUCCEEDED, result.outcome(), result::toString);
        assertEquals("[one two][three \"3\"][four 4][$HOME][|]", result.stdout());
    }

    @Test
    void envIsAddedToTheBaseOneWithTheJobName() throws Exception {
        ExecutionResult result = run("command", "echo \"$A-$B-$ENV_JOB_NAME-${PATH:+inherited}\"", "shell", "true",
                "env", "A=1,B=two words");
        assertEquals("1-two words-the-job-inherited\n", result.stdout());
    }

    /** The test's JVM has many variables (JAVA_HOME, MAVEN_…): none but the base ones reach the job. */
    @Test
    void aJobStartsWithACleanEnvironment() throws Exception {
        ExecutionResult result = run("command", "env", "env", "OWN=mine,PENDULE_CHOSEN=by-the-job");
        assertEquals(Outcome.SUCCEEDED, result.outcome(), result::toString);
        Map<String, String> seen = new HashMap<>();
        result.stdout().lines().map(line -> line.split("=", 2)).forEach(pair -> seen.put(pair[0], pair[1]));
        Set<String> expected = new TreeSet<>(List.of("OWN", "PENDULE_CHOSEN", "ENV_JOB_NAME",
                "PENDULE_EXECUTION_ID", "PENDULE_ATTEMPT"));
        JobEnvironment.BASE.stream().filter(name -> System.getenv(name) != null).forEach(expected::add);
        assertEquals(expected, new TreeSet<>(seen.keySet()), result.stdout());
        assertEquals("mine", seen.get("OWN"));
        assertEquals(System.getenv("PATH"), seen.get("PATH"));
    }

    /** Needs root, as a node that runs jobs as other accounts does: the CI machines run the tests as root. */
    @Test
    void suRunsTheCommandAsThatAccountWithItsHomeAndGroups() throws Exception {
        assumeTrue(RunAsCommand.pendulesUid() == 0, "only root may run a job as another account");
        ExecutionResult result = run("command", "id -un; id -gn; id -u; echo \"$HOME $USER\"; touch /root/written-by-nobody",
                "shell", "true", "su", "nobody");
        assertEquals(Outcome.FAILED, result.outcome(), "nobody may not write in /root: " + result);
        RunAsCommand.Account nobody = RunAsCommand.SYSTEM.user("nobody").orElseThrow();
        assertEquals("nobody\n" + RunAsCommand.SYSTEM.user("nobody").map(a -> groupName(a.gid())).orElseThrow() + "\n"
                + nobody.uid() + "\n" + nobody.home() + " nobody\n", result.stdout());
        assertTrue(result.stderr().contains("Permission denied"), result.stderr());
        assertFalse(Files.exists(Path.of("/root/written-by-nobody")));
    }

    @Test
    void suNamingAnUnknownAccountFailsTheRunSayingSo() throws Exception {
        ExecutionResult result = run("command", "id", "su", "no-such-account-here");
        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("su: there is no user no-such-account-here on this node", result.error());
    }

    private static String groupName(long gid) {
        try {
            Process getent = new ProcessBuilder("getent", "group", Long.toString(gid)).start();
            return new String(getent.getInputStream().readAllBytes()).split(":")[0];
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void runsInTheWorkingDirectory() throws Exception {
        ExecutionResult result = run("command", "pwd", "cwd", dir.toString());
        assertEquals(dir.toRealPath() + "\n", result.stdout());
    }

    @Test
    void aMissingWorkingDirectoryFailsClearly() throws Exception {
        ExecutionResult result = run("command", "pwd", "cwd", dir.resolve("gone").toString());
        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.error().contains("does not exist"), result.error());
    }

    @Test
    void aProgramThatCannotStartIsAFailure() throws Exception {
        ExecutionResult result = run("command", "no-such-program-pendule --version");
        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.error().contains("no-such-program-pendule"), result.error());
    }

    @Test
    void thePayloadIsWrittenToStdin() throws Exception {
        String payload = Base64.getEncoder().encodeToString("from payload\n".getBytes());
        ExecutionResult result = run("command", "cat", "payload", payload);
        assertEquals("from payload\n", result.stdout());
    }

    @Test
    void withoutPayloadStdinIsClosed() throws Exception {
        ExecutionResult result = run("command", "cat");
        assertEquals(Outcome.SUCCEEDED, result.outcome());
        assertEquals("", result.stdout());
    }

    @Test
    void aTimeoutKillsTheWholeProcessGroup() throws Exception {
        Path pidFile = dir.resolve("pid");
        ExecutionResult result = run("command", "sh -c 'sleep 30 & echo $! > " + pidFile + "; wait'", "timeout", "1s");
        assertEquals(Outcome.TIMED_OUT, result.outcome());
        assertTrue(result.error().startsWith("shell: Job 'sh -c"), result.error());
        assertTrue(result.error().endsWith("execution time exceeding defined timeout 1s. Job was killed"), result.error());
        long grandchild = Long.parseLong(Files.readString(pidFile).trim());
        assertFalse(isRunning(grandchild), "the forked sleep survived");
    }

    @Test
    void largeOutputKeepsTheTailOfEachStreamAndIsFlagged() throws Exception {
        // 300,000 bytes on stdout without deadlocking while stderr is written too.
        ExecutionResult result = run("command",
                "i=0; while [ $i -lt 3000 ]; do printf '%099d\\n' $i; printf 'e%d\\n' $i >&2; i=$((i+1)); done; echo END",
                "shell", "true");
        assertEquals(Outcome.SUCCEEDED, result.outcome());
        assertTrue(result.outputTruncated());
        assertEquals(TailBuffer.DEFAULT_CAPACITY, result.stdout().length());
        assertTrue(result.stdout().endsWith(String.format("%099d\nEND\n", 2999)));
        assertTrue(result.stderr().startsWith("e0\n") && result.stderr().endsWith("e2999\n"));
    }

    @Test
    void executeDoesNotBlockTheCaller() throws Exception {
        long start = System.nanoTime();
        var stage = EXECUTOR.execute(new ExecutionRequest(1, "job", 1, Map.of("command", "sleep 1")));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 500);
        assertEquals(Outcome.SUCCEEDED, stage.toCompletableFuture().get(5, TimeUnit.SECONDS).outcome());
    }

    @Test
    void aStopSignalKillsTheCommandAndWhatItForked() throws Exception {
        Path pids = dir.resolve("pids");
        StopSignal stop = new StopSignal();
        var result = EXECUTOR.execute(new ExecutionRequest(1, "job", 1, Map.of("shell", "true",
                "command", "echo started; sleep 30 & echo $$ $! > " + pids + "; wait"), stop)).toCompletableFuture();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(pids) && Files.readString(pids).trim().contains(" ")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String[] shellAndChild = Files.readString(pids).trim().split(" ");
        stop.stop();
        ExecutionResult stopped = result.get(5, TimeUnit.SECONDS);
        assertEquals("started\n", stopped.stdout());
        assertFalse(isRunning(Long.parseLong(shellAndChild[0])), "the shell survived");
        assertFalse(isRunning(Long.parseLong(shellAndChild[1])), "the forked sleep survived");
    }

    @Test
    void aStopWithAGraceAsksTheGroupToEndThenKillsWhatIgnoresIt() throws Exception {
        Path pids = dir.resolve("pids");
        StopSignal stop = new StopSignal();
        // the shell ends on SIGTERM after saying so; its child ignores SIGTERM and must be killed when the grace is over
        var result = EXECUTOR.execute(new ExecutionRequest(1, "job", 1, Map.of("shell", "true",
                "command", "trap 'echo terminated; exit 143' TERM; sh -c 'trap \"\" TERM; sleep 30' >/dev/null 2>&1 & echo $! > " + pids
                        + "; wait"), stop)).toCompletableFuture();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(pids) && Files.readString(pids).endsWith("\n")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long stubborn = Long.parseLong(Files.readString(pids).trim());
        Thread.sleep(200);
        stop.stop(Duration.ofMillis(1500));
        ExecutionResult stopped = result.get(5, TimeUnit.SECONDS);
        assertEquals("terminated\n", stopped.stdout(), stopped.toString());
        assertEquals(143, stopped.exitCode());
        assertTrue(LiveProcesses.alive(stubborn), "killed before its grace was over");
        assertFalse(isRunning(stubborn), "what ignored SIGTERM survived the grace");
    }

    @Test
    void aRunStoppedBeforeItsProcessStartsNeverStartsIt() throws Exception {
        Path marker = dir.resolve("ran");
        StopSignal stop = new StopSignal();
        stop.stop();
        ExecutionResult result = EXECUTOR.execute(new ExecutionRequest(1, "job", 1,
                Map.of("command", "touch " + marker), stop)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(Outcome.FAILED, result.outcome());
        assertFalse(Files.exists(marker));
    }

    /** A killed orphan may linger as a zombie until init reaps it: that is not running. */
    /** Running for 2 s more: a process killed a moment ago may still be dying. */
    private static boolean isRunning(long pid) throws Exception {
        return LiveProcesses.survives(pid, Duration.ofSeconds(2));
    }

    @Test
    void theRunTellsItsIdentityInEnvironmentVariablesThatReplaceTheJobsOwn() throws Exception {
        Map<String, String> config = Map.of("shell", "true", "env", "PENDULE_ATTEMPT=99,OTHER=kept",
                "command", "echo \"$PENDULE_EXECUTION_ID|$PENDULE_FIRE_AT|$PENDULE_ATTEMPT|$PENDULE_NODE|$OTHER\"");
        RunIdentity identity = new RunIdentity("1765000000123456000-node-a", Instant.parse("2026-12-06T01:02:03.5Z"), 3, "node-a", null);
        ExecutionResult result = EXECUTOR.execute(new ExecutionRequest(7, "job", 3, config, new StopSignal(),
                new RunningOutput(), identity)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals("1765000000123456000-node-a|2026-12-06T01:02:03.500Z|3|node-a|kept\n", result.stdout());
    }

    private static ExecutionResult run(String... keysAndValues) throws Exception {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return EXECUTOR.execute(new ExecutionRequest(1, "the-job", 1, config))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
