package io.pendule.executors.control;

import io.pendule.executors.entity.TlsSettings;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the SSLContext of an http job's TLS settings from PEM files. */
final class TlsContexts {

    private static final Pattern PKCS8_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final char[] IN_MEMORY_PASSWORD = new char[0];

    private TlsContexts() {
    }

    /** @throws IllegalStateException naming the config key and file of the problem */
    static SSLContext create(TlsSettings tls) {
        TrustManager[] trust = null;
        if (tls.noVerifyPeer()) {
            trust = new TrustManager[]{new TrustEverything()};
        } else if (tls.rootCAsFile() != null) {
            trust = trustOnly("tlsRootCAsFile", tls.rootCAsFile());
        }
        KeyManager[] keys = tls.certificateFile() == null ? null : clientKeys(tls);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    /** Like Dkron, a root CA file replaces the default trusted CAs. */
    private static TrustManager[] trustOnly(String key, String file) {
        try {
            KeyStore store = emptyStore();
            int i = 0;
            for (Certificate certificate : certificates(key, file)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw problem(key, file, e);
        }
    }

    private static KeyManager[] clientKeys(TlsSettings tls) {
        Certificate[] chain = certificates("tlsCertificateFile", tls.certificateFile()).toArray(Certificate[]::new);
        PrivateKey key = privateKey(tls.certificateKeyFile());
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("client", key, IN_MEMORY_PASSWORD, chain);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, IN_MEMORY_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw problem("tlsCertificateKeyFile", tls.certificateKeyFile(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(String key, String file) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalStateException(key + ": no PEM certificate in " + file);
            }
            return certificates;
        } catch (GeneralSecurityException | IOException e) {
            throw problem(key, file, e);
        }
    }

    private static PrivateKey privateKey(String file) {
        String key = "tlsCertificateKeyFile";
        try {
            Matcher pem = PKCS8_KEY.matcher(Files.readString(Path.of(file)));
            if (!pem.find()) {
                throw new IllegalStateException(key + ": " + file + " holds no PKCS#8 \"BEGIN PRIVATE KEY\" block"
                        + " (convert with: openssl pkcs8 -topk8 -nocrypt)");
            }
            PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(1)));
            for (String algorithm : new String[]{"RSA", "EC", "EdDSA", "DSA"}) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                } catch (GeneralSecurityException notThisAlgorithm) {
                    // try the next one
                }
            }
            throw new IllegalStateException(key + ": unsupported private key algorithm in " + file);
        } catch (IOException e) {
            throw problem(key, file, e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static IllegalStateException problem(String key, String file, Exception e) {
        String what = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString();
        return new IllegalStateException(key + ": cannot use " + file + ": " + what, e);
    }

    /**
     * For tlsNoVerifyPeer. An X509ExtendedTrustManager, because the JDK adds its own host name check around
     * a plain X509TrustManager.
     */
    private static final class TrustEverything extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // trusted
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // trusted
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // trusted
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // trusted
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // trusted
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // trusted
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
