package io.mcpgateway.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GatewayConfigTest {

    @TempDir
    Path dir;

    private GatewayConfig load(String yaml) throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        return GatewayConfig.load(file, dir.resolve("data"));
    }

    private static final String CONNECTION = """
            connections:
              reports:
                kind: jdbc
                url: jdbc:postgresql://db.internal/reports
                user: reader
                credential: %s
                risk: read-only
            """;

    @Test
    void aPlaintextCredentialIsRefusedWithItsKeyAndNotItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> load(CONNECTION.formatted("hunter2")));
        assertEquals("connections.reports.credential holds a credential in clear; write a reference instead: "
                + "env:NAME, file:PATH or a secret manager (vault:PATH#KEY). Only a demo may set "
                + "credentials.allow-plaintext: true", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> load("store:\n  password: s3cret\n"));
        assertEquals(true, e.getMessage().startsWith("store.password holds a credential in clear"), e.getMessage());
    }

    @Test
    void referencesAndTheDemoSwitchAreAccepted() throws Exception {
        assertEquals("env:REPORTS_PW", load(CONNECTION.formatted("env:REPORTS_PW")).connections().get("reports")
                .credentialRef());
        assertEquals("vault:secret/reports#password", load(CONNECTION.formatted("vault:secret/reports#password"))
                .connections().get("reports").credentialRef());
        assertEquals("hunter2", load(CONNECTION.formatted("hunter2") + "credentials:\n  allow-plaintext: true\n")
                .connections().get("reports").credentialRef());
    }

    @Test
    void runbookReloadIsOnByDefaultAndConfigurable() throws Exception {
        assertEquals(new GatewayConfig.ToolsReload(true, Duration.ofMillis(300), Duration.ofSeconds(10)),
                load("server:\n  port: 0\n").toolsReload());
        assertEquals(new GatewayConfig.ToolsReload(false, Duration.ofSeconds(1), Duration.ofMinutes(1)),
                load("tools-reload:\n  enabled: false\n  debounce: 1s\n  poll-interval: 1m\n").toolsReload());
    }
}
