package io.pendule.database.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the database answers, within a short time: a round trip on a pooled connection. Waiting for a connection
 * (a full pool, a server that does not accept) counts in that time, so a health probe never hangs on the database.
 */
@ApplicationScoped
public class DatabaseProbe {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;
    @Resource
    ManagedExecutorService executor;

    /** Empty when the database answered in time; otherwise why not. */
    public Optional<String> problem(Duration patience) {
        Future<Boolean> answer = executor.submit(this::roundTrip);
        try {
            return answer.get(patience.toMillis(), TimeUnit.MILLISECONDS)
                    ? Optional.empty() : Optional.of("the connection is not valid");
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Optional.of("no answer within " + patience.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Optional.of(String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private boolean roundTrip() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(5);
        }
    }
}
