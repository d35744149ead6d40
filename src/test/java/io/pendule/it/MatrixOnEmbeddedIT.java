package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The matrix's scenarios on the embedded database, checked through the API only. */
@RunAsClient
class MatrixOnEmbeddedIT extends MatrixScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("matrix");
    }
}
