package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A secret's value never comes back from a run (docs/secrets.md, "Masking"): a shell job printing it to stdout and
 * stderr, an HTTP service echoing it in its answer, an error message holding it and the notification telling of that
 * failure (a webhook whose URL is a reference, and an e-mail sent with an SMTP password that is a reference too) all show {@code ***} in its place; a value printed in two parts seconds apart never shows its first part in
 * the live output. Run once per database by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SecretMaskingScenarios {

    static final String ADMIN_TOKEN = "masking-it-admin-token-0123456789-abcdefghij";
    static final SmtpSink SMTP = smtpSink();
    /** The SMTP password is a reference too: resolved when a mail is sent. */
    static final String SETTINGS = "pendule.admin.token=" + ADMIN_TOKEN + "\npendule.admin.password=masking-it-admin-password\n"
            + "pendule.secret.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\npendule.smtp.host=127.0.0.1\n"
            + "pendule.smtp.port=" + SMTP.port() + "\npendule.smtp.from=pendule@it.example\npendule.smtp.user=mailer\n"
            + "pendule.smtp.password=${secret:smtp-password}\n";
    static final String SMTP_PASSWORD = "smtp-pw-" + Long.toHexString(System.nanoTime());
    static final String VALUE = "m4sk-me/" + Long.toHexString(System.nanoTime()) + "+\"quoted\"";
    static final String HOST = "no-such-host-" + Long.toHexString(System.nanoTime()) + ".invalid";

    private static HttpServer echo;
    private static final List<String> notified = new CopyOnWriteArrayList<>();

    @ArquillianResource
    URL base;

    /** Answers each request with its Authorization header as JSON, and in a query string; keeps notifications. */
    @BeforeAll
    static void startEcho() throws IOException {
        notified.clear();
        SMTP.mails.clear();
        SMTP.signIns.clear();
        echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        echo.createContext("/echo", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (Api.JSON.createObjectNode().put("authorization", authorization) + "\nnext=/x?auth="
                    + URLEncoder.encode(authorization, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        echo.createContext("/notify", exchange -> {
            notified.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        echo.start();
    }

    @AfterAll
    static void stopEcho() {
        echo.stop(0); // the SMTP sink stays: the settings of each database's deployment name its port
    }

    private static SmtpSink smtpSink() {
        try {
            return new SmtpSink();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Api api() {
        return new Api(base.toString() + "v1").withToken(ADMIN_TOKEN);
    }

    static void assertNoValue(String text) {
        assertFalse(text.contains(VALUE), "the secret's value in " + text);
        assertFalse(text.contains(HOST), "the secret host name in " + text);
    }

    JsonNode runAndWait(String job) {
        Api.Answer run = api().post("/jobs/" + job + "?wait=true", "");
        assertEquals(200, run.status(), run.body());
        assertNoValue(run.body());
        return run.json();
    }

    static ObjectNode job(String name, String executor) {
        ObjectNode job = Api.JSON.createObjectNode().put("name", name).put("schedule", "@manually").put("executor", executor);
        job.putObject("executor_config");
        return job;
    }

    @Test
    @Order(1)
    void theSecretsAreStored() {
        assertEquals(201, api().post("/secrets", Api.JSON.createObjectNode().put("name", "mask-token").put("value", VALUE)
                .toString()).status());
        assertEquals(201, api().post("/secrets", Api.JSON.createObjectNode().put("name", "mask-host").put("value", HOST)
                .toString()).status());
        assertEquals(201, api().post("/secrets", Api.JSON.createObjectNode().put("name", "smtp-password")
                .put("value", SMTP_PASSWORD).toString()).status());
        assertEquals(201, api().post("/secrets", Api.JSON.createObjectNode().put("name", "hook-path").put("value", "notify")
                .toString()).status());
    }

    @Test
    @Order(2)
    void aShellJobPrintingItsSecretShowsTheMask() {
        ObjectNode job = job("prints-secret", "shell");
        ((ObjectNode) job.get("executor_config")).put("shell", "true").put("env", "TOKEN=${secret:mask-token}")
                .put("command", "echo \"out: $TOKEN\"; echo \"err: $TOKEN\" >&2; exit 3");
        assertEquals(201, api().post("/jobs", job.toString()).status());
        JsonNode run = runAndWait("prints-secret");
        assertEquals("failed", run.get("status").asText(), run.toString());
        assertEquals("out: ***\n", run.get("stdout").asText());
        assertEquals("err: ***\n", run.get("stderr").asText());
        assertEquals(3, run.get("exit_code").asInt(), "the run itself went as it would have");
        assertNoValue(api().get("/jobs/prints-secret/executions").body());
    }

    @Test
    @Order(3)
    void anHttpAnswerEchoingTheSecretShowsTheMaskInEachForm() {
        ObjectNode job = job("echoes-secret", "http");
        ((ObjectNode) job.get("executor_config")).put("method", "GET")
                .put("url", "http://127.0.0.1:" + echo.getAddress().getPort() + "/echo")
                .put("headers", "[\"Authorization: Bearer ${secret:mask-token}\"]");
        assertEquals(201, api().post("/jobs", job.toString()).status());
        JsonNode run = runAndWait("echoes-secret");
        assertEquals("succeeded", run.get("status").asText(), run.toString());
        String stdout = run.get("stdout").asText();
        assertTrue(stdout.startsWith("{\"authorization\":\"Bearer ***\"}"), stdout);
        assertTrue(stdout.contains("auth=Bearer+***"), stdout);
    }

    @Test
    @Order(4)
    void anErrorHoldingTheSecretAndItsNotificationShowTheMask() throws InterruptedException {
        ObjectNode job = job("fails-with-secret", "http");
        ((ObjectNode) job.get("executor_config")).put("method", "GET").put("url", "http://${secret:mask-host}/");
        job.put("owner_email", "ops@it.example");
        job.putArray("notifications").addObject().put("on", "failure")
                .put("webhook", "http://127.0.0.1:" + echo.getAddress().getPort() + "/${secret:hook-path}").put("email", true);
        Api.Answer saved = api().post("/jobs", job.toString());
        assertEquals(201, saved.status(), saved.body());
        JsonNode run = runAndWait("fails-with-secret");
        assertEquals("failed", run.get("status").asText(), run.toString());
        assertTrue(run.get("error").asText().contains("UnknownHostException: ***"), run.get("error").asText());
        Instant deadline = Instant.now().plusSeconds(30);
        while (notified.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(1, notified.size(), "the failure was notified");
        assertTrue(notified.get(0).contains("***"), notified.get(0));
        assertNoValue(notified.get(0));
        while (SMTP.mails.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(List.of("mailer:" + SMTP_PASSWORD), SMTP.signIns, "the SMTP password came from the store");
        assertEquals(1, SMTP.mails.size(), "the failure was mailed");
        assertTrue(SMTP.mails.get(0).data().contains("***"), SMTP.mails.get(0).data());
        assertNoValue(SMTP.mails.get(0).data());
    }

    @Test
    @Order(5)
    void aValuePrintedInTwoPartsNeverShowsItsFirstPartLive() throws InterruptedException {
        String firstPart = VALUE.substring(0, 8);
        ObjectNode job = job("prints-secret-slowly", "shell");
        ((ObjectNode) job.get("executor_config")).put("shell", "true").put("env", "TOKEN=${secret:mask-token}")
                .put("command", "echo started; printf '%s' \"$TOKEN\" | cut -c1-8 | tr -d '\\n'; sleep 4; "
                        + "printf '%s\\n' \"$TOKEN\" | cut -c9-; echo done");
        assertEquals(201, api().post("/jobs", job.toString()).status());
        Api.Answer started = api().post("/jobs/prints-secret-slowly", "");
        assertEquals(202, started.status(), started.body());

        boolean seenLive = false;
        JsonNode last = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            last = api().get("/jobs/prints-secret-slowly/executions").json().get(0);
            String stdout = last.get("stdout").asText();
            assertFalse(stdout.contains(firstPart), "the value's first part shown live: " + stdout);
            if (last.get("status").asText().equals("running") && stdout.startsWith("started")) {
                seenLive = true;
            }
            if (!last.get("finished_at").asText().startsWith("0001")) {
                break;
            }
            Thread.sleep(150);
        }
        assertTrue(seenLive, "the live output was looked at while the run went on");
        assertEquals("succeeded", last.get("status").asText(), last.toString());
        assertEquals("started\n***\ndone\n", last.get("stdout").asText());
    }
}
