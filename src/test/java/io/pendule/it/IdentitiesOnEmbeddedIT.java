package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Users and API tokens on the embedded database. */
@RunAsClient
class IdentitiesOnEmbeddedIT extends IdentitiesScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("identities", SETTINGS);
    }
}
