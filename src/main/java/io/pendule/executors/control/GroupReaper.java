package io.pendule.executors.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Kills the process groups of this node's shell runs when the node dies, however it dies (kill -9 too): a shell in a
 * session of its own reads the groups to watch from a pipe whose other end only this JVM holds. When the JVM ends, the
 * kernel closes that end, the shell reads end-of-file and kills every group still listed, children and grandchildren
 * alike. A parent-death signal would not do: it reaches the direct child only, and fires when the thread that started
 * the process ends, not the JVM.
 *
 * <p>A group is listed from just after its process started until its run ended; processes a run left behind once it
 * ended are no longer the node's.
 */
final class GroupReaper {

    private static final Logger LOG = Logger.getLogger(GroupReaper.class.getName());

    /** Ignores the signals aimed at the node's terminal or group, and kills what is listed at end-of-file. */
    static final String SCRIPT = """
            trap '' HUP INT TERM
            groups=' '
            while read -r op id; do
              case $op in
                +) groups="$groups$id " ;;
                -) case $groups in *" $id "*) groups="${groups%% $id *} ${groups#* $id }" ;; esac ;;
              esac
            done
            for id in $groups; do kill -KILL -"$id" 2>/dev/null; done
            """;

    private final Set<Long> groups = new LinkedHashSet<>();
    private Process reaper;
    private OutputStream pipe;
    private boolean closed;

    /**
     * Starts the reaper if it is not running: a node killed between a command's start and its watch would leave the
     * command's group behind, and starting a process takes far longer than writing a line to one already there.
     */
    synchronized void ready() {
        if (closed || reaper != null && reaper.isAlive()) {
            return;
        }
        try {
            start();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The reaper of shell process groups could not be started: groups would outlive a crash "
                    + "of this node", e);
            reaper = null;
        }
    }

    /** Watches the group led by {@code pgid}. */
    synchronized void watch(long pgid) {
        groups.add(pgid);
        tell("+ " + pgid);
    }

    /** The run of the group led by {@code pgid} has ended. */
    synchronized void forget(long pgid) {
        if (groups.remove(pgid)) {
            tell("- " + pgid);
        }
    }

    /** The node stops: the groups still listed are killed now, as they would be if it died. */
    synchronized void close() {
        closed = true;
        if (pipe != null) {
            try {
                pipe.close();
                reaper.waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // the reaper is gone already
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void tell(String line) {
        if (closed) {
            return;
        }
        try {
            if (reaper == null || !reaper.isAlive()) {
                start();
            } else {
                write(line);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The reaper of shell process groups could not be told \"" + line
                    + "\": they would outlive a crash of this node", e);
            reaper = null;
        }
    }

    /** A reaper (re)started is told every group listed, this one included. */
    private void start() throws IOException {
        reaper = new ProcessBuilder(ProcessTree.inNewGroup(List.of("sh", "-c", SCRIPT)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        pipe = reaper.getOutputStream();
        for (long pgid : groups) {
            write("+ " + pgid);
        }
    }

    private void write(String line) throws IOException {
        pipe.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        pipe.flush();
    }
}
