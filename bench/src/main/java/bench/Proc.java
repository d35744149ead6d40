package bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Readings from /proc: CPU ticks (1 tick = 10 ms at USER_HZ 100) and resident memory. */
final class Proc {
    static final double MS_PER_TICK = 10.0;

    private Proc() {
    }

    /** utime+stime of one process, in ticks; -1 if it is gone. */
    static long cpuTicks(long pid) {
        try {
            String[] f = statFields(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return -1;
        }
    }

    /** fields of /proc/pid/stat after the command name: [0] is state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime */
    private static String[] statFields(Path stat) throws Exception {
        String st = Files.readString(stat);
        return st.substring(st.lastIndexOf(')') + 2).split(" ");
    }

    /**
     * CPU ticks of every process named "postgres" (postmaster, backends, background workers), plus the
     * cutime+cstime of the postmaster, where the time of backends that have exited is accounted.
     */
    static long pgTicks() {
        long sum = 0;
        File[] procs = new File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
        if (procs == null) {
            return 0;
        }
        for (File p : procs) {
            try {
                String comm = Files.readString(p.toPath().resolve("comm")).trim();
                if (!comm.equals("postgres")) {
                    continue;
                }
                String[] f = statFields(p.toPath().resolve("stat"));
                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } catch (Exception ignored) {
                // process went away
            }
        }
        return sum;
    }

    /** VmRSS in MiB, or -1. */
    static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception ignored) {
            // gone
        }
        return -1;
    }

    /** [busy, total] ticks of the whole machine, from /proc/stat */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[]{total - idle, total};
        } catch (Exception e) {
            return new long[]{0, 1};
        }
    }

    static double selfCpuMs() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(0.0);
    }
}
