package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The pack executor's scenarios on the embedded database: a pack gets no connection to it (a file only Pendule's
 * process opens); that create-table was applied once shows by the second run succeeding (its CREATE TABLE has no IF
 * NOT EXISTS).
 */
@RunAsClient
class PackRunsOnEmbeddedIT extends PackRunsScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("packruns", SETTINGS);
    }

    @Override
    void onDatabase(Map<String, String> printed) {
        assertFalse(printed.containsKey("PGHOST"), printed.toString());
        assertFalse(printed.containsKey("PENDULE_DATABASE_URL"), printed.toString());
    }

    @Override
    void setupAppliedOnce() {
        // the runs' success says it: the database is the node's, closed to the test
    }
}
