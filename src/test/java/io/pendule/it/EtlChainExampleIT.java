package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ETL chain of docs/examples/etl-chain (seed 003), exactly as shipped: its three job files and shell scripts, with
 * only what must differ here put in (the scripts' folder, the shared work folder, the export's URL, the warehouse's
 * host and database, the failure hook). Two real nodes on one fresh PostgreSQL: one serves the API and runs jobs, the
 * other is a worker with the tag the load requires and the credentials, in its PENDULE_SECRETS_DIR. A run of the
 * extract runs the transform then the load, in that order, the load on the tagged worker, writing into a second
 * database as the user the secret file names (as do loads run by hand); no output holds the password. A bad export
 * then fails the transform, and the load is not queued: the warehouse is left as it was, and the failure reaches the
 * hook.
 */
class EtlChainExampleIT {

    private static final Path EXAMPLE = Path.of("docs/examples/etl-chain");
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final String WAREHOUSE = "pendule_it_etl_warehouse";
    private static final String TAGGED = "etl-db-worker";

    @Test
    void theShippedChainRunsInOrderLoadsOnlyOnTheTaggedWorkerAndStopsAtAFailedTransform() throws Exception {
        Path dir = PenduleProcess.freshDataDir("etl");
        Path work = Files.createDirectories(dir.resolve("shared-work"));
        Path export = dir.resolve("orders-export.csv");
        String password = "pw-" + UUID.randomUUID();
        Path secrets = Files.createDirectories(dir.resolve("db-worker-secrets"));
        Files.writeString(secrets.resolve("etl-db-user"), "etl_loader\n");
        Files.writeString(secrets.resolve("etl-db-password"), password + "\n");
        String warehouse = TestDatabases.freshPostgres(WAREHOUSE);
        prepareWarehouse(warehouse, password);
        Files.writeString(export, """
                order_id;order_date;customer;amount_eur\r
                1001;05/12/2026;Boulangerie "Chez Paul";12,50\r
                1002;05/12/2026; Dupont & Fils ;1234\r
                1003;06/12/2026;Café de la Gare;7,8\r
                """);
        String db = TestDatabases.freshPostgres("pendule_it_etl");
        Map<String, Path> logs = Map.of("etl-api", dir.resolve("etl-api.log"), TAGGED, dir.resolve(TAGGED + ".log"));
        try (CountingServer hook = new CountingServer();
             PenduleProcess api = PenduleProcess.start("etl-api", db, PenduleProcess.freshDataDir("etl-api"), Map.of(),
                     logs.get("etl-api"));
             PenduleProcess tagged = PenduleProcess.start(TAGGED, db, PenduleProcess.freshDataDir("etl-db-worker"),
                     Map.of("PENDULE_ROLES", "worker", "PENDULE_NODE_TAGS", "network=warehouse",
                             "PENDULE_SECRETS_DIR", secrets.toString()), logs.get(TAGGED))) {
            Api client = api.api();
            Api.Answer created = null;
            for (String job : List.of("extract", "transform", "load")) {
                created = client.post("/jobs", shipped(job, work, export, hook));
                assertEquals(201, created.status(), job + ": " + created.body());
            }
            String warning = String.join("\n", created.headers().allValues("Warning"));
            assertTrue(warning.contains("secret etl-db-password is not found now"),
                    "the API node has not the secrets, the tagged worker has: " + warning);
            JsonNode extractJob = client.get("/jobs/etl-extract").json();
            assertEquals("0 30 3 * * *", extractJob.get("schedule").asText());
            assertEquals("Europe/Paris", extractJob.get("timezone").asText());
            assertTrue(client.get("/jobs/etl-load").body().contains("PGPASSWORD=${secret:etl-db-password}"),
                    "the job keeps the reference");

            long good = runNow(client);
            JsonNode extract = finishedIn(client, "etl-extract", good);
            JsonNode transform = finishedIn(client, "etl-transform", good);
            JsonNode load = finishedIn(client, "etl-load", good);
            for (JsonNode run : List.of(extract, transform, load)) {
                assertEquals("succeeded", run.get("status").asText(), run.toString());
            }
            assertEquals("dependency", transform.get("trigger").asText());
            assertEquals("dependency", load.get("trigger").asText());
            assertFalse(at(transform, "started_at").isBefore(at(extract, "finished_at")), "transform after extract: " + transform);
            assertFalse(at(load, "started_at").isBefore(at(transform, "finished_at")), "load after transform: " + load);
            assertEquals(TAGGED, load.get("node_name").asText(), "only the tagged worker reaches the database");
            assertTrue(load.get("stdout").asText().contains("load: 3 rows upserted into orders"), load.toString());

            assertEquals(List.of(load.get("id").asText() + " 3 etl_loader"), TestDatabases.query(warehouse,
                    "SELECT execution_id, row_count, loaded_by FROM etl_load", rs -> rs.getString(1) + " " + rs.getInt(2)
                            + " " + rs.getString(3)), "one load, made by this execution as the user of the secret file");
            assertEquals(List.of("1001 2026-12-05 Boulangerie \"Chez Paul\" 12.50", "1002 2026-12-05 Dupont & Fils 1234.00",
                    "1003 2026-12-06 Café de la Gare 7.80"), orders(warehouse));

            // loads run by hand go to the tagged worker too (the api node, a worker as well, never takes one), and
            // change nothing: the same rows, upserted
            for (int i = 0; i < 2; i++) {
                Api.Answer again = client.post("/jobs/etl-load?wait=true", "");
                assertEquals(200, again.status(), again.body());
                assertEquals(TAGGED, again.json().get("node_name").asText(), again.body());
                assertTrue(again.json().get("success").asBoolean(), again.body());
            }
            assertEquals(3, TestDatabases.query(warehouse, "SELECT 1 FROM etl_load WHERE loaded_by = 'etl_loader'", rs -> 1).size());
            List<String> loaded = orders(warehouse);
            assertEquals(3, loaded.size(), loaded.toString());

            // a bad export: the transform refuses it, so the load is not queued and the warehouse stays as it was
            Files.writeString(export, "order_id;order_date;customer;amount_eur\n1004;06/12/2026;Épicerie;douze\n");
            long bad = runNow(client);
            assertEquals("succeeded", finishedIn(client, "etl-extract", bad).get("status").asText());
            JsonNode failed = finishedIn(client, "etl-transform", bad);
            assertEquals("failed", failed.get("status").asText(), failed.toString());
            assertTrue(failed.get("stderr").asText().contains("raw.csv line 2: amount_eur is not an amount: douze"), failed.toString());
            assertTrue(transform.get("stdout").asText().startsWith("transform: 3 rows into "), transform.toString());
            awaitHook(hook, "\"job\":\"etl-transform\"");
            awaitFollowUpsDone(db, failed.get("execution_id").asLong());
            assertFalse(groups(client, "etl-load").contains(bad), "no load after the failed transform");
            assertEquals(3, groups(client, "etl-load").size());
            assertEquals("failed", client.get("/jobs/etl-transform").json().get("status").asText(), "the chain's failure shows");
            assertFalse(Files.exists(work.resolve("clean.csv")), "the failed transform left no clean.csv to load");
            assertEquals(loaded, orders(warehouse), "the warehouse is as it was");
            assertEquals(3, TestDatabases.query(warehouse, "SELECT 1 FROM etl_load", rs -> 1).size());

            for (String job : List.of("etl-extract", "etl-transform", "etl-load")) {
                String executions = client.get("/jobs/" + job + "/executions").body();
                assertFalse(executions.contains(password), job + " shows the password");
            }
        }
        logs.forEach((node, log) -> assertFalse(read(log).contains(password), node + "'s log holds the password"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The example's job file, with only what differs on this machine put in; each replaced text must be there. */
    private static String shipped(String job, Path work, Path export, CountingServer hook) throws IOException {
        String json = Files.readString(EXAMPLE.resolve(job + ".json"));
        json = replace(json, "/opt/etl/", EXAMPLE.toAbsolutePath() + "/");
        json = replace(json, "ETL_WORK_DIR=/srv/etl", "ETL_WORK_DIR=" + work);
        json = replace(json, "https://hooks.example.org/etl-chain", hook.url("/etl-chain"));
        if (job.equals("extract")) {
            json = replace(json, "https://minio.example.org/exports/orders/latest.csv", export.toUri().toString());
        }
        if (job.equals("load")) {
            json = replace(json, "PGHOST=warehouse.internal", "PGHOST=127.0.0.1");
            json = replace(json, "PGDATABASE=etl,", "PGDATABASE=" + WAREHOUSE + ",");
        }
        return json;
    }

    private static String replace(String text, String from, String to) {
        assertTrue(text.contains(from), "the example no longer holds " + from);
        return text.replace(from, to);
    }

    /** The loader's role (its password that of the secret file) and the example's schema.sql, as its README says. */
    private static void prepareWarehouse(String warehouse, String password) throws Exception {
        try (Connection c = TestDatabases.connect(warehouse); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'etl_loader') THEN "
                    + "CREATE ROLE etl_loader LOGIN; END IF; END $$");
            s.execute("ALTER ROLE etl_loader PASSWORD '" + password + "'");
            s.execute(Files.readString(EXAMPLE.resolve("schema.sql")));
        }
    }

    /** Runs the extract now; returns the run group its chain shares. */
    private static long runNow(Api client) {
        Api.Answer run = client.post("/jobs/etl-extract", "");
        assertEquals(202, run.status(), run.body());
        return Long.parseLong(run.header("X-Execution-Id"));
    }

    /** The job's one execution in the group, once it has ended. */
    private static JsonNode finishedIn(Api client, String job, long group) throws InterruptedException {
        JsonNode all = client.await("/jobs/" + job + "/executions", PATIENCE, executions -> inGroup(executions, group).stream()
                .anyMatch(e -> !e.get("status").asText().matches("queued|running")));
        List<JsonNode> found = inGroup(all, group);
        assertEquals(1, found.size(), all.toString());
        return found.get(0);
    }

    private static List<JsonNode> inGroup(JsonNode executions, long group) {
        return StreamSupport.stream(executions.spliterator(), false).filter(e -> e.get("group").asLong() == group).toList();
    }

    private static List<Long> groups(Api client, String job) {
        return StreamSupport.stream(client.get("/jobs/" + job + "/executions").json().spliterator(), false)
                .map(e -> e.get("group").asLong()).toList();
    }

    private static Instant at(JsonNode execution, String field) {
        return Instant.parse(execution.get(field).asText());
    }

    private static List<String> orders(String warehouse) {
        return TestDatabases.query(warehouse, "SELECT order_id, order_date, customer, amount_eur FROM orders ORDER BY order_id",
                rs -> rs.getLong(1) + " " + rs.getDate(2) + " " + rs.getString(3) + " " + rs.getObject(4, BigDecimal.class).toPlainString());
    }

    private static void awaitHook(CountingServer hook, String fragment) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (hook.hits.stream().noneMatch(h -> h.body().contains(fragment))) {
            assertTrue(Instant.now().isBefore(deadline), "no failure notification holding " + fragment + ": " + hook.hits);
            Thread.sleep(100);
        }
    }

    /** Waits until what follows the execution's outcome (its dependents, its notifications) has been done. */
    private static void awaitFollowUpsDone(String db, long executionId) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!TestDatabases.query(db, "SELECT 1 FROM follow_up WHERE execution_id = ?", rs -> 1, executionId).isEmpty()) {
            assertTrue(Instant.now().isBefore(deadline), "the follow-ups of " + executionId + " were not done");
            Thread.sleep(100);
        }
    }
}
