package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The outbound hardening scenarios on the embedded default database. */
class HttpHardeningOnEmbeddedIT extends HttpHardeningScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("hardening", SETTINGS);
    }
}
