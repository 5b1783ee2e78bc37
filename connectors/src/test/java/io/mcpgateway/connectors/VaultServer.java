package io.mcpgateway.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A small real secret store on loopback that speaks the KV version 2 read endpoint of HashiCorp
 * Vault ({@code GET /v1/<mount>/data/<path>} with {@code X-Vault-Token}) over TLS, with a
 * self-signed certificate generated for the test by the JDK's keytool.
 */
public final class VaultServer implements AutoCloseable {

    private final HttpsServer server;
    private final String token;
    private final Path caFile;
    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    private VaultServer(HttpsServer server, String token, Path caFile) {
        this.server = server;
        this.token = token;
        this.caFile = caFile;
    }

    /**
     * Starts a store with a fresh certificate for 127.0.0.1 and localhost.
     *
     * @param dir   where to keep the key store and the CA file
     * @param token the token the store accepts
     * @return the running store
     * @throws Exception when keytool or the server fails
     */
    public static VaultServer start(Path dir, String token) throws Exception {
        Path keystore = dir.resolve("vault.p12");
        Path pem = dir.resolve("vault-ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "vault", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "vault", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-file", pem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        VaultServer vault = new VaultServer(server, token, pem);
        server.createContext("/v1/", vault::handle);
        server.start();
        return vault;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        reads.incrementAndGet();
        String path = ex.getRequestURI().getPath();
        if (!token.equals(ex.getRequestHeaders().getFirst("X-Vault-Token"))) {
            send(ex, 403, "{\"errors\":[\"permission denied\"]}");
            return;
        }
        String prefix = "/v1/secret/data/";
        Map<String, String> data = path.startsWith(prefix) ? secrets.get(path.substring(prefix.length())) : null;
        if (data == null || !ex.getRequestMethod().equals("GET")) {
            send(ex, 404, "{\"errors\":[]}");
            return;
        }
        StringBuilder json = new StringBuilder("{\"request_id\":\"r\",\"data\":{\"data\":{");
        int i = 0;
        for (Map.Entry<String, String> e : data.entrySet()) {
            json.append(i++ > 0 ? "," : "").append('"').append(e.getKey()).append("\":\"")
                    .append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        json.append("},\"metadata\":{\"version\":1}}}");
        send(ex, 200, json.toString());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    /**
     * Stores (or replaces) a secret, as {@code vault kv put secret/PATH k=v} would.
     *
     * @param path secret path below the {@code secret} mount
     * @param data fields
     */
    public void put(String path, Map<String, String> data) {
        secrets.put(path, Map.copyOf(data));
    }

    /**
     * The store's base URL.
     *
     * @return https URL on 127.0.0.1
     */
    public String address() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The PEM file of the store's self-signed certificate.
     *
     * @return CA file
     */
    public Path caFile() {
        return caFile;
    }

    /** Forgets all secrets and the read count. */
    public void reset() {
        secrets.clear();
        reads.set(0);
    }

    /**
     * How many reads the store answered.
     *
     * @return reads
     */
    public int reads() {
        return reads.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
