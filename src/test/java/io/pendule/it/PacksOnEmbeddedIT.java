package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The pack registry's scenarios on the embedded database. */
@RunAsClient
class PacksOnEmbeddedIT extends PacksScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("packs", SETTINGS);
    }
}
