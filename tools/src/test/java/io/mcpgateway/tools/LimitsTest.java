package io.mcpgateway.tools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LimitsTest {

    private static ToolResult.Table table(int rows, String value) {
        List<List<Object>> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            data.add(List.of(i, value));
        }
        return new ToolResult.Table(List.of(new ToolResult.Column("id", "INTEGER"), new ToolResult.Column("v", "TEXT")),
                data, false, 0);
    }

    @Test
    void withholdsRowsPastTheRowCapAndCountsThem() {
        ToolResult.Table capped = (ToolResult.Table) new Limits(3, 64 * 1024, Duration.ofSeconds(5)).cap(table(10, "x"));
        assertEquals(3, capped.rows().size());
        assertEquals(true, capped.truncated());
        assertEquals(7, capped.withheldRows());
    }

    @Test
    void withholdsRowsPastTheByteCap() {
        ToolResult.Table capped = (ToolResult.Table) new Limits(100, 1024, Duration.ofSeconds(5))
                .cap(table(10, "y".repeat(300)));
        assertEquals(3, capped.rows().size());
        assertEquals(7, capped.withheldRows());
    }

    @Test
    void keepsAnUnknownCountUnknownAndLeavesSmallResultsAlone() {
        ToolResult.Table connectorCapped = new ToolResult.Table(List.of(), List.of(List.of(1), List.of(2)), true, -1);
        ToolResult.Table capped = (ToolResult.Table) new Limits(1, 1024, Duration.ofSeconds(1)).cap(connectorCapped);
        assertEquals(-1, capped.withheldRows());
        ToolResult.Table small = table(2, "z");
        assertSame(small, Limits.DEFAULT.cap(small));
    }
}
