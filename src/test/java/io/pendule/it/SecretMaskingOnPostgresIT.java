package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The masking scenarios on a real PostgreSQL. */
@RunAsClient
class SecretMaskingOnPostgresIT extends SecretMaskingScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres("masking", SETTINGS);
    }
}
