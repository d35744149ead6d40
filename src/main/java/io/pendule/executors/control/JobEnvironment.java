package io.pendule.executors.control;

import io.pendule.executors.entity.RunIdentity;
import io.pendule.executors.entity.ShellJob;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a shell job starts with. Never Pendule's own: it holds Pendule's secrets (PENDULE_DB_PASSWORD,
 * PENDULE_SMTP_PASSWORD, PENDULE_OIDC_CLIENT_SECRET, cloud keys…), and a job's output is read by every viewer. Only
 * the {@link #BASE} variables are taken from Pendule's environment, then come the job's {@code env}, its name
 * (ENV_JOB_NAME, Dkron's) and the run's identity (PENDULE_EXECUTION_ID…), which replace any the job gives.
 */
public final class JobEnvironment {

    /** What programs expect of a login environment: where to find programs, the user, the locale, time zone, temp files. */
    static final List<String> BASE = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME", "SHELL", "TMPDIR");

    private JobEnvironment() {
    }

    static Map<String, String> of(Map<String, String> pendules, ShellJob job, String jobName, RunIdentity identity) {
        Map<String, String> environment = base(pendules);
        environment.putAll(job.env());
        environment.put("ENV_JOB_NAME", jobName);
        environment.putAll(identity.environment());
        return environment;
    }

    /** The {@link #BASE} variables of Pendule's environment {@code pendules}: what a helper program (python3 -m venv) gets. */
    public static Map<String, String> base(Map<String, String> pendules) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String name : BASE) {
            String value = pendules.get(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        return environment;
    }
}
