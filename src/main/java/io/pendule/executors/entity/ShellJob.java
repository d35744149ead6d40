package io.pendule.executors.entity;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A valid shell executor_config.
 *
 * @param command     the command as the user wrote it, for messages
 * @param argv        what is executed: the split command, or {@code /bin/sh -c command}
 * @param env         the job's variables, added to the few a job starts with (executors.control.JobEnvironment)
 * @param cwd         working directory, or null for the server's
 * @param timeout     null when the run may last forever
 * @param timeoutText the timeout as written, for messages
 * @param payload     bytes written to stdin, or null to close stdin at once
 * @param runAs       the account it runs as, or null for Pendule's own
 */
public record ShellJob(String command, List<String> argv, Map<String, String> env, String cwd,
                       Duration timeout, String timeoutText, byte[] payload, RunAs runAs) {

    public ShellJob {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }
}
