package io.pendule.packs.control;

import io.pendule.database.control.PenduleDataSource;
import io.pendule.endpoints.control.Endpoints;
import io.pendule.executors.control.DaemonThreads;
import io.pendule.executors.control.JobEnvironment;
import io.pendule.executors.control.JobExecutor;
import io.pendule.executors.control.ShellExecutor;
import io.pendule.executors.entity.ConfigError;
import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.RunTargets;
import io.pendule.executors.entity.RunningOutput;
import io.pendule.executors.entity.ShellJob;
import io.pendule.executors.entity.Validated;
import io.pendule.packs.entity.PackJob;
import io.pendule.packs.entity.PackType;
import io.pendule.packs.entity.PackVersion;
import io.pendule.platform.Settings;
import io.pendule.secrets.entity.SecretMask;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pack executor ({@code "executor": "pack"}, docs/packs.md): one run of a pack job is one execution per endpoint
 * the pack is activated on ({@link #targets}), or with {@code per_endpoint} false a single one as HDM ran packs. An
 * execution takes the pack version from the registry, checks it out into a fresh working copy, makes its virtualenv
 * (once per version and node) and applies its create-table SQL (once per version), then runs
 * {@code bash bootstrap-script.sh} in the working copy exactly as a shell job runs its command (output, exit code,
 * timeout, cancel, the clean environment), with the variables of {@link PackRunEnvironment}; the working copy is
 * deleted when it ends.
 *
 * <p>Threads: the preparation (the checkout, a virtualenv to make, the SQL) runs on a pool of at most
 * {@value #MAX_PREPARING} threads, then the script on the shell executor's.
 */
@ApplicationScoped
public class PackExecutor implements JobExecutor {

    static final String NAME = "pack";
    static final int MAX_PREPARING = 8;
    private static final Logger LOG = Logger.getLogger(PackExecutor.class.getName());

    @Inject
    PackRegistry registry;
    @Inject
    Activations activations;
    @Inject
    PackConfigs configs;
    @Inject
    Endpoints endpoints;
    @Inject
    ShellExecutor shell;
    @Inject
    Settings settings;
    @Inject
    InstantSource time;
    @Resource
    ManagedThreadFactory threads;

    private ExecutorService preparing;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ConfigError> validate(Map<String, String> config) {
        Validated<PackJob> read = PackJobConfig.ofJob(config);
        List<ConfigError> errors = new java.util.ArrayList<>(read.errors());
        List<String> wrong = errors.stream().map(ConfigError::key).toList();
        if (!wrong.contains(PackJobConfig.PACK) && !wrong.contains(PackJobConfig.VERSION) && !wrong.contains(PackJobConfig.TYPE)) {
            String pack = config.get(PackJobConfig.PACK).strip();
            errors.addAll(PackChecks.inRegistry(pack, blankAsNull(config.get(PackJobConfig.VERSION)),
                    PackType.ofCode(String.valueOf(config.get(PackJobConfig.TYPE)).strip()).orElse(null), registry.versions(pack)));
        }
        return errors;
    }

    @Override
    public RunTargets targets(Map<String, String> config) {
        Validated<PackJob> read = PackJobConfig.ofRun(config, ExecutionRequest.NO_TARGET);
        if (!read.valid() || !read.value().perEndpoint()) {
            return RunTargets.ONE; // a config gone bad, a pack gone: its one execution fails saying why
        }
        PackJob job = read.value();
        Optional<PackType> type = Optional.ofNullable(job.type())
                .or(() -> registry.find(job.pack(), job.version()).map(PackVersion::type));
        if (type.isEmpty()) {
            return RunTargets.ONE;
        }
        List<String> slugs = activations.endpointsOf(type.get(), job.pack()).stream().sorted().toList();
        return slugs.isEmpty() ? RunTargets.of(List.of(), "no endpoint has pack " + job.pack() + " (" + type.get().code()
                + ") activated: activate it in the matrix (/packs/matrix, or PUT /v1/activations/" + type.get().code() + "/"
                + job.pack() + "/{slug})") : RunTargets.of(slugs, null);
    }

    @Override
    public int targetsAtOnce(Map<String, String> config) {
        Validated<PackJob> read = PackJobConfig.ofRun(config, ExecutionRequest.NO_TARGET);
        return read.valid() ? read.value().endpointsAtOnce() : 0;
    }

    /** Adds the endpoint's name, kind, url and credentials reference (resolved and masked by the runner). */
    @Override
    public Map<String, String> configFor(Map<String, String> config, String target) {
        if (target == null || target.isEmpty()) {
            return config;
        }
        Map<String, String> forTarget = new LinkedHashMap<>(config);
        PackJobConfig.RUN_KEYS.forEach(forTarget::remove);
        endpoints.find(target).ifPresent(endpoint -> {
            forTarget.put(PackJobConfig.ENDPOINT_NAME, endpoint.name());
            forTarget.put(PackJobConfig.ENDPOINT_KIND, endpoint.kind());
            forTarget.put(PackJobConfig.ENDPOINT_URL, endpoint.url());
            if (endpoint.credentials() != null) {
                forTarget.put(PackJobConfig.ENDPOINT_CREDENTIALS, endpoint.credentials());
            }
        });
        return forTarget;
    }

    @Override
    public CompletionStage<ExecutionResult> execute(ExecutionRequest request) {
        Validated<PackJob> read = PackJobConfig.ofRun(request.config(), request.target());
        if (!read.valid()) {
            return CompletableFuture.completedFuture(ExecutionResult.failed("invalid executor_config: " + read.describeErrors()));
        }
        try {
            return CompletableFuture.supplyAsync(() -> prepare(read.value(), request), preparing())
                    .thenCompose(prepared -> prepared.run(shell, request))
                    .exceptionally(e -> ExecutionResult.failed("pack: " + (e.getCause() == null ? e : e.getCause()).getMessage()));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(ExecutionResult.failed("pack: executor is shut down"));
        }
    }

    /** The script to run in its working copy, or why the execution failed before it. */
    private Prepared prepare(PackJob job, ExecutionRequest request) {
        Optional<PackVersion> found = registry.find(job.pack(), job.version());
        if (found.isEmpty()) {
            return Prepared.failed(job.version() == null
                    ? "pack " + job.pack() + " is not in the registry (deleted since the job was saved?): import it again, or change the job"
                    : "pack " + job.pack() + " has no version " + job.version() + " in the registry (deleted since the job was"
                    + " saved?): import it again, or change the job's version");
        }
        PackVersion pack = found.get();
        if (job.type() != null && job.type() != pack.type()) {
            return Prepared.failed("pack " + pack.name() + " " + pack.version() + " is a " + pack.type().code()
                    + " pack, and the job says " + job.type().code());
        }
        if (job.endpoint() != null && job.endpoint().url() == null) {
            return Prepared.failed("endpoint " + job.endpoint().slug() + " is not defined (deleted since the run was queued?)");
        }
        PackWorkspaces workspaces = new PackWorkspaces(settings.dataDir());
        Path workspace = null;
        try {
            workspace = workspaces.fresh(request.executionId());
            Path copy = workspace.resolve("pack");
            registry.checkout(pack, copy);
            Path venv = Files.exists(copy.resolve("requirements.txt"))
                    ? new PackVirtualenvs(workspaces.virtualenvs(), settings.packPython()).of(pack, JobEnvironment.base(System.getenv()))
                    : null;
            PackTableSetup.apply(PenduleDataSource.unpooled(settings), pack, PackTableSetup.scripts(copy), settings.nodeName(),
                    time.instant());
            PackDatabase.Access database = PackDatabase.of(settings, pack.name());
            Map<String, String> env = PackRunEnvironment.of(new PackRunEnvironment.Inputs(pack, job, copy,
                    configs.packConfig(pack.type(), pack.name(), pack.version()).orElse(null),
                    job.endpoint() == null ? null : configs.endpointConfig(pack.type(), pack.name(), job.endpoint().slug()).orElse(null),
                    job.endpoint() == null ? activations.endpointsOf(pack.type(), pack.name()) : List.of(),
                    database.environment(), venv, System.getenv("PATH")));
            ShellJob script = new ShellJob("bash " + PackLayout.BOOTSTRAP, List.of("bash", PackLayout.BOOTSTRAP), env,
                    copy.toString(), job.timeout(), job.timeoutText(), null, null);
            return new Prepared(script, workspace, SecretMask.of(List.of(database.password())), null);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(workspace);
            return Prepared.failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(workspace);
            return Prepared.failed("interrupted before the pack's script started");
        }
    }

    /** What {@link #prepare} made: the script and its working copy, the mask of the database password; or a failure. */
    private record Prepared(ShellJob script, Path workspace, SecretMask mask, ExecutionResult failure) {

        static Prepared failed(String why) {
            return new Prepared(null, null, SecretMask.NONE, ExecutionResult.failed("pack: " + why));
        }

        CompletionStage<ExecutionResult> run(ShellExecutor shell, ExecutionRequest request) {
            if (failure != null) {
                return CompletableFuture.completedFuture(failure);
            }
            ExecutionRequest forScript = request;
            if (!mask.isEmpty()) {
                RunningOutput unmasked = new RunningOutput();
                request.output().from(new MaskedOutput(unmasked.asSource(), mask));
                forScript = new ExecutionRequest(request.executionId(), request.jobName(), request.attempt(), request.config(),
                        request.stop(), unmasked, request.identity(), request.target());
            }
            CompletionStage<ExecutionResult> result;
            try {
                result = shell.run(script, forScript);
            } catch (RuntimeException e) {
                deleteQuietly(workspace);
                throw e;
            }
            return result.thenApply(this::masked).whenComplete((done, failure) -> deleteQuietly(workspace));
        }

        private ExecutionResult masked(ExecutionResult result) {
            if (mask.isEmpty()) {
                return result;
            }
            return new ExecutionResult(result.outcome(), result.exitCode(), mask.maskedTail(result.stdout(), result.outputTruncated()),
                    mask.maskedTail(result.stderr(), result.outputTruncated()), result.outputTruncated(), mask.masked(result.error()));
        }
    }

    /** A run's live output with the database password masked, as the runner masks its secrets. */
    private record MaskedOutput(RunningOutput.Source unmasked, SecretMask mask) implements RunningOutput.Source {

        @Override
        public long written() {
            return unmasked.written();
        }

        @Override
        public RunningOutput.Snapshot tail(int maxBytes) {
            RunningOutput.Snapshot tail = unmasked.tail(maxBytes);
            return new RunningOutput.Snapshot(mask.maskedLiveTail(tail.stdout(), tail.truncated()),
                    mask.maskedLiveTail(tail.stderr(), tail.truncated()), tail.truncated());
        }
    }

    private static void deleteQuietly(Path workspace) {
        if (workspace == null) {
            return;
        }
        try {
            PackWorkspaces.delete(workspace);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not delete the pack working copy " + workspace + ": " + e);
        }
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @PreDestroy
    public synchronized void shutdown() {
        if (preparing != null) {
            preparing.shutdownNow();
        }
    }

    private synchronized ExecutorService preparing() {
        if (preparing == null) {
            ThreadFactory factory = threads != null ? threads : DaemonThreads.named("pendule-pack-");
            ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_PREPARING, MAX_PREPARING, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), factory);
            pool.allowCoreThreadTimeOut(true);
            preparing = pool;
        }
        return preparing;
    }
}
