package io.pendule.executors.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starting a job's process as the leader of its own process group, and killing that whole group:
 * killing only the direct child would leave what it forked (a backgrounded command, a pipeline) running.
 */
final class ProcessTree {

    private static final boolean HAS_SETSID = Files.isExecutable(Path.of("/usr/bin/setsid"))
            || Files.isExecutable(Path.of("/bin/setsid"));

    private ProcessTree() {
    }

    /** Whether a process started by {@link #inNewGroup} leads a group whose id is its pid. */
    static boolean leadsGroups() {
        return HAS_SETSID;
    }

    /**
     * The command to start so that the program leads a new session and process group whose id is its pid.
     * {@code -w}: should setsid ever have to fork, it waits and passes on the exit status instead of exiting at once.
     */
    static List<String> inNewGroup(List<String> argv) {
        if (!leadsGroups()) {
            return argv;
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("setsid", "-w"), argv.stream()).toList();
    }

    /**
     * Asks the group to end (SIGTERM) and kills it once {@code grace} is over; at once for no grace. Returns at once:
     * many runs may be stopped together.
     */
    static void stop(Process process, Duration grace) {
        if (grace.isZero() || grace.isNegative()) {
            kill(process);
            return;
        }
        // once: a second SIGTERM would run the job's TERM trap a second time while the first one is ending it
        if (!signalGroup(process.pid(), "TERM")) {
            process.toHandle().destroy(); // not Process.destroy: it closes the pipes, losing what the run prints as it ends
        }
        CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS).execute(() -> kill(process));
    }

    static void kill(Process process) {
        // Descendants are listed before anything dies, since orphans are re-parented out of reach.
        List<ProcessHandle> descendants = process.descendants().toList();
        signalGroup(process.pid(), "KILL");
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Sends the signal to the process group; returns whether it was sent. By the shell's kill, not kill(1): that one is
     * procps', which slim container images leave out (ContainerImageIT found a stopping node's runs never ending so).
     */
    private static boolean signalGroup(long pgid, String signal) {
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s \"$0\" -- \"$1\"", signal, "-" + pgid)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.getOutputStream().close();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false; // No /bin/sh: the descendants and the process itself are still destroyed one by one.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
