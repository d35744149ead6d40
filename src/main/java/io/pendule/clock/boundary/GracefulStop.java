package io.pendule.clock.boundary;

import io.pendule.clock.control.Clock;
import io.pendule.cluster.control.NodeHeartbeat;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * When the node stops (SIGTERM, undeploy), the web application is stopped before its connection pool goes away:
 * the last moment the clock can stop claiming and the claimed runs can finish and be recorded.
 */
@WebListener
public class GracefulStop implements ServletContextListener {

    @Inject
    Clock clock;
    @Inject
    NodeHeartbeat node;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        clock.stop();
        node.release();
    }
}
