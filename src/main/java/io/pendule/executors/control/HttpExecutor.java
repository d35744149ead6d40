package io.pendule.executors.control;

import io.pendule.executors.entity.ConfigError;
import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.HttpJob;
import io.pendule.executors.entity.Outcome;
import io.pendule.executors.entity.RunIdentity;
import io.pendule.executors.entity.StopSignal;
import io.pendule.executors.entity.Validated;
import io.pendule.platform.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Dkron's {@code http} executor: sends one request and judges the response by its status and body.
 * Redirects are not followed, as in Dkron. Header values are never logged nor reported: they may be secrets.
 */
@ApplicationScoped
public class HttpExecutor implements JobExecutor {

    private final HttpClients clients = new HttpClients();
    /** Host lookups, off the caller's thread: a slow DNS server must not hold the runner. */
    private final ExecutorService lookups = Executors.newFixedThreadPool(4, DaemonThreads.named("pendule-http-lookup-"));
    /** expectBody matches, off the HTTP client's threads: a slow pattern must not hold other jobs' responses. */
    private final ExecutorService matchers = Executors.newFixedThreadPool(2, DaemonThreads.named("pendule-http-match-"));
    private final OutboundGuard guard;
    private final Optional<Path> tlsDir;

    /** With the outbound guard's defaults and no TLS directory: for CDI's proxy and for plain use in tests. */
    public HttpExecutor() {
        this(new OutboundGuard());
    }

    public HttpExecutor(OutboundGuard guard) {
        this(guard, Optional.empty());
    }

    @Inject
    public HttpExecutor(OutboundGuard guard, Settings settings) {
        this(guard, settings.tlsDir());
    }

    HttpExecutor(OutboundGuard guard, Optional<Path> tlsDir) {
        this.guard = guard;
        this.tlsDir = tlsDir;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public List<ConfigError> validate(Map<String, String> config) {
        List<ConfigError> errors = new ArrayList<>(HttpConfigReader.read(config, tlsDir).errors());
        HttpConfigReader.url(config).flatMap(guard::refusalAtSave)
                .ifPresent(refusal -> errors.add(new ConfigError("url", refusal)));
        return errors;
    }

    @Override
    public CompletionStage<ExecutionResult> execute(ExecutionRequest request) {
        Validated<HttpJob> job = HttpConfigReader.read(request.config(), tlsDir);
        if (!job.valid()) {
            return CompletableFuture.completedFuture(ExecutionResult.failed("invalid executor_config: " + job.describeErrors()));
        }
        HttpJob http = job.value();
        try {
            return CompletableFuture.supplyAsync(() -> refused(http.url()), lookups)
                    .thenCompose(refused -> refused.map(CompletableFuture::completedFuture)
                            .orElseGet(() -> send(http, request)));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(ExecutionResult.failed("http: executor is shut down"));
        }
    }

    @PreDestroy
    public void shutdown() {
        lookups.shutdownNow();
        matchers.shutdownNow();
        clients.shutdown();
    }

    int clientCount() {
        return clients.size();
    }

    /** The failed result of a call the outbound guard refuses, or whose host has no address. */
    private Optional<ExecutionResult> refused(URI url) {
        try {
            return guard.refusal(url).map(refusal -> ExecutionResult.failed("http: " + refusal));
        } catch (UnknownHostException e) {
            return Optional.of(ExecutionResult.failed("http: " + describe(e)));
        }
    }

    private CompletableFuture<ExecutionResult> send(HttpJob http, ExecutionRequest request) {
        try {
            return send(clients.client(http.tls()), http, request.identity(), request.stop());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ExecutionResult.failed("http: " + e.getMessage()));
        }
    }

    private CompletableFuture<ExecutionResult> send(HttpClient client, HttpJob http, RunIdentity identity, StopSignal stop) {
        TailBuffer body = new TailBuffer();
        TailSubscriber subscriber = new TailSubscriber(body);
        CompletableFuture<HttpResponse<Void>> response =
                client.sendAsync(request(http, identity), info -> HttpResponse.BodySubscribers.fromSubscriber(subscriber));
        stop.onStop(() -> {
            subscriber.cancel();
            response.cancel(true);
        });
        // The request timeout ends when the headers arrive; this one also bounds a body that never ends.
        return response.copy()
                .orTimeout(http.timeoutSeconds(), TimeUnit.SECONDS)
                .handle((received, failure) -> {
                    if (failure == null) {
                        return judge(http, received.statusCode(), body);
                    }
                    subscriber.cancel();
                    response.cancel(true);
                    return CompletableFuture.completedFuture(failed(http, failure, body));
                })
                .thenCompose(result -> result);
    }

    /** The run's identity headers replace the job's own of the same name: a receiver must be able to trust them. */
    private static HttpRequest request(HttpJob http, RunIdentity identity) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(http.url())
                .timeout(Duration.ofSeconds(http.timeoutSeconds()))
                .method(http.method(), http.body().isEmpty()
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(http.body()));
        Map<String, String> ours = identity.headers();
        http.headers().stream().filter(header -> !isIn(ours, header.name()))
                .forEach(header -> builder.header(header.name(), header.value()));
        ours.forEach(builder::header);
        return builder.build();
    }

    private static boolean isIn(Map<String, String> headers, String name) {
        return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    /** The result by the status, then by the body on the matchers' threads (see BodyMatch). */
    private CompletableFuture<ExecutionResult> judge(HttpJob http, int status, TailBuffer body) {
        String text = body.toString();
        if (!http.expectCodes().isEmpty() && !http.expectCodes().contains(status)) {
            return CompletableFuture.completedFuture(judged(status, text, body, "received response code does not match the"
                    + " expected code: got " + status + ", expected " + http.expectCodes().stream().sorted().toList()));
        }
        if (http.expectBody() == null) {
            return CompletableFuture.completedFuture(judged(status, text, body, null));
        }
        try {
            return CompletableFuture.supplyAsync(() -> judged(status, text, body,
                    BodyMatch.mismatch(http.expectBody(), text, BodyMatch.LIMIT).orElse(null)), matchers);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(ExecutionResult.failed("http: executor is shut down"));
        }
    }

    private static ExecutionResult judged(int status, String text, TailBuffer body, String error) {
        Outcome outcome = error == null ? Outcome.SUCCEEDED : Outcome.FAILED;
        return new ExecutionResult(outcome, status, text, "", body.truncated(), error);
    }

    private static ExecutionResult failed(HttpJob http, Throwable failure, TailBuffer body) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return new ExecutionResult(Outcome.TIMED_OUT, null, body.toString(), "", body.truncated(),
                    "http: request timed out after " + http.timeoutSeconds() + "s");
        }
        return new ExecutionResult(Outcome.FAILED, null, body.toString(), "", body.truncated(),
                "http: " + describe(cause));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The JDK client often throws without a message (a bare ConnectException), so the type says what happened. */
    private static String describe(Throwable cause) {
        String type = cause.getClass().getSimpleName();
        if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
            return type + ": " + cause.getMessage();
        }
        return cause.getCause() == null ? type : type + ": " + describe(cause.getCause());
    }
}
