package io.pendule.platform;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pendule's settings, an injected bean. Each is a MicroProfile Config key, so it can be given as an environment
 * variable ({@code pendule.db.url} is {@code PENDULE_DB_URL}), a system property or a microprofile-config.properties
 * entry. A setting is read when asked, so a wrong value is reported by what uses it; beans that use one on every run
 * read it once, when they start.
 */
@ApplicationScoped
public class Settings {

    /** "api,worker": a node serves the API and the pages, and runs jobs. */
    static final String ALL_ROLES = "api,worker";

    private final Function<String, Optional<String>> source;

    /**
     * The settings of MicroProfile Config: the bean CDI injects, or, where CDI is not up yet, a {@code new} one. Values
     * are taken as written: MicroProfile Config's expressions would read a password holding {@code ${x}}, or a secret
     * reference ({@code ${secret:smtp-password}}), as the value of another property.
     */
    public Settings() {
        this(key -> Optional.ofNullable(ConfigProvider.getConfig(Settings.class.getClassLoader()).getConfigValue(key).getRawValue()));
    }

    private Settings(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /** Settings given as keys and values, for tests: what is not given has its default. */
    public static Settings of(Map<String, String> values) {
        return new Settings(key -> Optional.ofNullable(values.get(key)));
    }

    private Optional<String> value(String key) {
        return source.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** PostgreSQL JDBC URL; empty means the embedded database. */
    public Optional<String> databaseUrl() {
        return value("pendule.db.url");
    }

    public String databaseUser() {
        return value("pendule.db.user").orElse("postgres");
    }

    public String databasePassword() {
        return value("pendule.db.password").orElse("");
    }

    /** How long opening a connection to PostgreSQL may take (pgjdbc's connectTimeout): 10s. */
    public Duration databaseConnectTimeout() {
        return durationOr("pendule.db.connect.timeout", Duration.ofSeconds(10));
    }

    /** How long a statement waits for a row or table lock before it fails (lock_timeout; H2's LOCK_TIMEOUT): 5s. */
    public Duration databaseLockTimeout() {
        return durationOr("pendule.db.lock.timeout", Duration.ofSeconds(5));
    }

    /** How long one statement may run on PostgreSQL (statement_timeout); migrations are not bounded: 60s. */
    public Duration databaseStatementTimeout() {
        return durationOr("pendule.db.statement.timeout", Duration.ofSeconds(60));
    }

    /**
     * How long PostgreSQL lets a session sit idle inside a transaction before it ends it, releasing its locks
     * (idle_in_transaction_session_timeout): a paused or cut-off node holds its claims' row locks no longer: 5s (Pendule's
     * transactions never wait on anything but the database).
     */
    public Duration databaseIdleInTransactionTimeout() {
        return durationOr("pendule.db.idle.in.transaction.timeout", Duration.ofSeconds(5));
    }

    /**
     * How long this node waits for an answer on a PostgreSQL connection before it gives the connection up (pgjdbc's
     * socketTimeout): longer than the statement timeout, so that only a dead connection or server hits it.
     */
    public Duration databaseSocketTimeout() {
        return durationOr("pendule.db.socket.timeout", databaseStatementTimeout().plusSeconds(30));
    }

    /**
     * Liveness: how long the clock may go without a tick, or the recorder keep an event unwritten while the database
     * answers, before the node reports itself not live: longer than the socket timeout, which a tick may wait.
     */
    public Duration healthStall() {
        return durationOr("pendule.health.stall", databaseSocketTimeout().plusSeconds(60));
    }

    /** Readiness: how many execution events the recorder may hold unwritten while the node still takes work. */
    public int healthRecorderBacklog() {
        return positive("pendule.health.recorder.backlog", 50_000);
    }

    /** Where the embedded database and work files live. */
    public Path dataDir() {
        return Path.of(value("pendule.data.dir").orElse("data")).toAbsolutePath().normalize();
    }

    /**
     * Whether runs are traced: MicroProfile Telemetry's own switch, {@code otel.sdk.disabled} ({@code OTEL_SDK_DISABLED}),
     * true unless set to false, read as Payara reads it.
     */
    public boolean tracesEnabled() {
        return value("otel.sdk.disabled").map("false"::equalsIgnoreCase).orElse(false);
    }

    public String nodeName() {
        return value("pendule.node.name").orElseGet(Settings::hostName);
    }

    /** Whether {@code role} is one of this node's roles: a whole name of the comma-separated list, spaces aside. */
    public boolean hasRole(String role) {
        return Arrays.stream(roles().split(",")).map(String::trim).anyMatch(role::equals);
    }

    /** "api", "worker" or both ("api,worker", the default). */
    public String roles() {
        return value("pendule.roles").orElse(ALL_ROLES);
    }

    /** "key=value,key2=value2": what jobs with tags select this node by. */
    public String nodeTags() {
        return value("pendule.node.tags").orElse("");
    }

    /** The password user {@code admin} gets at start (created or reset); without it, a first start generates one. */
    public Optional<String> adminPassword() {
        return value("pendule.admin.password");
    }

    /** An admin API token (at least 32 characters) that every start makes valid, named "bootstrap": for automation. */
    public Optional<String> adminToken() {
        return value("pendule.admin.token");
    }

    /** The role of requests without credentials (viewer or operator), Dkron's open API; empty: none (the default). */
    public Optional<String> anonymousRole() {
        return value("pendule.anonymous.role");
    }

    /** Comma-separated CIDR networks the anonymous role is open to; empty: any address. */
    public String anonymousNetworks() {
        return value("pendule.anonymous.networks").orElse("");
    }

    /**
     * Comma-separated host names a request without credentials may name in its Host header to be anonymous; empty: any
     * IP address, localhost, the node's name and the machine's (a name another site's DNS rebinds is never anonymous).
     */
    public String allowedHosts() {
        return value("pendule.allowed.hosts").orElse("");
    }

    /** The single sign-on provider's issuer URL (OpenID Connect discovery is read from it); empty: no single sign-on. */
    public Optional<String> oidcIssuer() {
        return value("pendule.oidc.issuer").map(issuer -> issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer);
    }

    public String oidcClientId() {
        return value("pendule.oidc.client-id").orElse("pendule");
    }

    public String oidcClientSecret() {
        return value("pendule.oidc.client-secret").orElse("");
    }

    /** The audience a provider's access token must name to be taken by the API: the client id by default. */
    public String oidcAudience() {
        return value("pendule.oidc.audience").orElse(oidcClientId());
    }

    /**
     * The claim listing a user's groups (or roles): "groups". A dotted path reads a nested claim (realm_access.roles),
     * unless a claim has that whole name (https://pendule.example.com/groups).
     */
    public String oidcRolesClaim() {
        return value("pendule.oidc.roles-claim").orElse("groups");
    }

    /** The claim naming the user: "preferred_username". */
    public String oidcUsernameClaim() {
        return value("pendule.oidc.username-claim").orElse("preferred_username");
    }

    /**
     * The comma-separated groups that give {@code role} (viewer, operator or admin): PENDULE_OIDC_ADMIN_GROUPS and so
     * on; "*" gives it to every user of the provider. A user in none of them is refused.
     */
    public String oidcGroups(String role) {
        return value("pendule.oidc." + role + "-groups").orElse("");
    }

    /** What the sign-in page's button calls the provider: "single sign-on". */
    public String oidcProviderName() {
        return value("pendule.oidc.provider-name").orElse("single sign-on");
    }

    /**
     * The address users reach Pendule at (https://pendule.example.com), for the provider's redirect after sign-in;
     * empty: the address each request names (right without a proxy that rewrites it).
     */
    public Optional<String> publicUrl() {
        return value("pendule.public.url").map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** A dashboard session ends after this long without a request: 1h. */
    public Duration sessionIdle() {
        return durationOr("pendule.session.idle", Duration.ofHours(1));
    }

    /** A dashboard session ends this long after its sign-in, however active: 12h. */
    public Duration sessionLongest() {
        return durationOr("pendule.session.longest", Duration.ofHours(12));
    }

    /**
     * How many run-now requests with ?wait=true one caller (a user, with all their tokens; or the anonymous role) may
     * have waiting at once on this node: the next is answered 429 (PENDULE_API_WAITS_PER_CALLER, 4).
     */
    public int apiWaitsPerCaller() {
        return positive("pendule.api.waits-per-caller", 4);
    }

    /**
     * How many jobs get series of their own in /metrics (PENDULE_METRICS_MAX_JOBS, 1000): the jobs seen after that many
     * are counted under {@code job="_other_"}, so that a Prometheus is not flooded by tens of thousands of jobs.
     */
    public int metricsMaxJobs() {
        return positive("pendule.metrics.max-jobs", 1000);
    }

    /**
     * A token only for scraping /metrics (PENDULE_METRICS_TOKEN, 32 to 256 token characters, checked at start), so that Prometheus needs no
     * user; empty: none, /metrics takes a viewer's credentials only.
     */
    public Optional<String> metricsToken() {
        return value("pendule.metrics.token");
    }

    /** How many executions this node runs at once. */
    public int workerCapacity() {
        return value("pendule.worker.capacity").map(Integer::parseInt).orElse(2000);
    }

    /**
     * How many fires a node may make ahead of its room, waiting queued for the first node with room (for all nodes
     * together, counted in the queue): a burst is fired before its instant and claimed cheaply as runs end, and the
     * queue stays bounded under sustained overload. Five times the node's capacity by default (W1's 10,000 fires due at
     * once on two nodes are then all fired before their instant; one capacity deep, a fifth of them were fired on the
     * path of the starts, which were 15 % slower); 0 fires only what there is room for.
     */
    public int workerQueueAhead() {
        return value("pendule.worker.queue-ahead").map(Integer::parseInt).orElse(5 * workerCapacity());
    }

    /**
     * Nodes starting within this long of each other queue one start-up run per job (run_on_start), not one each:
     * a Go duration, 1m by default.
     */
    public Duration startupRunWindow() {
        return value("pendule.startup.run.window").map(GoDuration::parse).orElse(Duration.ofMinutes(1));
    }

    /** Origins whose pages may call the API from a browser: "*" (any, Dkron's default) or a comma-separated list. */
    public String corsOrigins() {
        return value("pendule.cors.origins").orElse("");
    }

    public boolean corsAllows(String origin) {
        String allowed = corsOrigins();
        return allowed.equals("*") || Arrays.stream(allowed.split(",")).map(String::trim).anyMatch(origin::equals);
    }

    /**
     * Comma-separated CIDR networks http jobs and webhooks may not call (PENDULE_HTTP_DENY_NETWORKS), beyond the
     * link-local and cloud metadata addresses that are always refused; empty: none more.
     */
    public List<Network> httpDenyNetworks() {
        return networks("pendule.http.deny.networks");
    }

    /** Comma-separated CIDR networks http jobs and webhooks may call even where they are refused by default or denied. */
    public List<Network> httpAllowNetworks() {
        return networks("pendule.http.allow.networks");
    }

    private List<Network> networks(String key) {
        try {
            return Network.parseAll(value(key).orElse(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + ": " + e.getMessage(), e);
        }
    }

    /** Executions kept per job when the job says 0: its last PENDULE_KEEP_EXECUTIONS. */
    public int keepExecutions() {
        return positive("pendule.keep.executions", 10_000);
    }

    /** Finished executions older than this go, for jobs that set no keep_executions_for; empty: no age limit. */
    public Optional<Duration> keepExecutionsFor() {
        return value("pendule.keep.executions.for").map(text -> duration("pendule.keep.executions.for", text));
    }

    /** Audit events older than this go (PENDULE_AUDIT_KEEP_FOR, a Go duration): 2160h, 90 days. */
    public Duration auditKeepFor() {
        return durationOr("pendule.audit.keep.for", Duration.ofDays(90));
    }

    /** How often each worker node prunes execution history. */
    public Duration pruneEvery() {
        Duration every = value("pendule.prune.every").map(text -> duration("pendule.prune.every", text))
                .orElse(Duration.ofMinutes(1));
        return every.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : every;
    }

    /**
     * How long a graceful stop (SIGTERM) may take, from the signal to the results recorded: within Kubernetes' default
     * 30 s termination grace with room for the server's own shutdown. At least 5 s.
     */
    public Duration stopGrace() {
        Duration grace = value("pendule.stop.grace").map(text -> duration("pendule.stop.grace", text))
                .orElse(Duration.ofSeconds(25));
        return grace.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : grace;
    }

    /** The SMTP server e-mail notifications go through; empty: e-mail notifications are not sent. */
    public Optional<String> smtpHost() {
        return value("pendule.smtp.host");
    }

    public int smtpPort() {
        return positive("pendule.smtp.port", 25);
    }

    public String smtpFrom() {
        return value("pendule.smtp.from").orElseGet(() -> "pendule@" + hostName());
    }

    /** Empty: the server takes mail without authentication. */
    public Optional<String> smtpUser() {
        return value("pendule.smtp.user");
    }

    /** Never logged; taken as given, spaces included. */
    public String smtpPassword() {
        return source.apply("pendule.smtp.password").orElse("");
    }

    /** The secret store's key, base64 of 32 bytes; empty: PENDULE_DATA_DIR/secret.key, made at the first start. Never logged. */
    public Optional<String> secretKey() {
        return value("pendule.secret.key");
    }

    /** The key the store's rows were encrypted with before PENDULE_SECRET_KEY changed: a start re-encrypts them. */
    public Optional<String> secretKeyPrevious() {
        return value("pendule.secret.key.previous");
    }

    /** How long a worker keeps a secret's value before asking its provider again (PENDULE_SECRET_CACHE, a Go duration). */
    public Duration secretCache() {
        Duration cache = durationOr("pendule.secret.cache", Duration.ofSeconds(30));
        if (cache.isNegative()) {
            throw new IllegalStateException("pendule.secret.cache cannot be negative");
        }
        return cache;
    }

    /** The directory of secrets as files, one per secret named as it (Kubernetes Secret volumes); empty: none. */
    public Optional<Path> secretsDir() {
        return value("pendule.secrets.dir").map(dir -> Path.of(dir).toAbsolutePath().normalize());
    }

    /** Vault's (or OpenBao's) address, {@code https://vault:8200}; empty: no Vault provider. */
    public Optional<String> vaultAddr() {
        return value("pendule.vault.addr");
    }

    /** The path of the KV v2 secrets engine secrets are read from. */
    public String vaultMount() {
        return value("pendule.vault.mount").orElse("secret");
    }

    /** The Vault Enterprise / HCP namespace, sent as X-Vault-Namespace; empty: none. */
    public Optional<String> vaultNamespace() {
        return value("pendule.vault.namespace");
    }

    /** How Pendule logs in to Vault: {@code token} or {@code kubernetes}. */
    public String vaultAuth() {
        return value("pendule.vault.auth").orElse("token");
    }

    /** The Vault token of {@code token} auth; never logged. */
    public Optional<String> vaultToken() {
        return value("pendule.vault.token");
    }

    /** A file holding the Vault token of {@code token} auth, read again when it changes (a Vault Agent's sink). */
    public Optional<Path> vaultTokenFile() {
        return value("pendule.vault.token.file").map(Path::of);
    }

    /** The Vault role of {@code kubernetes} auth. */
    public Optional<String> vaultK8sRole() {
        return value("pendule.vault.k8s.role");
    }

    /** The path of Vault's kubernetes auth method. */
    public String vaultK8sMount() {
        return value("pendule.vault.k8s.mount").orElse("kubernetes");
    }

    /** The service account token {@code kubernetes} auth logs in with, read again at each login (Kubernetes rotates it). */
    public Path vaultK8sTokenFile() {
        return value("pendule.vault.k8s.token.file").map(Path::of)
                .orElse(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token"));
    }

    /** A PEM file of the CAs Vault's TLS certificate is checked against, instead of the JVM's; empty: the JVM's. */
    public Optional<Path> vaultCaCert() {
        return value("pendule.vault.cacert").map(Path::of);
    }

    /** How long a request to Vault may take, connecting included. */
    public Duration vaultTimeout() {
        Duration timeout = durationOr("pendule.vault.timeout", Duration.ofSeconds(10));
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalStateException("pendule.vault.timeout must be positive");
        }
        return timeout;
    }

    /** The only directory whose files http jobs may name for TLS (PENDULE_TLS_DIR); empty: the TLS file keys are refused. */
    public Optional<Path> tlsDir() {
        return value("pendule.tls.dir").map(dir -> Path.of(dir).toAbsolutePath().normalize());
    }

    /** The only directory packs may be imported from as folders (PENDULE_PACKS_DIR); empty: packs are only uploaded. */
    public Optional<Path> packsDir() {
        return value("pendule.packs.dir").map(dir -> Path.of(dir).toAbsolutePath().normalize());
    }

    /**
     * The PostgreSQL role pack runs connect to Pendule's database as (PGUSER; PENDULE_PACK_DATABASE_USER): a narrower
     * one than Pendule's, given read access to HDM's tables, is advised. Empty: Pendule's own (PENDULE_DB_USER).
     */
    public Optional<String> packDatabaseUser() {
        return value("pendule.pack.database.user");
    }

    /** The password of {@link #packDatabaseUser()} (PGPASSWORD); Pendule's own when no pack user is set. */
    public String packDatabasePassword() {
        return packDatabaseUser().isPresent() ? value("pendule.pack.database.password").orElse("") : databasePassword();
    }

    /** The Python 3 interpreter that makes the packs' virtualenvs (PENDULE_PACK_PYTHON): python3, found on PATH. */
    public String packPython() {
        return value("pendule.pack.python").orElse("python3");
    }

    /** The most bytes a pack's archive, and what it unpacks to, may hold each (PENDULE_PACK_MAX_BYTES): 50 MiB. */
    public long packMaxBytes() {
        return value("pendule.pack.max.bytes").map(text -> bytes("pendule.pack.max.bytes", text)).orElse(50L << 20);
    }

    /** The most entries (files, folders, anything) a pack's archive may hold (PENDULE_PACK_MAX_ENTRIES): 10,000. */
    public int packMaxEntries() {
        return positive("pendule.pack.max.entries", 10_000);
    }

    /** A size in bytes: a whole number, or one followed by KiB, MiB or GiB. */
    private static long bytes(String key, String text) {
        java.util.regex.Matcher size = java.util.regex.Pattern.compile("(\\d{1,12})\\s*(KiB|MiB|GiB)?").matcher(text);
        if (!size.matches() || Long.parseLong(size.group(1)) == 0) {
            throw new IllegalStateException(key + " must be a positive size in bytes (52428800, 50MiB), not \"" + text + "\"");
        }
        int shift = size.group(2) == null ? 0 : switch (size.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            default -> 30;
        };
        return Long.parseLong(size.group(1)) << shift;
    }

    /**
     * The domains e-mail notifications may go to (PENDULE_SMTP_ALLOWED_DOMAINS, comma-separated, lower-cased;
     * "*.example.com" is any subdomain of example.com); empty: any domain.
     */
    public List<String> smtpAllowedDomains() {
        return value("pendule.smtp.allowed.domains").map(text -> Arrays.stream(text.split(","))
                .map(domain -> domain.trim().toLowerCase(java.util.Locale.ROOT)).filter(domain -> !domain.isEmpty())
                .toList()).orElse(List.of());
    }

    private int positive(String key, int fallback) {
        return value(key).map(text -> {
            try {
                int number = Integer.parseInt(text);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalStateException(key + " must be a positive whole number, not \"" + text + "\"");
        }).orElse(fallback);
    }

    private Duration durationOr(String key, Duration fallback) {
        return value(key).map(text -> duration(key, text)).orElse(fallback);
    }

    private static Duration duration(String key, String text) {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + ": " + e.getMessage(), e);
        }
    }

    /**
     * How late a fire may be found and still run as usual; later, it is a misfire and the job's misfire_policy
     * decides (60 s by default, Quartz's misfireThreshold): a busy machine's lag of a few seconds is not a misfire.
     */
    public Duration misfireThreshold() {
        return value("pendule.misfire.threshold").map(GoDuration::parse).orElse(Duration.ofSeconds(60));
    }

    /** The port this node's API listens on (the uber jar's PENDULE_PORT). */
    public int port() {
        return value("pendule.port").map(Integer::parseInt).orElse(8080);
    }

    /** This node's IP address, as other nodes and clients would reach it. */
    public String address() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    /** Pendule's version, written into pendule-version.properties by the build. */
    public String version() {
        try (var in = Settings.class.getResourceAsStream("/pendule-version.properties")) {
            java.util.Properties properties = new java.util.Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "dev");
        } catch (java.io.IOException e) {
            return "dev";
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "pendule";
        }
    }
}
