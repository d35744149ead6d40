package io.pendule.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Deployments of the real target/pendule.war (built by `mvn package` before the integration tests run),
 * configured through its microprofile-config.properties for the embedded database or a PostgreSQL one. Every
 * deployment, and every node {@link PenduleProcess} starts, has user {@link #ADMIN} with {@link #ADMIN_PASSWORD} and
 * the admin API token {@link #ADMIN_TOKEN}: random, one pair per test JVM, never written in the sources.
 */
final class Deployments {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = random(18);
    static final String ADMIN_TOKEN = "it_" + random(32);
    /**
     * Dkron's open API as docs/security.md says to open it for the Dkron users' scripts: requests without credentials
     * act as operator, from this machine only.
     */
    static final String ANONYMOUS_OPERATOR_ON_LOCALHOST = "pendule.anonymous.role=operator\n"
            + "pendule.anonymous.networks=127.0.0.1/32,::1/128\n";

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
        String admin = "pendule.admin.password=" + ADMIN_PASSWORD + "\npendule.admin.token=" + ADMIN_TOKEN + "\n";
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/pendule.war"))
                .addAsResource(new StringAsset(admin + settings + "pendule.node.name=it-" + name + "\n"),
                        "META-INF/microprofile-config.properties");
    }

    /** {@code bytes} random bytes as URL-safe base64: letters, digits, '-' and '_' (a token's characters). */
    private static String random(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
