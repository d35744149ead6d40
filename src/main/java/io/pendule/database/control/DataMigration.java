package io.pendule.database.control;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A migration step written in Java, for what the SQL that both H2 and PostgreSQL run cannot do (loops, JSON into
 * rows). Registered in {@link Database}; versioned between the SQL migrations in db/ (e.g. "3.1" runs after V3).
 */
public abstract class DataMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    protected DataMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
        return version;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
