package io.pendule.executors.control;

import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.Outcome;
import io.pendule.executors.entity.RunIdentity;
import io.pendule.executors.entity.RunningOutput;
import io.pendule.executors.entity.ShellJob;
import io.pendule.executors.entity.StopSignal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One run of a shell job, blocking the calling thread until the process has ended and its output is read. */
final class ShellRun {

    /** How long output may still be read once the process has ended: a descendant that left the group keeps the pipes open. */
    private static final long DRAIN_SECONDS = 2;

    private final ShellJob job;
    private final String jobName;
    private final RunIdentity identity;
    private final GroupReaper reaper;
    private final ExecutorService streams;
    private final StopSignal stop;
    private final RunningOutput output;

    ShellRun(ShellJob job, String jobName, RunIdentity identity, GroupReaper reaper, ExecutorService streams,
             StopSignal stop, RunningOutput output) {
        this.job = job;
        this.jobName = jobName;
        this.identity = identity;
        this.reaper = reaper;
        this.streams = streams;
        this.stop = stop;
        this.output = output;
    }

    ExecutionResult run() {
        Path cwd = job.cwd() == null ? null : Path.of(job.cwd());
        if (cwd != null && !Files.isDirectory(cwd)) {
            return ExecutionResult.failed("cwd: directory \"" + job.cwd() + "\" does not exist");
        }
        if (stop.stopped()) {
            return ExecutionResult.failed("shell: stopped before the command started");
        }
        if (ProcessTree.leadsGroups()) {
            reaper.ready(); // before the command starts, so that watching it below is one write to a live reaper
        }
        Process process;
        try {
            process = start(cwd);
        } catch (IOException e) {
            return ExecutionResult.failed(e.getMessage());
        }
        if (ProcessTree.leadsGroups()) {
            reaper.watch(process.pid());
        }
        try {
            return await(process);
        } finally {
            reaper.forget(process.pid());
        }
    }

    private ExecutionResult await(Process process) {
        stop.onStopWithGrace(grace -> ProcessTree.stop(process, grace));
        TailBuffer stdout = new TailBuffer();
        TailBuffer stderr = new TailBuffer();
        output.from(new Tails(stdout, stderr));
        Future<?> stdoutPump = streams.submit(() -> pump(process.getInputStream(), stdout));
        Future<?> stderrPump = streams.submit(() -> pump(process.getErrorStream(), stderr));
        feedStdin(process);
        try {
            boolean timedOut = !awaitExit(process);
            if (timedOut) {
                ProcessTree.kill(process);
                process.waitFor();
            }
            awaitPump(stdoutPump);
            awaitPump(stderrPump);
            return result(process.exitValue(), timedOut, stdout, stderr);
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            Thread.currentThread().interrupt();
            return new ExecutionResult(Outcome.FAILED, null, stdout.toString(), stderr.toString(),
                    stdout.truncated() || stderr.truncated(), "shell: interrupted, Job was killed");
        }
    }

    private Process start(Path cwd) throws IOException {
        Map<String, String> environment = JobEnvironment.of(System.getenv(), job, jobName, identity);
        String program = job.argv().get(0);
        if (!Executables.canRun(program, cwd, environment.get("PATH"))) {
            throw new IOException("Cannot run program \"" + program + "\": No such file or not executable");
        }
        List<String> argv = job.argv();
        if (job.runAs() != null) {
            RunAsCommand.Switch switched = RunAsCommand.of(job.runAs(), argv, RunAsCommand.pendulesUid(), RunAsCommand.SYSTEM,
                    Files.isExecutable(RunAsCommand.SETPRIV));
            argv = switched.argv();
            Map<String, String> account = Map.of("HOME", switched.account().home(), "USER", switched.account().name(),
                    "LOGNAME", switched.account().name());
            account.forEach((name, value) -> {
                if (!job.env().containsKey(name)) {
                    environment.put(name, value);
                }
            });
        }
        ProcessBuilder builder = new ProcessBuilder(ProcessTree.inNewGroup(argv));
        if (cwd != null) {
            builder.directory(cwd.toFile());
        }
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    private void feedStdin(Process process) {
        OutputStream stdin = process.getOutputStream();
        if (job.payload() == null) {
            closeQuietly(stdin);
            return;
        }
        // On its own thread: a process that prints before reading would otherwise block us both.
        streams.submit(() -> {
            try (stdin) {
                stdin.write(job.payload());
            } catch (IOException processDidNotReadItAll) {
                // The process decides what to read; not a failure of the run.
            }
        });
    }

    private boolean awaitExit(Process process) throws InterruptedException {
        if (job.timeout() == null) {
            process.waitFor();
            return true;
        }
        return process.waitFor(job.timeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private ExecutionResult result(int exitCode, boolean timedOut, TailBuffer stdout, TailBuffer stderr) {
        boolean truncated = stdout.truncated() || stderr.truncated();
        if (timedOut) {
            return new ExecutionResult(Outcome.TIMED_OUT, exitCode, stdout.toString(), stderr.toString(), truncated,
                    "shell: Job '" + job.command() + "' execution time exceeding defined timeout "
                            + job.timeoutText() + ". Job was killed");
        }
        Outcome outcome = exitCode == 0 ? Outcome.SUCCEEDED : Outcome.FAILED;
        return new ExecutionResult(outcome, exitCode, stdout.toString(), stderr.toString(), truncated,
                exitCode == 0 ? null : "exit status " + exitCode);
    }

    private static void pump(InputStream in, TailBuffer into) {
        byte[] chunk = new byte[8192];
        try (in) {
            int read;
            while ((read = in.read(chunk)) != -1) {
                into.append(chunk, 0, read);
            }
        } catch (IOException streamClosed) {
            // The process was killed or the stream closed: what was read is kept.
        }
    }

    private static void awaitPump(Future<?> pump) throws InterruptedException {
        try {
            pump.get(DRAIN_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Keep what was read so far; the pump ends by itself when the last holder of the pipe exits.
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible.getCause());
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // Nothing to clean up.
        }
    }

    /** The run's two buffers, as the live tail of its page reads them while it goes on. */
    private record Tails(TailBuffer stdout, TailBuffer stderr) implements RunningOutput.Source {

        @Override
        public long written() {
            return stdout.totalBytes() + stderr.totalBytes();
        }

        @Override
        public RunningOutput.Snapshot tail(int maxBytes) {
            return new RunningOutput.Snapshot(stdout.tail(maxBytes), stderr.tail(maxBytes),
                    stdout.totalBytes() > maxBytes || stderr.totalBytes() > maxBytes);
        }
    }

    /** Why the check is ours: setsid starts the program, so a missing one would otherwise look like an exit status. */
    static final class Executables {

        private Executables() {
        }

        static boolean canRun(String program, Path cwd, String path) {
            if (program.contains("/")) {
                Path file = cwd == null ? Path.of(program) : cwd.resolve(program);
                return isExecutableFile(file);
            }
            if (path == null) {
                return false;
            }
            for (String dir : path.split(File.pathSeparator)) {
                Path base = dir.isEmpty() ? (cwd == null ? Path.of("") : cwd) : Path.of(dir);
                if (isExecutableFile(base.resolve(program))) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isExecutableFile(Path file) {
            return Files.isRegularFile(file) && Files.isExecutable(file);
        }
    }
}
