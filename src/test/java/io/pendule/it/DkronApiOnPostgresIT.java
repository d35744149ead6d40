package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Dkron's API scenarios on a real PostgreSQL, opened to anonymous operators from this machine as for Dkron's scripts. */
@RunAsClient
class DkronApiOnPostgresIT extends DkronApiScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres("dkronapi", SETTINGS);
    }
}
