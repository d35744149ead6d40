package io.pendule.secrets.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * At start: the store's key is read (or made) now rather than at the first run, and with PENDULE_SECRET_KEY_PREVIOUS
 * the rows of the previous key are re-encrypted with the current one. Nodes starting together may both try: the rows
 * are locked, and the second finds nothing left to do.
 */
@Singleton
@Startup
@DependsOn("Database")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SecretKeyCheck {

    private static final Logger LOG = Logger.getLogger(SecretKeyCheck.class.getName());

    @Inject
    SecretKeys keys;
    @Inject
    SecretStore store;

    @PostConstruct
    void start() {
        SecretCipher cipher = keys.cipher();
        LOG.info(() -> "The secret store's key is " + cipher.currentKeyId());
        if (cipher.previousKeyId().isEmpty()) {
            return;
        }
        try {
            int rotated = store.reencrypt();
            LOG.info(() -> rotated + " secrets re-encrypted from key " + cipher.previousKeyId().get() + " to key "
                    + cipher.currentKeyId() + "; PENDULE_SECRET_KEY_PREVIOUS can go");
        } catch (EJBException | IllegalStateException | io.pendule.secrets.entity.SecretUnavailable e) {
            LOG.severe(() -> "The secrets could not be re-encrypted, none was: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
