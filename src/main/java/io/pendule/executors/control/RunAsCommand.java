package io.pendule.executors.control;

import io.pendule.executors.entity.RunAs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A shell job's command run as another account (Dkron's {@code su} key), through util-linux's {@code setpriv}: it
 * switches the real and effective user and group, and the supplementary groups of the user, then runs the command in
 * place, so the process group, its signals and its exit code stay the job's. Only a worker running as root may switch;
 * elsewhere a job may name only the account Pendule runs as. The accounts are those of the worker's system, looked up
 * with {@code getent} (files, LDAP, SSSD alike) when a run starts.
 */
final class RunAsCommand {

    /** An account of the worker's system. */
    record Account(String name, long uid, long gid, String home) {
    }

    /** The system's accounts. */
    interface Accounts {

        Optional<Account> user(String name);

        OptionalLong group(String name);
    }

    /** The command and who it runs as. */
    record Switch(List<String> argv, Account account) {
    }

    static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private RunAsCommand() {
    }

    /** {@code argv} to run as {@code runAs}; throws, saying why, when this worker cannot. */
    static Switch of(RunAs runAs, List<String> argv, long pendulesUid, Accounts accounts, boolean hasSetpriv) throws IOException {
        Account account = accounts.user(runAs.user())
                .orElseThrow(() -> new IOException("su: there is no user " + runAs.user() + " on this node"));
        long gid = runAs.group() == null ? account.gid() : accounts.group(runAs.group())
                .orElseThrow(() -> new IOException("su: there is no group " + runAs.group() + " on this node"));
        if (account.uid() == pendulesUid && gid == account.gid() && runAs.group() == null) {
            return new Switch(argv, account); // already that account
        }
        if (pendulesUid != 0) {
            throw new IOException("su: Pendule runs as uid " + pendulesUid + " on this node, not as root, so its jobs run "
                    + "as that account only");
        }
        if (!hasSetpriv) {
            throw new IOException("su: " + SETPRIV + " (util-linux) is missing on this node");
        }
        List<String> switched = Stream.concat(Stream.of(SETPRIV.toString(), "--reuid=" + account.uid(), "--regid=" + gid,
                "--init-groups", "--"), argv.stream()).toList();
        return new Switch(switched, account);
    }

    /** The uid this process runs as (Linux: the owner of /proc/self). */
    static long pendulesUid() throws IOException {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    }

    /** The accounts as {@code getent} reads them. */
    static final Accounts SYSTEM = new Accounts() {
        @Override
        public Optional<Account> user(String name) {
            return getent("passwd", name).map(fields -> new Account(fields[0], Long.parseLong(fields[2]),
                    Long.parseLong(fields[3]), fields[5]));
        }

        @Override
        public OptionalLong group(String name) {
            return getent("group", name).map(fields -> OptionalLong.of(Long.parseLong(fields[2]))).orElse(OptionalLong.empty());
        }
    };

    private static Optional<String[]> getent(String database, String key) {
        try {
            Process getent = new ProcessBuilder("getent", database, key).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            getent.getOutputStream().close();
            String line = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!getent.waitFor(10, TimeUnit.SECONDS) || getent.exitValue() != 0 || line.isEmpty()) {
                return Optional.empty();
            }
            String[] fields = line.lines().findFirst().orElse("").split(":", -1);
            return fields.length >= (database.equals("passwd") ? 7 : 3) ? Optional.of(fields) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
