package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The outbound hardening scenarios on PostgreSQL. */
class HttpHardeningOnPostgresIT extends HttpHardeningScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres("hardening", SETTINGS);
    }
}
