package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The audit log's scenarios on a real PostgreSQL. */
@RunAsClient
class AuditOnPostgresIT extends AuditScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return withProbe(Deployments.onPostgres("audit", SETTINGS));
    }
}
