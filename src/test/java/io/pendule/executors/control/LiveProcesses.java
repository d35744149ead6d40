package io.pendule.executors.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Whether a process runs, read in /proc: a killed process that nobody has reaped yet is a zombie, not running. */
final class LiveProcesses {

    private LiveProcesses() {
    }

    static boolean alive(long pid) {
        String text;
        try {
            text = Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException gone) {
            return false;
        }
        char state = text.charAt(text.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    /** Whether it is still running after {@code patience}, looking every 50 ms. */
    static boolean survives(long pid, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive(pid)) {
                return false;
            }
            Thread.sleep(50);
        }
        return alive(pid);
    }
}
