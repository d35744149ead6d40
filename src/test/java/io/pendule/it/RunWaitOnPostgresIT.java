package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Run now with ?wait=true on a real PostgreSQL. */
@RunAsClient
class RunWaitOnPostgresIT extends RunWaitScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres(NAME);
    }
}
