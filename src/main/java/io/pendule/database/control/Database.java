package io.pendule.database.control;

import io.pendule.platform.DataDir;
import io.pendule.platform.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * The application's connection pool, and the schema migrations under {@code db/} applied to it at start-up
 * before anything else touches the database. Flyway takes a lock, so nodes starting together migrate once.
 */
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "io.pendule.database.control.PenduleDataSource",
        minPoolSize = 2,
        maxPoolSize = Database.MAX_POOL_SIZE,
        transactional = true,
        properties = {"fish.payara.is-connection-validation-required=true",
                // a round trip (Connection.isValid): pgjdbc answers setAutoCommit from its cache, so the "auto-commit"
                // method let connections that died with the server through, once each, after a restart
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                "fish.payara.validate-atmost-once-period-in-seconds=2",
                "fish.payara.fail-all-connections=true"})
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class Database {

    public static final String JNDI_NAME = "java:app/jdbc/pendule";
    public static final int MAX_POOL_SIZE = 40;
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    @Resource(lookup = JNDI_NAME)
    DataSource dataSource;
    @Inject
    Settings settings;

    /** Pendule's schema migrations: the SQL ones of db/ and the Java steps between them. */
    public static FluentConfiguration migrations(DataSource dataSource) {
        return Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(JsonMapIntoRows.metadata(), new JobDepths(), JsonMapIntoRows.tags(), new RunningRowsIndex());
    }

    private volatile boolean migrated;

    /** Whether this node has brought the schema up to date (readiness). */
    @Lock(LockType.READ)
    public boolean migrated() {
        return migrated;
    }

    @PostConstruct
    void migrate() {
        DataDir.secure(settings.dataDir()); // before H2 or the secret store make it with the umask's mode
        var result = migrations(PenduleDataSource.forMigrations(settings)).load().migrate();
        migrated = true;
        LOG.info(() -> "Database " + (settings.databaseUrl().isEmpty() ? "embedded in " + settings.dataDir() : "PostgreSQL")
                + " at schema version " + result.targetSchemaVersion + " (" + result.migrationsExecuted + " migrations applied now)");
    }
}
