package io.mcpgateway.guardrails;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Block;
import net.sf.jsqlparser.statement.Commit;
import net.sf.jsqlparser.statement.DeclareStatement;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.ParenthesedStatement;
import net.sf.jsqlparser.statement.ResetStatement;
import net.sf.jsqlparser.statement.RollbackStatement;
import net.sf.jsqlparser.statement.SavepointStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.ShowColumnsStatement;
import net.sf.jsqlparser.statement.ShowStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.UseStatement;
import net.sf.jsqlparser.statement.alter.AlterSession;
import net.sf.jsqlparser.statement.analyze.Analyze;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.show.ShowIndexStatement;
import net.sf.jsqlparser.statement.show.ShowTablesStatement;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Walks everything JSqlParser built for one statement and records what policy needs: the kinds
 * of every statement inside it (a DELETE in a CTE counts), tables read and written, functions
 * called, writes without a real WHERE, {@code SELECT ... INTO} and remote table links.
 *
 * <p>The walk itself ({@link ParseTreeWalk}) is complete by construction: a table or function
 * in a clause JSqlParser's own visitors skip (ORDER BY, RETURNING, ON CONFLICT, a data-modifying
 * CTE) is found all the same.
 */
final class SqlTreeScan {

    private final Set<StatementKind> kinds = EnumSet.noneOf(StatementKind.class);
    private final Set<Table> written = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Table> tables = new ArrayList<>();
    private final Set<String> cteNames = new LinkedHashSet<>();
    private final Set<String> functions = new LinkedHashSet<>();
    private boolean unboundedWrite;
    private boolean selectInto;
    private boolean remoteTable;
    private boolean unsupported;

    /**
     * Scans one parsed statement.
     *
     * @param statement statement
     * @return this scan
     */
    SqlTreeScan scan(Statement statement) {
        if (statement instanceof Select) {
            kinds.add(StatementKind.READ);
        }
        ParseTreeWalk.walk(statement, node -> {
            record(node);
            return true;
        });
        if (!tablesRead().isEmpty()) {
            kinds.add(StatementKind.READ);
        }
        return this;
    }

    Set<StatementKind> kinds() {
        return kinds;
    }

    Set<String> functions() {
        return functions;
    }

    boolean unboundedWrite() {
        return unboundedWrite;
    }

    boolean selectInto() {
        return selectInto;
    }

    boolean remoteTable() {
        return remoteTable;
    }

    boolean unsupported() {
        return unsupported;
    }

    /** Tables written: targets of DML and DDL. */
    Set<String> tablesWritten() {
        Set<String> out = new LinkedHashSet<>();
        for (Table t : written) {
            out.add(tableName(t));
        }
        return out;
    }

    /** Tables read: every other table reference that is not a CTE name. */
    Set<String> tablesRead() {
        Set<String> out = new LinkedHashSet<>();
        for (Table t : tables) {
            String name = tableName(t);
            if (!written.contains(t) && !(t.getSchemaName() == null && cteNames.contains(name))) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * The normalized name of a table: lower case, quotes removed, parts joined by dots.
     *
     * @param table table
     * @return name
     */
    static String tableName(Table table) {
        return unquote(table.getFullyQualifiedName());
    }

    static String unquote(String name) {
        return name.replace("\"", "").replace("`", "").replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
    }

    private void record(Object node) {
        switch (node) {
            case Table t -> {
                tables.add(t);
                if (t.getName() != null && t.getName().contains("@")) {
                    remoteTable = true;
                }
            }
            case Function f -> {
                if (f.getName() != null) {
                    functions.add(unquote(f.getName()));
                }
            }
            case WithItem<?> w -> {
                if (w.getAlias() != null) {
                    cteNames.add(unquote(w.getAlias().getName()));
                }
            }
            case MergeDelete md -> kinds.add(StatementKind.DELETE); // MERGE ... WHEN MATCHED THEN DELETE
            case Statement s -> classify(s);
            default -> {
            }
        }
    }

    private void classify(Statement s) {
        switch (s) {
            case ParenthesedStatement p -> {
                // a wrapper (a parenthesed SELECT, or INSERT/UPDATE/DELETE in a CTE): its content is classified
            }
            case PlainSelect ps -> {
                if (ps.getIntoTables() != null && !ps.getIntoTables().isEmpty() || ps.getIntoTempTable() != null) {
                    selectInto = true;
                    if (ps.getIntoTables() != null) {
                        ps.getIntoTables().forEach(written::add);
                    }
                }
                lockingRead(ps);
            }
            case Select select -> lockingRead(select);
            case Insert i -> write(StatementKind.INSERT, i.getTable());
            case Upsert u -> write(StatementKind.MERGE, u.getTable());
            case Merge m -> write(StatementKind.MERGE, m.getTable());
            case Update u -> {
                write(StatementKind.UPDATE, u.getTable());
                if (u.getStartJoins() != null) {
                    // MySQL's UPDATE a, b SET ... may change every table listed before SET
                    for (Join j : u.getStartJoins()) {
                        if (j.getRightItem() instanceof Table t) {
                            written.add(t);
                        }
                    }
                }
                unboundedWrite |= !WhereClauses.bounded(u.getWhere(), rowNames(u.getTable()));
            }
            case Delete d -> {
                if (d.getTable() == null && (d.getTables() == null || d.getTables().isEmpty())) {
                    unsupported = true; // the parser accepts a bare DELETE; nothing runs like that
                }
                write(StatementKind.DELETE, d.getTable());
                if (d.getTables() != null) {
                    d.getTables().forEach(written::add);
                }
                unboundedWrite |= !WhereClauses.bounded(d.getWhere(), rowNames(d.getTable()));
            }
            case Truncate t -> {
                write(StatementKind.TRUNCATE, t.getTable());
                if (t.getTables() != null) {
                    t.getTables().forEach(written::add);
                }
                unboundedWrite = true;
            }
            case Drop d -> {
                String type = d.getType() == null ? "" : d.getType().toUpperCase(Locale.ROOT);
                write(type.contains("USER") || type.contains("ROLE") ? StatementKind.PRIVILEGE : StatementKind.DDL,
                        d.getName());
            }
            case Grant g -> kinds.add(StatementKind.PRIVILEGE);
            case Execute e -> {
                kinds.add(StatementKind.CALL);
                if (e.getName() != null) {
                    functions.add(unquote(e.getName()));
                }
            }
            case SetStatement set -> kinds.add(privilegeOrSession(set.toString()));
            case ResetStatement reset -> kinds.add(privilegeOrSession(reset.toString()));
            case UseStatement u -> kinds.add(StatementKind.SESSION);
            case AlterSession a -> kinds.add(StatementKind.SESSION);
            case DeclareStatement d -> kinds.add(StatementKind.SESSION);
            case Commit c -> kinds.add(StatementKind.TRANSACTION);
            case RollbackStatement r -> kinds.add(StatementKind.TRANSACTION);
            case SavepointStatement sp -> kinds.add(StatementKind.TRANSACTION);
            case ExplainStatement e -> kinds.add(StatementKind.READ);
            case ShowStatement sh -> kinds.add(StatementKind.READ);
            case ShowColumnsStatement sh -> kinds.add(StatementKind.READ);
            case ShowTablesStatement sh -> kinds.add(StatementKind.READ);
            case ShowIndexStatement sh -> kinds.add(StatementKind.READ);
            case DescribeStatement d -> kinds.add(StatementKind.READ);
            case Analyze a -> kinds.add(StatementKind.MAINTENANCE);
            case UnsupportedStatement u -> unsupported = true;
            case Block b -> kinds.add(StatementKind.OTHER);
            default -> classifyByPackage(s);
        }
    }

    /** CREATE, ALTER, DROP, RENAME, COMMENT, REFRESH ...: DDL, or privilege changes for users and roles. */
    private void classifyByPackage(Statement s) {
        String cls = s.getClass().getName();
        boolean ddl = cls.contains(".statement.create.") || cls.contains(".statement.alter.")
                || cls.contains(".statement.comment.") || cls.contains(".statement.refresh.")
                || cls.endsWith(".PurgeStatement") || cls.endsWith(".CreateFunctionalStatement");
        if (!ddl) {
            kinds.add(StatementKind.OTHER);
            return;
        }
        String simple = s.getClass().getSimpleName();
        kinds.add(simple.contains("User") || simple.contains("Role") ? StatementKind.PRIVILEGE : StatementKind.DDL);
        // the objects a DDL statement names directly are the ones it changes
        for (Object value : ParseTreeWalk.fieldValues(s)) {
            if (value instanceof Map<?, ?> m) {
                value = List.of(m.keySet(), m.values());
            }
            if (value instanceof Table t) {
                written.add(t);
            } else if (value instanceof Collection<?> c) {
                for (Object o : c) {
                    if (o instanceof Table t) {
                        written.add(t);
                    } else if (o instanceof Collection<?> inner) {
                        inner.stream().filter(Table.class::isInstance).map(Table.class::cast).forEach(written::add);
                    }
                }
            }
        }
    }

    /** The names a correlated sub-query may use for the written row: the table's name and alias. */
    private static Set<String> rowNames(Table target) {
        Set<String> names = new LinkedHashSet<>();
        if (target != null) {
            names.add(unquote(target.getName()));
            names.add(tableName(target));
            if (target.getAlias() != null) {
                names.add(unquote(target.getAlias().getName()));
            }
        }
        return names;
    }

    private void lockingRead(Select select) {
        if (select.getForMode() != null) {
            kinds.add(StatementKind.LOCK);
        }
    }

    private static StatementKind privilegeOrSession(String text) {
        String t = text.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (t.matches("^(SET|RESET)( SESSION| LOCAL| DEFAULT)? (ROLE|AUTHORIZATION|PASSWORD)\\b.*")
                || t.matches("^(SET|RESET) SESSION AUTHORIZATION\\b.*")) {
            return StatementKind.PRIVILEGE;
        }
        // server-wide settings outlive the session and affect every user
        return t.matches("^SET (GLOBAL|PERSIST|PERSIST_ONLY)\\b.*") ? StatementKind.OTHER : StatementKind.SESSION;
    }

    private void write(StatementKind kind, Table target) {
        kinds.add(kind);
        if (target != null) {
            written.add(target);
        }
    }
}
