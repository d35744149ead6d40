package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The bad-input scenarios on the embedded default database (no PostgreSQL configured). */
@RunAsClient
class BadInputOnEmbeddedIT extends BadInputScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("badinput");
    }
}
