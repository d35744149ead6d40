package io.pendule.packs.control;

import io.pendule.packs.entity.PackEndpoint;
import io.pendule.packs.entity.PackJob;
import io.pendule.packs.entity.PackVersion;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables a pack's bootstrap-script.sh is given (docs/packs.md, "Environment"), on top of the few a shell job
 * starts with (executors.control.JobEnvironment: PATH, HOME, LANG… ENV_JOB_NAME, PENDULE_EXECUTION_ID…): the pack,
 * its working copy and configurations, the endpoint of the execution with its resolved credentials, the connection to
 * Pendule's database, and the pack's virtualenv first on PATH.
 */
final class PackRunEnvironment {

    /** What one execution runs with, found when it starts. */
    record Inputs(PackVersion pack, PackJob job, Path workingCopy, String packConfig, String endpointConfig,
                  List<String> endpoints, Map<String, String> database, Path virtualenv, String pendulesPath) {
    }

    private PackRunEnvironment() {
    }

    static Map<String, String> of(Inputs in) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PENDULE_PACK_NAME", in.pack().name());
        env.put("PENDULE_PACK_VERSION", in.pack().version());
        env.put("PENDULE_PACK_TYPE", in.pack().type().code());
        env.put("PENDULE_PACK_DIR", in.workingCopy().toString());
        env.put("PENDULE_PACK_CONFIG", orEmptyObject(in.packConfig()));
        PackEndpoint endpoint = in.job().endpoint();
        if (endpoint != null) {
            env.put("PENDULE_ENDPOINT_SLUG", endpoint.slug());
            env.put("PENDULE_ENDPOINT_NAME", endpoint.name());
            env.put("PENDULE_ENDPOINT_KIND", endpoint.kind());
            env.put("PENDULE_ENDPOINT_URL", endpoint.url());
            env.put("PENDULE_ENDPOINT_CREDENTIALS", endpoint.credentials());
            env.put("PENDULE_ENDPOINT_CONFIG", orEmptyObject(in.endpointConfig()));
        } else {
            env.put("PENDULE_ENDPOINTS", String.join(" ", in.endpoints()));
        }
        env.putAll(in.database());
        if (in.virtualenv() != null) {
            env.put("VIRTUAL_ENV", in.virtualenv().toString());
            String bin = in.virtualenv().resolve("bin").toString();
            env.put("PATH", in.pendulesPath() == null || in.pendulesPath().isEmpty() ? bin : bin + ":" + in.pendulesPath());
        }
        return env;
    }

    private static String orEmptyObject(String json) {
        return json == null || json.isBlank() ? "{}" : json;
    }
}
