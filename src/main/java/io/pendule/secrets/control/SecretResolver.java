package io.pendule.secrets.control;

import io.pendule.platform.Settings;
import io.pendule.secrets.entity.MalformedReference;
import io.pendule.secrets.entity.ReferenceProblem;
import io.pendule.secrets.entity.ResolvedConfig;
import io.pendule.secrets.entity.SecretChanged;
import io.pendule.secrets.entity.SecretMask;
import io.pendule.secrets.entity.SecretProvider;
import io.pendule.secrets.entity.SecretReference;
import io.pendule.secrets.entity.SecretUnavailable;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The one place a run's secret references become values: on the worker, just before the executor runs, into a copy
 * of its config that is never stored nor logged. An unqualified reference asks the store, then the files, then the
 * environment, then Vault when it is configured ({@link SecretProvider#ORDER}); a value found is kept for
 * PENDULE_SECRET_CACHE (30 s), a secret not found is asked again next time. A secret found nowhere fails the run: an
 * empty value is never sent in its place.
 */
@ApplicationScoped
public class SecretResolver {

    @Inject
    @Any
    Instance<SecretSource> sources;
    @Inject
    Settings settings;
    @Inject
    InstantSource time;

    private final Map<SecretProvider, SecretSource> byProvider = new EnumMap<>(SecretProvider.class);
    private final Map<SecretReference, Cached> cache = new ConcurrentHashMap<>();
    private Duration keepFor = Duration.ZERO;

    private record Cached(String value, Instant until) {
    }

    public SecretResolver() {
    }

    SecretResolver(List<SecretSource> sources, Duration keepFor, InstantSource time) {
        sources.forEach(source -> byProvider.put(source.provider(), source));
        this.keepFor = keepFor;
        this.time = time;
    }

    @PostConstruct
    void start() {
        keepFor = settings.secretCache();
        sources.forEach(source -> byProvider.put(source.provider(), source));
    }

    /**
     * The config {@code executor} runs with, and the mask of the values put in it; throws {@link SecretUnavailable}
     * naming the first secret it cannot give.
     */
    public ResolvedConfig resolved(String executor, Map<String, String> config) {
        List<String> values = new ArrayList<>();
        Map<String, String> resolved = SecretFields.resolved(executor, config, reference -> {
            String value = value(reference);
            values.add(value);
            return value;
        });
        return new ResolvedConfig(resolved, SecretMask.of(values));
    }

    /** A setting's text (an SMTP password, a webhook URL) with its references resolved; throws as {@link #value} does. */
    public String resolvedText(String text) {
        return SecretTemplates.resolve(text, this::value);
    }

    public String value(SecretReference reference) {
        Instant now = time.instant();
        Cached cached = cache.get(reference);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.value();
        }
        String value = lookUp(reference).orElseThrow(() -> new SecretUnavailable(notFound(reference)));
        if (!keepFor.isZero() && !keepFor.isNegative()) {
            cache.put(reference, new Cached(value, now.plus(keepFor)));
        }
        return value;
    }

    /**
     * Every reference refused in a job's {@code config} ({@link SecretFields#problemsOf}), and each that names a
     * provider this node has not configured (a job saved now would only fail its runs).
     */
    public List<ReferenceProblem> problemsOf(String executor, Map<String, String> config) {
        return SecretFields.problemsOf(executor, config,
                reference -> reference.provider() == null ? Optional.empty() : notConfigured(reference.provider()));
    }

    /** What is wrong with the references of a setting's text (a webhook URL): malformed, or naming a provider not configured. */
    public Optional<String> problemOfText(String text) {
        try {
            return SecretTemplates.references(text).stream().map(SecretReference::provider).filter(java.util.Objects::nonNull)
                    .map(this::notConfigured).flatMap(Optional::stream).findFirst();
        } catch (MalformedReference e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Whether a provider has the secret now, asked without the cache; a provider that fails counts as having it. */
    public boolean findable(SecretReference reference) {
        try {
            return lookUp(reference).isPresent();
        } catch (SecretUnavailable unreadable) {
            return true;
        }
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) SecretChanged changed) {
        cache.keySet().removeIf(reference -> reference.name().equals(changed.name()));
    }

    private Optional<String> lookUp(SecretReference reference) {
        if (reference.provider() != null) {
            notConfigured(reference.provider()).ifPresent(reason -> {
                throw new SecretUnavailable("secret " + reference + ": " + reason);
            });
        }
        for (SecretProvider provider : providersOf(reference)) {
            SecretSource source = byProvider.get(provider);
            Optional<String> value = source == null ? Optional.empty() : source.value(reference.name());
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** The reference's provider, or those of {@link SecretProvider#ORDER} that are configured. */
    private List<SecretProvider> providersOf(SecretReference reference) {
        return reference.provider() == null
                ? SecretProvider.ORDER.stream().filter(provider -> notConfigured(provider).isEmpty()).toList()
                : List.of(reference.provider());
    }

    /** Vault is asked only when configured; the other providers always are (each simply has nothing when unset). */
    private Optional<String> notConfigured(SecretProvider provider) {
        SecretSource source = byProvider.get(provider);
        if (source == null) {
            return provider == SecretProvider.VAULT ? Optional.of(VaultSecrets.NOT_CONFIGURED) : Optional.empty();
        }
        return source.notConfigured();
    }

    String notFound(SecretReference reference) {
        return "secret " + reference.name() + " not found in "
                + providersOf(reference).stream().map(SecretProvider::label).collect(Collectors.joining(", "));
    }
}
