package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The jobs list scenarios on the embedded database (H2 in PostgreSQL mode). */
@RunAsClient
class JobListOnEmbeddedIT extends JobListScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("joblist");
    }
}
