package io.pendule.executors.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real process groups, with a grandchild each, and a real reaper shell: closing its pipe is what a dying JVM does. */
class GroupReaperTest {

    @TempDir
    Path dir;

    @Test
    void theGroupsStillWatchedDieWithTheirGrandchildrenWhenThePipeCloses() throws Exception {
        GroupReaper reaper = new GroupReaper();
        Process watched = groupWithGrandchild("watched");
        Process forgotten = groupWithGrandchild("forgotten");
        reaper.watch(watched.pid());
        reaper.watch(forgotten.pid());
        reaper.forget(forgotten.pid());
        long watchedChild = pidIn("watched");
        long forgottenChild = pidIn("forgotten");

        reaper.close();

        assertTrue(watched.waitFor(3, TimeUnit.SECONDS), "the watched group's leader survived");
        assertGone(watchedChild);
        assertTrue(forgotten.isAlive(), "a forgotten group was killed");
        assertTrue(LiveProcesses.alive(forgottenChild));
        ProcessTree.kill(forgotten);
    }

    @Test
    void aReaperKilledByMistakeIsRestartedAndToldEveryGroup() throws Exception {
        GroupReaper reaper = new GroupReaper();
        Process first = groupWithGrandchild("first");
        reaper.watch(first.pid());
        ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("trap"))
                .forEach(ProcessHandle::destroyForcibly);
        Thread.sleep(200);
        Process second = groupWithGrandchild("second");
        reaper.watch(second.pid());

        reaper.close();

        assertTrue(first.waitFor(3, TimeUnit.SECONDS), "the group watched before the restart survived");
        assertTrue(second.waitFor(3, TimeUnit.SECONDS), "the group watched after the restart survived");
    }

    private Process groupWithGrandchild(String name) throws Exception {
        Path pid = dir.resolve(name);
        Process process = new ProcessBuilder(ProcessTree.inNewGroup(List.of("sh", "-c",
                "sleep 300 & echo $! > " + pid + ".tmp; mv " + pid + ".tmp " + pid + "; sleep 301; wait")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Instant deadline = Instant.now().plusSeconds(5);
        while (!Files.exists(pid) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        return process;
    }

    private long pidIn(String name) throws Exception {
        return Long.parseLong(Files.readString(dir.resolve(name)).trim());
    }

    private static void assertGone(long pid) throws Exception {
        assertFalse(LiveProcesses.survives(pid, Duration.ofSeconds(3)), "grandchild " + pid + " survived");
    }
}
