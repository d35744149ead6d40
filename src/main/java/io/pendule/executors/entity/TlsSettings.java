package io.pendule.executors.entity;

/**
 * How an http job sets up TLS; equal settings share one HTTP client.
 *
 * @param noVerifyPeer        trust any certificate for any host name
 * @param rootCAsFile         PEM bundle of the only CAs to trust, or null for the JVM's defaults
 * @param certificateFile     PEM client certificate (chain) for mutual TLS, or null
 * @param certificateKeyFile  PEM PKCS#8 private key of that certificate, or null
 */
public record TlsSettings(boolean noVerifyPeer, String rootCAsFile, String certificateFile, String certificateKeyFile) {

    public static final TlsSettings DEFAULT = new TlsSettings(false, null, null, null);

    public boolean isDefault() {
        return equals(DEFAULT);
    }
}
