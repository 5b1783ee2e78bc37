package io.mcpgateway.masking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Tabular content, as a query returns it: column names and rows of cell values (null allowed).
 *
 * @param columns column names
 * @param rows    rows, each with one cell per column
 */
public record Table(List<String> columns, List<List<String>> rows) {
    /**
     * Copies the lists; cells may be null.
     *
     * @throws IllegalArgumentException when a row has a different number of cells than columns
     */
    public Table {
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + i + " has " + row.size() + " cells, expected "
                        + columns.size());
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }
}
