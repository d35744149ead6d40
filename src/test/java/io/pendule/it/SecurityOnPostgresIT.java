package io.pendule.it;

import io.pendule.security.control.TokenText;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The access rules' scenarios on a real PostgreSQL, the callers written straight into its tables ({@link Identities}):
 * the node knows their tokens and passwords only by the hashes stored there.
 */
@RunAsClient
class SecurityOnPostgresIT extends SecurityScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres(NAME, SETTINGS);
    }

    @Override
    Callers callers() {
        return new RowsWritten(Deployments.postgresUrl(NAME));
    }

    @Override
    String database() {
        return "postgres";
    }

    /** Users and tokens as rows of app_user and api_token, changed by UPDATE. */
    record RowsWritten(String db) implements Callers {

        @Override
        public void user(String name, String role, String password) {
            Identities.user(db, name, role, password);
        }

        @Override
        public String token(String owner, String role) {
            return Identities.token(db, owner, role);
        }

        @Override
        public void revoke(String token) {
            changeOne("UPDATE api_token SET revoked_at = ? WHERE secret_sha256 = ?", Instant.now(), TokenText.sha256(token));
        }

        @Override
        public String expired(String owner, String role) {
            String token = token(owner, role);
            changeOne("UPDATE api_token SET expires_at = ? WHERE secret_sha256 = ?", Instant.now().minusSeconds(1),
                    TokenText.sha256(token));
            return token;
        }

        @Override
        public void disable(String name) {
            changeOne("UPDATE app_user SET disabled = TRUE WHERE name = ?", name);
        }

        /** As the node demotes: the role, and the session epoch that ends the user's dashboard sessions. */
        @Override
        public void demote(String name, String role) {
            changeOne("UPDATE app_user SET role = ?, session_epoch = session_epoch + 1 WHERE name = ?", role, name);
        }

        private void changeOne(String sql, Object... parameters) {
            assertEquals(1, TestDatabases.update(db, sql, parameters), sql);
        }
    }
}
