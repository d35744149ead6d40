package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Users and API tokens on a real PostgreSQL. */
@RunAsClient
class IdentitiesOnPostgresIT extends IdentitiesScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres("identities", SETTINGS);
    }
}
