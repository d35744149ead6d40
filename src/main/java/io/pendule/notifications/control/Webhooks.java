package io.pendule.notifications.control;

import jakarta.annotation.PreDestroy;
import io.pendule.executors.control.OutboundGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * POSTs notifications, asynchronously: no thread waits on a slow or dead endpoint. Each call gets
 * {@link #TIMEOUT}; a connection failure, a timeout, a 429 or a 5xx is tried again after 1 s, then 2 s. A failure
 * is logged with the endpoint's host only: webhook paths and queries often hold tokens. The answer tells whether the
 * endpoint took the call in the end, so that a notification it did not take is tried again later (see Notifier). An
 * endpoint the {@link OutboundGuard} refuses is not called, nor tried again: Notifier logs why.
 */
@ApplicationScoped
public class Webhooks {

    private static final Logger LOG = Logger.getLogger(Webhooks.class.getName());
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final int ATTEMPTS = 3;

    private final ExecutorService threads = Executors.newFixedThreadPool(2, new java.util.concurrent.ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "pendule-webhook-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });
    @Inject
    OutboundGuard guard;
    private final HttpClient client = HttpClient.newBuilder().executor(threads).connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }

    /**
     * Sends in the background; {@code about} names the run in the log ("job x execution 12"). Completes once the
     * endpoint took the call, or exceptionally after the last attempt failed.
     */
    public CompletableFuture<Void> post(String url, String contentType, String body, String about) {
        URI uri = uri(url);
        try {
            guard.refusal(uri).ifPresent(refusal -> {
                throw new IllegalArgumentException("to " + endpoint(uri) + " " + refusal); // not sent, nor tried again
            });
        } catch (UnknownHostException e) {
            String failed = "Webhook notification for " + about + " to " + endpoint(uri) + " failed: no address for its host";
            LOG.warning(failed);
            return CompletableFuture.failedFuture(new IllegalStateException(failed)); // tried again later, as when down
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", contentType)
                    .header("User-Agent", "Pendule").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) { // its message holds the whole URL, or the header's value
            throw new IllegalArgumentException("to " + endpoint(uri) + ": the HTTP client refuses the URL or the content type");
        }
        CompletableFuture<Void> taken = new CompletableFuture<>();
        attempt(request, 1, about, taken);
        return taken;
    }

    private void attempt(HttpRequest request, int attempt, String about, CompletableFuture<Void> taken) {
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() < 300) {
                taken.complete(null);
                return;
            }
            boolean again = error != null || response.statusCode() == 429 || response.statusCode() >= 500;
            String problem = error != null ? describe(error) : "answered HTTP " + response.statusCode();
            if (again && attempt < ATTEMPTS) {
                CompletableFuture.delayedExecutor(1L << (attempt - 1), TimeUnit.SECONDS, threads)
                        .execute(() -> attempt(request, attempt + 1, about, taken));
            } else {
                String failed = "Webhook notification for " + about + " to " + endpoint(request.uri()) + " failed after "
                        + attempt + " attempt(s): " + problem;
                LOG.warning(failed);
                taken.completeExceptionally(new IllegalStateException(failed));
            }
        });
    }

    /**
     * The webhook's URL; one that java.net.URI refuses (stored before the save checked it) is refused without being
     * repeated: the message goes to the log, and the URL often holds a token.
     */
    private static URI uri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("its URL is not a valid URL (" + e.getReason() + "); it is not logged: it"
                    + " may hold a token");
        }
    }

    /** The scheme and host of a webhook's URL, for the log: its path and query often hold tokens. */
    private static String endpoint(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String describe(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
