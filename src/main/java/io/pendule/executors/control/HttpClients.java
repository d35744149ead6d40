package io.pendule.executors.control;

import io.pendule.executors.entity.TlsSettings;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One HTTP client per distinct TLS setup and connect timeout, shared by every run that uses them:
 * a client owns a thread pool and a connection pool, too costly to create per request.
 * TLS files are read when the client is first created; changed files are picked up after a restart.
 */
final class HttpClients {

    private record Key(TlsSettings tls, int connectTimeoutSeconds) {
    }

    /** The JDK's default is an unbounded cached pool per client: hundreds of threads under load. */
    private static final int THREADS = 4;

    private final ConcurrentMap<Key, HttpClient> clients = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS, DaemonThreads.named("pendule-http-"));

    /** @throws IllegalStateException when the TLS files cannot be used; nothing is cached then */
    HttpClient client(TlsSettings tls, int connectTimeoutSeconds) {
        return clients.computeIfAbsent(new Key(tls, connectTimeoutSeconds), this::create);
    }

    int size() {
        return clients.size();
    }

    void shutdown() {
        executor.shutdownNow();
    }

    private HttpClient create(Key key) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(key.connectTimeoutSeconds()));
        if (!key.tls().isDefault()) {
            builder.sslContext(TlsContexts.create(key.tls()));
        }
        return builder.build();
    }
}
