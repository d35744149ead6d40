package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The jobs list scenarios on a real PostgreSQL. */
@RunAsClient
class JobListOnPostgresIT extends JobListScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres("joblist");
    }
}
