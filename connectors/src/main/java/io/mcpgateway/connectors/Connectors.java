package io.mcpgateway.connectors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.GatewayException;

/**
 * The connectors of every configured connection, by connection name.
 */
public final class Connectors implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(Connectors.class.getName());

    private final Map<String, ConnectionDefinition> definitions;
    private final Map<String, Connector> connectors;
    private final SecretResolver secrets;

    private Connectors(Map<String, ConnectionDefinition> definitions, Map<String, Connector> connectors,
                       SecretResolver secrets) {
        this.definitions = definitions;
        this.connectors = connectors;
        this.secrets = secrets;
    }

    /**
     * Creates one connector per connection.
     *
     * @param definitions connections by name
     * @param secrets     credential resolver
     * @return the connectors
     * @throws IllegalArgumentException for an unknown connection kind
     */
    public static Connectors create(Map<String, ConnectionDefinition> definitions, SecretResolver secrets) {
        Map<String, Connector> connectors = new LinkedHashMap<>();
        for (ConnectionDefinition d : definitions.values()) {
            connectors.put(d.name(), switch (d.kind()) {
                case "jdbc" -> new JdbcConnector(d, secrets);
                case "http" -> new HttpConnector(d, secrets);
                case "logs" -> new LogConnector(d);
                default -> throw new IllegalArgumentException("Connection '" + d.name() + "': unknown kind '"
                        + d.kind() + "' (supported: jdbc, http, logs)");
            });
        }
        warmUp(connectors);
        return new Connectors(Map.copyOf(definitions), connectors, secrets);
    }

    /**
     * Resolves every connection's credential once at start, so that the masking stage knows the
     * values before the first call: a caller who guesses a password and passes it as an argument
     * must find it scrubbed from the audit row written before anything runs. A credential that is
     * not available yet is resolved at its first use instead.
     */
    private static void warmUp(Map<String, Connector> connectors) {
        connectors.forEach((name, connector) -> {
            try {
                connector.prepareCredential();
            } catch (GatewayException e) {
                LOGGER.log(System.Logger.Level.WARNING, "Credential of connection " + name
                        + " is not available yet (" + e.reasonCode() + "); it is fetched again at first use");
            }
        });
    }

    /**
     * The definition of a connection.
     *
     * @param name connection name
     * @return definition, if configured
     */
    public Optional<ConnectionDefinition> definition(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    /**
     * All connection definitions.
     *
     * @return definitions by name
     */
    public Map<String, ConnectionDefinition> definitions() {
        return definitions;
    }

    /**
     * The connector of a connection.
     *
     * @param name connection name
     * @return connector
     * @throws GatewayException when the connection is not configured
     */
    public Connector connector(String name) {
        Connector c = connectors.get(name);
        if (c == null) {
            throw new GatewayException("unknown_connection", "Connection '" + name + "' is not configured.");
        }
        return c;
    }

    /**
     * The credential resolver (its live values feed exact scrubbing).
     *
     * @return resolver
     */
    public SecretResolver secrets() {
        return secrets;
    }

    @Override
    public void close() {
        connectors.values().forEach(Connector::close);
    }
}
