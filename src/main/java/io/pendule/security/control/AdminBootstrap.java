package io.pendule.security.control;

import io.pendule.platform.Network;
import io.pendule.platform.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.logging.Logger;

/**
 * The first admin, as Jenkins and Airflow standalone make it. PENDULE_ADMIN_PASSWORD gives user {@code admin} that
 * password at every start (creating or resetting it). Without it, a first start (no user yet) generates a strong
 * password, prints it once in the log and writes it to {@code PENDULE_DATA_DIR/initial-admin-password} (mode 0600); in a
 * cluster only the node whose insert wins does. PENDULE_ADMIN_TOKEN, when given, is an admin API token valid from the
 * start, for automation. Also refuses to start on settings that would open the node: an admin anonymous role, CORS for
 * any origin while anonymous access is on, a token shorter than 32 characters.
 */
@Singleton
@Startup
@DependsOn("Database")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    public static final String ADMIN = "admin";
    static final String PASSWORD_FILE = "initial-admin-password";
    static final int GENERATED_LENGTH = 20;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    Settings settings;
    @Inject
    Users users;
    @Inject
    ApiTokens tokens;

    @PostConstruct
    void start() {
        refuseOpenSettings();
        settings.adminPassword().ifPresentOrElse(this::setPassword, this::generateOnFirstStart);
        settings.adminToken().ifPresent(this::keepToken);
    }

    private void refuseOpenSettings() {
        boolean anonymous = AnonymousAccess.roleOf(settings.anonymousRole().orElse(null)).isPresent();
        if (anonymous && settings.corsOrigins().equals("*")) {
            throw new IllegalStateException("PENDULE_CORS_ORIGINS=* is refused while anonymous access is on: any web page "
                    + "could drive this node's API; list the origins");
        }
        Network.parseAll(settings.anonymousNetworks());
        settings.httpDenyNetworks(); // read on a job's first run otherwise: a typo must stop the start instead
        settings.httpAllowNetworks();
        settings.adminToken().filter(token -> !TokenText.looksLikeOne(token)).ifPresent(token -> {
            throw new IllegalStateException("PENDULE_ADMIN_TOKEN must be 32 to 256 characters of A-Z a-z 0-9 . _ ~ + / = -");
        });
        settings.metricsToken().filter(token -> !TokenText.looksLikeOne(token)).ifPresent(token -> {
            throw new IllegalStateException("PENDULE_METRICS_TOKEN must be 32 to 256 characters of A-Z a-z 0-9 . _ ~ + / = -");
        });
    }

    private void setPassword(String password) {
        if (password.length() < Users.MIN_PASSWORD_LENGTH) {
            LOG.warning(() -> "PENDULE_ADMIN_PASSWORD is shorter than " + Users.MIN_PASSWORD_LENGTH + " characters");
        }
        keepAdmin(password, true);
        LOG.info("User admin has the password of PENDULE_ADMIN_PASSWORD");
    }

    private void generateOnFirstStart() {
        if (!users.none()) {
            return;
        }
        String password = generated();
        if (!keepAdmin(password, false)) {
            return; // another node made the first admin
        }
        Path file = settings.dataDir().resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warning(() -> "Could not write " + file + ": " + e.getMessage());
        }
        String banner = "*".repeat(72);
        LOG.warning(() -> "\n" + banner + "\nPendule made the first user: admin, with the password\n\n    " + password
                + "\n\nalso in " + file + " (readable by this account only). Sign in at /login, then change it,\n"
                + "or set PENDULE_ADMIN_PASSWORD. This is the only time it is shown.\n" + banner);
    }

    /** Whether this node created the admin; false when it existed, or another node created it meanwhile. */
    private boolean keepAdmin(String password, boolean reset) {
        try {
            return users.keepAdmin(ADMIN, password, reset);
        } catch (EJBException | IllegalStateException | jakarta.persistence.PersistenceException raced) {
            if (users.find(ADMIN).isEmpty()) {
                throw raced;
            }
            if (reset) {
                return users.keepAdmin(ADMIN, password, true);
            }
            return false;
        }
    }

    private void keepToken(String token) {
        if (users.find(ADMIN).isEmpty()) {
            LOG.warning("PENDULE_ADMIN_TOKEN is ignored: there is no user admin to own it");
            return;
        }
        try {
            tokens.keepBootstrapToken(ADMIN, token);
        } catch (EJBException | jakarta.persistence.PersistenceException raced) {
            tokens.keepBootstrapToken(ADMIN, token); // another node inserted it meanwhile: now it is there to update
        }
        LOG.info("The admin token of PENDULE_ADMIN_TOKEN is valid (API token 'bootstrap')");
    }

    static String generated() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
