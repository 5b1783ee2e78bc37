package io.mcpgateway.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(30)
class RunbookWatcherTest {

    @TempDir
    Path dir;

    private static String tool(String name, String description) {
        return "tools:\n  - name: " + name + "\n    description: " + description + "\n    connection: db\n"
                + "    groups: [g]\n    sql: SELECT 1\n";
    }

    private RunbookWatcher watcher() {
        return RunbookWatcher.builder().directory(dir).debounce(Duration.ofMillis(50))
                .pollInterval(Duration.ofMillis(200)).build();
    }

    @Test
    void picksUpAnEditAndTellsTheListeners() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), tool("first", "First."));
        try (RunbookWatcher w = watcher()) {
            LinkedBlockingQueue<Runbooks> changes = new LinkedBlockingQueue<>();
            w.onChange((before, after) -> changes.add(after));
            w.start();
            Files.writeString(dir.resolve("b.yaml"), tool("second", "Second."));
            Runbooks after = changes.poll(10, TimeUnit.SECONDS);
            assertEquals(List.of("first", "second"), List.copyOf(after.tools().keySet()));
            assertEquals(after, w.current());
            assertEquals(true, w.status().current());
        }
    }

    @Test
    void anInvalidEditKeepsTheLastGoodSetAndSaysWhy() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), tool("first", "First."));
        try (RunbookWatcher w = watcher()) {
            Runbooks good = w.current();
            Files.writeString(dir.resolve("a.yaml"), tool("first", "First.").replace("connection", "conection"));
            assertEquals(false, w.reload());
            assertEquals(good, w.current());
            assertEquals(List.of(dir.resolve("a.yaml") + ":4:5: unknown key 'conection' in tool 'first' "
                            + "(hint: did you mean 'connection'?)"),
                    w.status().problems().stream().map(RunbookProblem::toString).toList());
            assertEquals(false, w.status().current());
            assertEquals(false, w.reload(), "an unchanged file is not read again");

            Files.writeString(dir.resolve("a.yaml"), tool("first", "Fixed."));
            assertEquals(true, w.reload());
            assertEquals("Fixed.", w.current().find("first").orElseThrow().description());
            assertEquals(true, w.status().current());
        }
    }

    @Test
    void refusesToStartOnInvalidRunbooks() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "tools: {}\n");
        RunbookException e = assertThrows(RunbookException.class, this::watcher);
        assertEquals(List.of(dir.resolve("a.yaml") + ":1:8: 'tools' must be a list of tools (each starting with "
                + "'- name:')"), e.problems().stream().map(RunbookProblem::toString).toList());
    }
}
