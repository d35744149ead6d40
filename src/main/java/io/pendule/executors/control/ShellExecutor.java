package io.pendule.executors.control;

import io.pendule.executors.entity.ConfigError;
import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.ShellJob;
import io.pendule.executors.entity.Validated;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Dkron's {@code shell} executor: runs a program, or a {@code /bin/sh -c} command line, and captures its output.
 *
 * <p>Threads: each run holds one thread of a pool of at most {@value #MAX_CONCURRENT_RUNS} ({@code pendule-shell-N})
 * for its whole duration; further runs wait in the pool's queue. A running process also needs up to three
 * short-lived helpers ({@code pendule-shell-io-N}) to read stdout and stderr and write stdin concurrently, so the
 * helpers are bounded by three times the runs. Both pools are created on first use and have daemon threads.
 *
 * <p>Processes: each run's command leads its own process group; one {@link GroupReaper} shell per node kills the groups
 * still running when the node dies.
 */
@ApplicationScoped
public class ShellExecutor implements JobExecutor {

    static final int MAX_CONCURRENT_RUNS = 32;

    private final GroupReaper reaper = new GroupReaper();
    private ExecutorService runs;
    private ExecutorService streams;

    public ShellExecutor() {
        // For CDI and for plain use in tests.
    }

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public List<ConfigError> validate(Map<String, String> config) {
        return ShellConfigReader.read(config).errors();
    }

    @Override
    public CompletionStage<ExecutionResult> execute(ExecutionRequest request) {
        Validated<ShellJob> job = ShellConfigReader.read(request.config());
        if (!job.valid()) {
            return CompletableFuture.completedFuture(ExecutionResult.failed("invalid executor_config: " + job.describeErrors()));
        }
        return run(job.value(), request);
    }

    /**
     * Runs {@code job} for {@code request} (its stop signal, live output and identity; its config is not read): what
     * another executor that starts a process (a pack's bootstrap-script.sh) runs it with, so that output, exit code,
     * timeout, cancel and the clean environment are the shell jobs' own.
     */
    public CompletionStage<ExecutionResult> run(ShellJob job, ExecutionRequest request) {
        try {
            ShellRun run = new ShellRun(job, request.jobName(), request.identity(), reaper, streams(), request.stop(),
                    request.output());
            return CompletableFuture.supplyAsync(run::run, runs())
                    .exceptionally(e -> ExecutionResult.failed("shell: " + e.getMessage()));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(ExecutionResult.failed("shell: executor is shut down"));
        }
    }

    @PreDestroy
    public synchronized void shutdown() {
        if (runs != null) {
            runs.shutdownNow();
            streams.shutdownNow();
        }
        reaper.close();
    }

    private synchronized ExecutorService runs() {
        if (runs == null) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_CONCURRENT_RUNS, MAX_CONCURRENT_RUNS,
                    60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), DaemonThreads.named("pendule-shell-"));
            pool.allowCoreThreadTimeOut(true);
            runs = pool;
        }
        return runs;
    }

    private synchronized ExecutorService streams() {
        if (streams == null) {
            streams = Executors.newCachedThreadPool(DaemonThreads.named("pendule-shell-io-"));
        }
        return streams;
    }
}
