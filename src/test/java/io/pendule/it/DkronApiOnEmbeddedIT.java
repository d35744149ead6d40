package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Dkron's API scenarios on the embedded database, opened to anonymous operators from this machine as for Dkron's scripts. */
@RunAsClient
class DkronApiOnEmbeddedIT extends DkronApiScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("dkronapi", SETTINGS);
    }
}
