package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The audit log's scenarios on the embedded database. */
@RunAsClient
class AuditOnEmbeddedIT extends AuditScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return withProbe(Deployments.onEmbeddedDatabase("audit", SETTINGS));
    }
}
