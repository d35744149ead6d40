package io.pendule.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Deployments of the real target/pendule.war (built by `mvn package` before the integration tests run),
 * configured through its microprofile-config.properties for the embedded database or a PostgreSQL one.
 */
final class Deployments {

    private Deployments() {
    }

    static WebArchive onEmbeddedDatabase(String name) throws Exception {
        return onEmbeddedDatabase(name, "");
    }

    /** {@code settings}: more microprofile-config.properties lines. */
    static WebArchive onEmbeddedDatabase(String name, String settings) throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), name);
        return withSettings(name, "pendule.data.dir=" + dataDir + "\n" + settings);
    }

    static WebArchive onPostgres(String name) {
        return onPostgres(name, "");
    }

    /** {@code settings}: more microprofile-config.properties lines; the database is {@link #postgresUrl}. */
    static WebArchive onPostgres(String name, String settings) {
        String url = TestDatabases.freshPostgres("pendule_it_" + name);
        return withSettings(name, "pendule.db.url=" + url + "\npendule.db.user=postgres\n" + settings);
    }

    static String postgresUrl(String name) {
        return TestDatabases.SERVER + "pendule_it_" + name;
    }

    private static WebArchive withSettings(String name, String settings) {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/pendule.war"))
                .addAsResource(new StringAsset(settings + "pendule.node.name=it-" + name + "\n"),
                        "META-INF/microprofile-config.properties");
    }
}
