package io.pendule.executors.control;

import io.pendule.KeyTool;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS options against a real HTTPS server whose self-signed certificates keytool makes for the test. */
class HttpExecutorTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static String url;

    private final HttpExecutor executor = new HttpExecutor(new OutboundGuard(), Optional.of(dir));

    @BeforeAll
    static void startServer() throws Exception {
        Path serverStore = generate("server", "ip:127.0.0.1");
        Path clientStore = generate("client", "dns:client.invalid");
        exportCertificate(serverStore, "server", dir.resolve("server.pem"));
        exportCertificate(clientStore, "client", dir.resolve("client.pem"));
        exportPrivateKey(clientStore, "client", dir.resolve("client.key"));

        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(serverStore), PASSWORD.toCharArray());
        KeyStore clients = KeyStore.getInstance("PKCS12");
        clients.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("client.pem"))) {
            clients.setCertificateEntry("client", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(clients);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                params.setWantClientAuth(true);
            }
        });
        server.createContext("/", exchange -> {
            String client;
            try {
                client = ((HttpsExchange) exchange).getSSLSession().getPeerPrincipal().getName();
            } catch (SSLPeerUnverifiedException none) {
                client = "none";
            }
            byte[] body = ("client=" + client).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void anUntrustedCertificateFails() throws Exception {
        ExecutionResult result = run();
        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.error().startsWith("http: "), result.error());
    }

    @Test
    void rootCAsFileTrustsTheServer() throws Exception {
        ExecutionResult result = run("tlsRootCAsFile", dir.resolve("server.pem").toString());
        assertEquals(Outcome.SUCCEEDED, result.outcome(), result::toString);
        assertEquals("client=none", result.stdout());
        assertEquals(Outcome.SUCCEEDED, run("tlsRootCAsFile", "server.pem").outcome(), "relative to PENDULE_TLS_DIR");
    }

    @Test
    void aFileOutsideTheTlsDirectoryIsNeverRead() throws Exception {
        Path outside = Files.createTempFile("server", ".pem");
        Files.copy(dir.resolve("server.pem"), outside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try {
            ExecutionResult result = run("tlsRootCAsFile", outside.toString());
            assertEquals(Outcome.FAILED, result.outcome());
            assertEquals("invalid executor_config: tlsRootCAsFile: must name a file inside PENDULE_TLS_DIR (" + dir + ")",
                    result.error());
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void noVerifyPeerTrustsAnyCertificate() throws Exception {
        ExecutionResult result = run("tlsNoVerifyPeer", "true");
        assertEquals(Outcome.SUCCEEDED, result.outcome(), result::toString);
    }

    @Test
    void aClientCertificateIsPresented() throws Exception {
        ExecutionResult result = run("tlsRootCAsFile", dir.resolve("server.pem").toString(),
                "tlsCertificateFile", dir.resolve("client.pem").toString(),
                "tlsCertificateKeyFile", dir.resolve("client.key").toString());
        assertEquals(Outcome.SUCCEEDED, result.outcome(), result::toString);
        assertEquals("client=CN=client", result.stdout());
    }

    @Test
    void missingOrWrongFilesFailClearly() throws Exception {
        ExecutionResult missing = run("tlsRootCAsFile", dir.resolve("nope.pem").toString());
        assertEquals(Outcome.FAILED, missing.outcome());
        assertTrue(missing.error().contains("tlsRootCAsFile") && missing.error().contains("no such file"), missing.error());

        ExecutionResult notAKey = run("tlsCertificateFile", dir.resolve("client.pem").toString(),
                "tlsCertificateKeyFile", dir.resolve("client.pem").toString());
        assertEquals(Outcome.FAILED, notAKey.outcome());
        assertTrue(notAKey.error().contains("tlsCertificateKeyFile") && notAKey.error().contains("PRIVATE KEY"),
                notAKey.error());
    }

    private ExecutionResult run(String... keysAndValues) throws Exception {
        Map<String, String> config = new HashMap<>(Map.of("method", "GET", "url", url, "timeout", "3"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return executor.execute(new ExecutionRequest(1, "job", 1, config)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static Path generate(String alias, String san) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        KeyTool.run("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
                "-ext", "san=" + san, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        return store;
    }

    private static void exportCertificate(Path store, String alias, Path pem) throws Exception {
        KeyTool.run("-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", pem.toString());
    }

    private static void exportPrivateKey(Path store, String alias, Path pem) throws Exception {
        byte[] pkcs8 = load(store).getKey(alias, PASSWORD.toCharArray()).getEncoded();
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n");
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        return keyStore;
    }

}
