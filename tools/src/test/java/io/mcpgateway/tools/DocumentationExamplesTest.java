package io.mcpgateway.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every complete example of {@code docs/runbooks.md} (a YAML block starting with {@code tools:})
 * loads without a problem, so the reference cannot drift from the language.
 */
class DocumentationExamplesTest {

    private static final Path DOC = Path.of("..", "docs", "runbooks.md");

    @Test
    void theReferencesCompleteExamplesLoad(@TempDir Path dir) throws Exception {
        Matcher m = Pattern.compile("```yaml\\n(tools:\\n.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        List<String> names = new ArrayList<>();
        int i = 0;
        while (m.find()) {
            Files.writeString(dir.resolve("example-" + i++ + ".yaml"), m.group(1));
        }
        Map<String, ConnectionDefinition> connections = Map.of(
                "demo-readonly", new ConnectionDefinition("demo-readonly", "jdbc", "jdbc:h2:mem:x", "", "",
                        RiskLevel.READ_ONLY, Map.of()),
                "tickets-api", new ConnectionDefinition("tickets-api", "http", "https://tickets.example", "", "",
                        RiskLevel.WRITE, Map.of()),
                "app-logs", new ConnectionDefinition("app-logs", "logs", "/var/log/apps", "", "", RiskLevel.READ_ONLY,
                        Map.of()));
        RunbookLoader.builder().connections(connections).build().load(dir).all().forEach(t -> names.add(t.name()));
        assertEquals(List.of("find_customer_by_email", "my_open_tickets", "comment_on_ticket", "search_service_errors"),
                names);
    }
}
