package io.mcpgateway.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates an operator trusts for one backend ({@code ca-file}), read from a PEM file.
 */
final class PemCertificates {

    private PemCertificates() {
    }

    /**
     * Reads every certificate of a PEM file.
     *
     * @param file PEM file
     * @param key  the configuration key, for messages
     * @return certificates, at least one
     * @throws IllegalArgumentException naming the key and file when unreadable or empty
     */
    static List<X509Certificate> read(Path file, String key) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(key + " " + file + " holds no certificate");
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(key + " " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * A TLS context trusting exactly the given certificates.
     *
     * @param certificates trusted certificates
     * @return SSL context
     */
    static SSLContext trusting(List<X509Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build a TLS context: " + e.getMessage(), e);
        }
    }
}
