package io.pendule.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The job mix, sized for two cores (about 15 fires a second): fast {@code @every 1s} http jobs, one-shot {@code @at}
 * jobs (one every 2 s, each calling {@code /hit/<its name>}, so a call names its fire), forbid jobs slower than their
 * period, long shell jobs with a retry, a chain A → B → C (C a fan-in of A and B, with a webhook), and a job tagged
 * for a zone no node serves.
 */
final class ChaosJobs {

    static final int FAST = Integer.getInteger("chaos.fast.jobs", 8);
    static final List<String> FORBID = List.of("forbid-0", "forbid-1");
    static final List<String> SHELL = List.of("shell-0", "shell-1");
    static final String CHAIN_A = "chain-a";
    static final String CHAIN_B = "chain-b";
    static final String CHAIN_C = "chain-c";
    static final String ABSENT_ZONE = "zone-absent";
    static final int AT_EVERY_SECONDS = 2;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;
    private final Receiver receiver;

    ChaosJobs(String nodeRoot, Receiver receiver) {
        this.api = nodeRoot + "/v1/jobs";
        this.receiver = receiver;
    }

    static List<String> fastJobs() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FAST; i++) {
            names.add("fast-" + i);
        }
        return names;
    }

    static String atJob(Instant at) {
        return "at-" + at.getEpochSecond();
    }

    /** Creates every job; the one-shots cover {@code [from, to)}. */
    void create(Instant from, Instant to) throws Exception {
        for (String name : fastJobs()) {
            post(http(name, "@every 1s", "/fast/" + name, ""));
        }
        for (String name : FORBID) {
            post(http(name, "@every 2s", "/slow/" + name + "?ms=3000", ", \"concurrency\": \"forbid\""));
        }
        for (String name : SHELL) {
            String curl = "curl -s -m 5 -H \\\"X-Pendule-Execution: $PENDULE_EXECUTION_ID\\\" -H \\\"X-Pendule-Fire-At: $PENDULE_FIRE_AT\\\""
                    + " -H \\\"X-Pendule-Attempt: $PENDULE_ATTEMPT\\\" " + receiver.url("/shell/") + "$ENV_JOB_NAME; sleep 20";
            post("{\"name\": \"" + name + "\", \"schedule\": \"@every 30s\", \"retries\": 1, \"executor\": \"shell\","
                    + " \"executor_config\": {\"command\": \"" + curl + "\", \"shell\": \"true\", \"timeout\": \"60s\"}}");
        }
        post(http(CHAIN_A, "@every 5s", "/fast/" + CHAIN_A, ""));
        post(http(CHAIN_B, "", "/fast/" + CHAIN_B, ", \"parent_job\": \"" + CHAIN_A + "\""));
        post(http(CHAIN_C, "@manually", "/fast/" + CHAIN_C, ", \"depends_on\": [\"" + CHAIN_A + "\", \"" + CHAIN_B
                + "\"], \"trigger_rule\": \"all_success\", \"notifications\": [{\"on\": \"always\", \"webhook\": \""
                + receiver.url("/webhook/" + CHAIN_C) + "\"}]"));
        post(http(ABSENT_ZONE, "@every 5s", "/fast/" + ABSENT_ZONE, ", \"tags\": {\"zone\": \"absent\"}"));
        // on whole multiples of AT_EVERY_SECONDS, the instants the oracle looks for
        long first = Math.floorDiv(from.getEpochSecond() + AT_EVERY_SECONDS - 1, AT_EVERY_SECONDS) * AT_EVERY_SECONDS;
        for (Instant at = Instant.ofEpochSecond(first); at.isBefore(to); at = at.plusSeconds(AT_EVERY_SECONDS)) {
            post(http(atJob(at), "@at " + at, "/hit/" + atJob(at), ""));
        }
    }

    private String http(String name, String schedule, String path, String more) {
        return "{\"name\": \"" + name + "\", \"schedule\": \"" + schedule + "\", \"executor\": \"http\","
                + " \"executor_config\": {\"method\": \"GET\", \"url\": \"" + receiver.url(path) + "\", \"timeout\": \"30\"}"
                + more + "}";
    }

    private void post(String json) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(api)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", ChaosNode.authorization()).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("POST " + json + " -> " + answer.statusCode() + " " + answer.body());
        }
    }
}
