package io.pendule.packs.control;

import io.pendule.database.control.Database;
import io.pendule.database.control.PenduleDataSource;
import io.pendule.endpoints.control.Endpoints;
import io.pendule.executors.control.ShellExecutor;
import io.pendule.executors.entity.ConfigError;
import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.Outcome;
import io.pendule.executors.entity.RunIdentity;
import io.pendule.executors.entity.RunTargets;
import io.pendule.executors.entity.RunningOutput;
import io.pendule.executors.entity.StopSignal;
import io.pendule.packs.entity.PackContent;
import io.pendule.packs.entity.PackVersion;
import io.pendule.platform.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pack executor with its real parts on the embedded database (the real migrations, the registry, the matrix's and
 * configurations' tables, the shell executor, real processes): what it validates, the endpoints a run fans out to, the
 * config of one endpoint's execution, and real runs of the test packs: their variables, the virtualenv made once, the
 * create-table SQL applied once (and not at all when a script fails), a failing pack, a pack deleted since, a timeout.
 */
class PackExecutorOnH2Test {

    @TempDir
    static Path dataDir;
    private static DataSource database;
    /** Keeps the embedded database open between the tests' connections (H2 closes it with the last one). */
    private static Connection keeper;
    private static final PackExecutor EXECUTOR = new PackExecutor();
    private static final AtomicLong IDS = new AtomicLong(100);

    @BeforeAll
    static void start() throws Exception {
        Settings settings = Settings.of(Map.of("pendule.data.dir", dataDir.toString(), "pendule.node.name", "h2-node"));
        database = PenduleDataSource.unpooled(settings);
        keeper = database.getConnection();
        Database.migrations(database).load().migrate();
        EXECUTOR.registry = new PackRegistry();
        EXECUTOR.registry.dataSource = database;
        EXECUTOR.activations = new Activations();
        EXECUTOR.activations.dataSource = database;
        EXECUTOR.configs = new PackConfigs();
        EXECUTOR.configs.dataSource = database;
        EXECUTOR.endpoints = new Endpoints();
        var field = Endpoints.class.getDeclaredField("dataSource");
        field.setAccessible(true);
        field.set(EXECUTOR.endpoints, database);
        EXECUTOR.shell = new ShellExecutor();
        EXECUTOR.settings = settings;
        EXECUTOR.time = InstantSource.system();
    }

    @AfterAll
    static void stop() throws SQLException {
        keeper.close();
        EXECUTOR.shutdown();
        EXECUTOR.shell.shutdown();
    }

    @BeforeEach
    void empty() throws SQLException {
        for (String table : List.of("hdm_core_table_corr_db_mp", "hdm_core_table_corr_db_rp", "hdm_pack_metric_conf",
                "hdm_pack_rule_conf", "endpoint", "pack_version", "pack_table_setup")) {
            sql("DELETE FROM " + table);
        }
        sql("DROP TABLE IF EXISTS env_metric_runs");
        sql("DROP TABLE IF EXISTS first_of_two");
    }

    @Test
    void validateAsksTheRegistryForThePackItsVersionAndType() throws Exception {
        assertEquals(List.of("pack"), keys(EXECUTOR.validate(Map.of("pack", "env-metric"))));
        assertTrue(EXECUTOR.validate(Map.of("pack", "env-metric")).get(0).message().contains("import it first"));
        store(TestPacks.fromResources("env-metric"));
        assertEquals(List.of(), EXECUTOR.validate(Map.of("pack", "env-metric")));
        assertEquals(List.of(), EXECUTOR.validate(Map.of("pack", "env-metric", "version", "1.0.0", "type", "metric")));
        List<ConfigError> errors = EXECUTOR.validate(Map.of("pack", "env-metric", "version", "9.9", "type", "rule"));
        assertEquals(List.of("version", "type"), keys(errors));
        assertTrue(errors.get(0).message().contains("it has 1.0.0"), errors.toString());
        assertEquals("pack env-metric is a metric pack", errors.get(1).message());
        assertEquals(List.of("endpoint_credentials"), keys(EXECUTOR.validate(Map.of("pack", "env-metric",
                "endpoint_credentials", "secret"))), "a job never gives an endpoint's credentials");
    }

    @Test
    void aRunFansOutToTheActivatedEndpointsInOrder() throws Exception {
        store(TestPacks.fromResources("env-metric"));
        Map<String, String> job = Map.of("pack", "env-metric", "endpoints_at_once", "2");
        RunTargets none = EXECUTOR.targets(job);
        assertEquals(List.of(), none.targets());
        assertEquals("no endpoint has pack env-metric (metric) activated: activate it in the matrix (/packs/matrix, or PUT "
                + "/v1/activations/metric/env-metric/{slug})", none.whyNone());
        endpoint("db2", null);
        endpoint("db1", null);
        endpoint("db3", null);
        activate("hdm_core_table_corr_db_mp", "mp_key", "env-metric", "db2");
        activate("hdm_core_table_corr_db_mp", "mp_key", "env-metric", "db1");
        activate("hdm_core_table_corr_db_rp", "rp_key", "env-metric", "db3");
        assertEquals(List.of("db1", "db2"), EXECUTOR.targets(job).targets());
        assertEquals(2, EXECUTOR.targetsAtOnce(job));
        assertEquals(0, EXECUTOR.targetsAtOnce(Map.of("pack", "env-metric")));
        assertEquals(RunTargets.ONE, EXECUTOR.targets(Map.of("pack", "env-metric", "per_endpoint", "false")), "HDM's own way");
        assertEquals(RunTargets.ONE, EXECUTOR.targets(Map.of("pack", "gone")), "its one execution fails saying why");
    }

    @Test
    void anEndpointsExecutionGetsItsEndpointAndItsCredentialsReference() throws Exception {
        endpoint("db1", "${secret:db1-password}");
        endpoint("db2", null);
        Map<String, String> job = Map.of("pack", "env-metric");
        Map<String, String> db1 = EXECUTOR.configFor(job, "db1");
        assertEquals("${secret:db1-password}", db1.get("endpoint_credentials"));
        assertEquals("postgresql://db1.example:5432/app", db1.get("endpoint_url"));
        assertEquals("postgresql", db1.get("endpoint_kind"));
        assertEquals("Database db1", db1.get("endpoint_name"));
        assertFalse(EXECUTOR.configFor(job, "db2").containsKey("endpoint_credentials"));
        assertEquals(job, EXECUTOR.configFor(job, ""));
        assertFalse(EXECUTOR.configFor(job, "gone").containsKey("endpoint_url"));
    }

    @Test
    void aPackRunsOnItsEndpointWithItsVariablesAndItsVirtualenvAndTablesMadeOnce() throws Exception {
        store(TestPacks.fromResources("env-metric"));
        endpoint("db1", "${secret:db1-password}");
        activate("hdm_core_table_corr_db_mp", "mp_key", "env-metric", "db1");
        config("hdm_pack_metric_conf", "env-metric:1.0.0", "1.0.0", "{\"threshold\": 3}");
        config("hdm_pack_metric_conf", "env-metric:db1", null, "{\"schema\": \"app\"}");
        Map<String, String> config = new LinkedHashMap<>(EXECUTOR.configFor(Map.of("pack", "env-metric"), "db1"));
        config.put("endpoint_credentials", "the-db1-password"); // as the runner resolves it

        ExecutionResult first = run(config, "db1");
        assertEquals(Outcome.SUCCEEDED, first.outcome(), first.toString());
        Map<String, String> printed = TestPacks.printed(first.stdout());
        assertEquals("env-metric", printed.get("PENDULE_PACK_NAME"));
        assertEquals("1.0.0", printed.get("PENDULE_PACK_VERSION"));
        assertEquals("metric", printed.get("PENDULE_PACK_TYPE"));
        assertEquals("{\"threshold\": 3}", printed.get("PENDULE_PACK_CONFIG"));
        assertEquals("{\"schema\": \"app\"}", printed.get("PENDULE_ENDPOINT_CONFIG"));
        assertEquals("db1", printed.get("PENDULE_ENDPOINT_SLUG"));
        assertEquals("Database db1", printed.get("PENDULE_ENDPOINT_NAME"));
        assertEquals("postgresql", printed.get("PENDULE_ENDPOINT_KIND"));
        assertEquals("postgresql://db1.example:5432/app", printed.get("PENDULE_ENDPOINT_URL"));
        assertEquals(TestPacks.sha256("the-db1-password"), printed.get("CREDENTIALS_SHA256"));
        assertEquals("pack-job", printed.get("ENV_JOB_NAME"));
        assertNotNull(printed.get("PENDULE_EXECUTION_ID"));
        assertEquals("", printed.get("PENDULE_DB_PASSWORD_SET"), "Pendule's own environment stays out");
        assertFalse(printed.containsKey("PGHOST"), "the embedded database is Pendule's only");
        assertFalse(printed.containsKey("PENDULE_ENDPOINTS"));
        Path workingCopy = Path.of(printed.get("PENDULE_PACK_DIR"));
        assertEquals(workingCopy.resolve("process").toString(), printed.get("PWD"));
        assertTrue(workingCopy.startsWith(dataDir.resolve("packs/runs")), workingCopy.toString());
        assertFalse(Files.exists(workingCopy.getParent()), "the working copy is deleted when the execution ends");
        assertTrue(printed.get("PYTHON").startsWith(printed.get("VIRTUAL_ENV") + "/bin/"), printed.toString());
        assertTrue(Files.exists(Path.of(printed.get("VIRTUAL_ENV"), PackVirtualenvs.READY)));

        ExecutionResult second = run(config, "db1");
        assertEquals(Outcome.SUCCEEDED, second.outcome(), second.toString());
        assertEquals(printed.get("VENV_INODE"), TestPacks.printed(second.stdout()).get("VENV_INODE"), "the virtualenv is made once");
        assertEquals(1, count("SELECT count(*) FROM env_metric_runs"), "create-table applied once");
        assertEquals(1, count("SELECT count(*) FROM pack_table_setup WHERE pack_name = 'env-metric' AND pack_version = '1.0.0'"
                + " AND files = 'create-table/create.sql' AND applied_by = 'h2-node'"));
        assertFalse(Files.exists(Path.of(TestPacks.printed(second.stdout()).get("PENDULE_PACK_DIR"))), "each execution its own copy");
        assertTrue(printed.containsKey("PENDULE_PACK_DIR") && !printed.get("PENDULE_PACK_DIR")
                .equals(TestPacks.printed(second.stdout()).get("PENDULE_PACK_DIR")));
    }

    @Test
    void hdmsOwnWayIsOneExecutionThatIsToldTheActivatedEndpoints() throws Exception {
        store(TestPacks.fromResources("env-metric"));
        endpoint("db1", null);
        endpoint("db2", null);
        activate("hdm_core_table_corr_db_mp", "mp_key", "env-metric", "db2");
        activate("hdm_core_table_corr_db_mp", "mp_key", "env-metric", "db1");
        ExecutionResult result = run(Map.of("pack", "env-metric", "per_endpoint", "false"), "");
        assertEquals(Outcome.SUCCEEDED, result.outcome(), result.toString());
        Map<String, String> printed = TestPacks.printed(result.stdout());
        assertEquals("db1 db2", printed.get("PENDULE_ENDPOINTS"));
        assertFalse(printed.containsKey("PENDULE_ENDPOINT_SLUG"));
    }

    @Test
    void aFailingPackFailsWithItsExitCodeAndStderr() throws Exception {
        Map<String, String> files = TestPacks.valid("failing", "1.0");
        files.put("bootstrap-script.sh", "#!/bin/bash\necho 'half done'\necho 'metrics.py: cannot reach db1' >&2\nexit 7\n");
        files.remove("create-table/create.sql");
        store(files);
        ExecutionResult result = run(Map.of("pack", "failing", "per_endpoint", "false"), "");
        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals(7, result.exitCode());
        assertEquals("half done\n", result.stdout());
        assertEquals("metrics.py: cannot reach db1\n", result.stderr());
        assertEquals("exit status 7", result.error());
    }

    @Test
    void aFailingCreateTableScriptFailsTheRunNamingItAndIsNotRecorded() throws Exception {
        Map<String, String> files = TestPacks.valid("bad-sql", "1.0");
        files.remove("create-table/create.sql");
        files.put("create-table/a.sql", "CREATE TABLE first_of_two (id INT);");
        files.put("create-table/b.sql", "CREATE TABLE oops (;");
        store(files);
        ExecutionResult result = run(Map.of("pack", "bad-sql", "per_endpoint", "false"), "");
        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.error().startsWith("pack: create-table/b.sql: "), result.error());
        assertEquals(0, count("SELECT count(*) FROM pack_table_setup"), "nothing recorded: the next run tries again");
    }

    @Test
    void aPackOrVersionDeletedSinceTheJobWasSavedFailsTheRunSayingSo() throws Exception {
        ExecutionResult gone = run(Map.of("pack", "gone"), "");
        assertEquals(Outcome.FAILED, gone.outcome());
        assertEquals("pack: pack gone is not in the registry (deleted since the job was saved?): import it again, or change the job",
                gone.error());
        store(TestPacks.fromResources("env-metric"));
        ExecutionResult version = run(Map.of("pack", "env-metric", "version", "0.9"), "");
        assertTrue(version.error().startsWith("pack: pack env-metric has no version 0.9 in the registry"), version.error());
        ExecutionResult type = run(Map.of("pack", "env-metric", "type", "rule"), "");
        assertEquals("pack: pack env-metric 1.0.0 is a metric pack, and the job says rule", type.error());
        ExecutionResult endpoint = run(Map.of("pack", "env-metric"), "deleted-endpoint");
        assertEquals("pack: endpoint deleted-endpoint is not defined (deleted since the run was queued?)", endpoint.error());
    }

    @Test
    void aPackOverItsTimeoutIsKilledAsAShellJobIs() throws Exception {
        Map<String, String> files = TestPacks.valid("slow", "1.0");
        files.put("bootstrap-script.sh", "#!/bin/bash\necho started\nsleep 30\n");
        files.remove("create-table/create.sql");
        store(files);
        long started = System.nanoTime();
        ExecutionResult result = run(Map.of("pack", "slow", "timeout", "1s", "per_endpoint", "false"), "");
        assertEquals(Outcome.TIMED_OUT, result.outcome(), result.toString());
        assertEquals("started\n", result.stdout());
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 20);
    }

    @Test
    void aCancelStopsThePacksProcessGroupAsAShellJobsAndTheWorkingCopyGoes() throws Exception {
        Map<String, String> files = TestPacks.valid("stoppable", "1.0");
        files.put("bootstrap-script.sh", "#!/bin/bash\necho \"$PENDULE_PACK_DIR\"\nsleep 60 &\nwait\n");
        files.remove("create-table/create.sql");
        files.remove("requirements.txt");
        store(files);
        StopSignal stop = new StopSignal();
        RunningOutput output = new RunningOutput();
        var result = EXECUTOR.execute(new ExecutionRequest(IDS.incrementAndGet(), "pack-job", 1,
                Map.of("pack", "stoppable", "per_endpoint", "false"), stop, output, RunIdentity.of(1, 1), "")).toCompletableFuture();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (output.changed(1000).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        stop.stop();
        ExecutionResult stopped = result.get(10, TimeUnit.SECONDS);
        assertEquals(Outcome.FAILED, stopped.outcome(), stopped.toString());
        Path workingCopy = Path.of(stopped.stdout().strip());
        assertTrue(workingCopy.startsWith(dataDir), stopped.stdout());
        assertFalse(Files.exists(workingCopy), "deleted once the run ended");
    }

    private static ExecutionResult run(Map<String, String> config, String target) throws Exception {
        long id = IDS.incrementAndGet();
        return EXECUTOR.execute(new ExecutionRequest(id, "pack-job", 1, config, new StopSignal(), new RunningOutput(),
                RunIdentity.of(id, 1), target)).toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    private static void store(Map<String, String> files) throws SQLException {
        PackContent content = PackArchives.read(TestPacks.zip(files), new PackLimits(1 << 20, 100));
        PackLayout.Checked checked = PackLayout.check(content, Optional.empty());
        byte[] archive = PackArchives.normalized(content);
        PackVersion pack = new PackVersion(checked.name(), checked.version(), checked.type(), checked.author(),
                checked.description(), checked.mainscript(), PackArchives.sha256(archive), archive.length, content.listing(),
                Instant.now(), "admin");
        try (Connection connection = database.getConnection()) {
            PackRows.insert(connection, pack, archive);
        }
    }

    private static void endpoint(String slug, String credentials) throws SQLException {
        update("INSERT INTO endpoint (slug, name, kind, url, credentials, created_at, updated_at, updated_by)"
                + " VALUES (?, ?, 'postgresql', ?, ?, NOW(), NOW(), 'admin')", slug, "Database " + slug,
                "postgresql://" + slug + ".example:5432/app", credentials);
    }

    private static void activate(String table, String column, String pack, String slug) throws SQLException {
        update("INSERT INTO " + table + " (" + column + ", db_key) VALUES (?, ?)", pack, slug);
    }

    private static void config(String table, String id, String version, String json) throws SQLException {
        update("INSERT INTO " + table + " (id_config, pack_name, pack_version, pack_config) VALUES (?, ?, ?, ?)", id,
                id.substring(0, id.indexOf(':')), version, Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }


    private static List<String> keys(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::key).toList();
    }


    private static long count(String query) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(query);
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(String statement) throws SQLException {
        update(statement);
    }

    private static void update(String statement, Object... parameters) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement update = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            update.executeUpdate();
        }
    }
}
