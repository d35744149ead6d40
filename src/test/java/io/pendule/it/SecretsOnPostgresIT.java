package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The secrets' scenarios on a real PostgreSQL. */
@RunAsClient
class SecretsOnPostgresIT extends SecretsScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onPostgres("secrets", settings());
    }
}
