package io.pendule.secrets.control;

import io.pendule.platform.Settings;
import io.pendule.secrets.entity.SecretName;
import io.pendule.secrets.entity.SecretProvider;
import io.pendule.secrets.entity.SecretUnavailable;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Secrets as files of PENDULE_SECRETS_DIR, one per secret named as it (a Kubernetes Secret mounted as a volume,
 * /run/secrets): read each time the resolver asks, so a changed file is seen once its cached value expires. One
 * trailing newline is not part of the value (editors and {@code echo} add it). Symbolic links are followed (Kubernetes
 * makes each file one); a name never leaves the directory, since it has no '/' and no "..".
 */
@ApplicationScoped
public class FileSecrets implements SecretSource {

    @Inject
    Settings settings;

    private Path directory;

    public FileSecrets() {
    }

    FileSecrets(Path directory) {
        this.directory = directory;
    }

    @PostConstruct
    void start() {
        directory = settings.secretsDir().orElse(null);
    }

    @Override
    public SecretProvider provider() {
        return SecretProvider.FILE;
    }

    @Override
    public Optional<String> value(String name) {
        if (directory == null || !SecretName.valid(name)) {
            return Optional.empty();
        }
        Path file = directory.resolve(name).normalize();
        if (!directory.equals(file.getParent()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(withoutTrailingNewline(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new SecretUnavailable("secret " + name + " cannot be read from PENDULE_SECRETS_DIR: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    static String withoutTrailingNewline(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
