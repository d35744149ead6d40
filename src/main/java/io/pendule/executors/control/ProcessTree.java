package io.pendule.executors.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * The command to start so that the program leads a new session and process group whose id is its pid.
     * {@code -w}: should setsid ever have to fork, it waits and passes on the exit status instead of exiting at once.
     */
    static List<String> inNewGroup(List<String> argv) {
        if (!HAS_SETSID) {
            return argv;
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("setsid", "-w"), argv.stream()).toList();
    }

    static void kill(Process process) {
        // Descendants are listed before anything dies, since orphans are re-parented out of reach.
        List<ProcessHandle> descendants = process.descendants().toList();
        killGroup(process.pid());
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void killGroup(long pgid) {
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.getOutputStream().close();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // No kill(1): the descendants and the process itself are still destroyed one by one.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
