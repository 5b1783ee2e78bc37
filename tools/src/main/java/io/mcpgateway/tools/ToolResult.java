package io.mcpgateway.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a connector returns, before masking. Variants per shape of data.
 */
public sealed interface ToolResult permits ToolResult.Table, ToolResult.UpdateCount {

    /**
     * Rows from a query, capped by the tool's limits.
     *
     * @param columns      column names and SQL types
     * @param rows         row values (JDBC objects converted to JSON-friendly scalars)
     * @param truncated    whether rows were withheld because of the row or byte cap
     * @param withheldRows how many rows were withheld when known, else -1 ("more")
     */
    record Table(List<Column> columns, List<List<Object>> rows, boolean truncated, long withheldRows)
            implements ToolResult {
        /**
         * Validates fields.
         *
         * @param columns      columns
         * @param rows         rows (values may be null)
         * @param truncated    truncated flag
         * @param withheldRows withheld rows or -1
         */
        public Table {
            columns = List.copyOf(columns);
            List<List<Object>> copy = new ArrayList<>(rows.size());
            for (List<Object> row : rows) {
                copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
            }
            rows = Collections.unmodifiableList(copy);
        }
    }

    /**
     * The outcome of a write statement.
     *
     * @param affectedRows rows inserted, updated or deleted
     */
    record UpdateCount(long affectedRows) implements ToolResult {
    }

    /**
     * One result column.
     *
     * @param name column label
     * @param type SQL type name as the driver reports it
     */
    record Column(String name, String type) {
        /**
         * Validates fields.
         *
         * @param name label
         * @param type type name
         */
        public Column {
            Objects.requireNonNull(name, "name");
            type = type == null ? "" : type;
        }
    }
}
