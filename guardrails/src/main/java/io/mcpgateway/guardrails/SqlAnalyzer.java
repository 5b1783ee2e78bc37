package io.mcpgateway.guardrails;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Parses SQL with JSqlParser and reports what it would do. Anything that does not parse is
 * reported as such, and policy denies it: the gateway never guesses at a statement's meaning.
 */
public final class SqlAnalyzer {

    /**
     * Creates an analyzer.
     */
    public SqlAnalyzer() {
    }

    /**
     * Analyzes SQL text (JDBC {@code ?} placeholders allowed).
     *
     * @param sql statement text
     * @return the analysis
     */
    public SqlAnalysis analyze(String sql) {
        Statements statements;
        try {
            statements = CCJSqlParserUtil.parseStatements(sql);
        } catch (JSQLParserException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int nl = msg.indexOf('\n');
            return SqlAnalysis.unparseable(nl < 0 ? msg : msg.substring(0, nl));
        }
        if (statements.isEmpty()) {
            return SqlAnalysis.unparseable("no statement found");
        }
        Statement first = statements.get(0);
        StatementKind kind = kind(first);
        Collector collector = new Collector();
        Set<String> tables = lower(collector.getTables(first));
        Set<String> written = new HashSet<>();
        boolean hasWhere = false;
        boolean trivialWhere = false;
        switch (first) {
            case Update u -> {
                written.add(name(u.getTable().getFullyQualifiedName()));
                hasWhere = u.getWhere() != null;
                trivialWhere = hasWhere && alwaysTrue(u.getWhere());
            }
            case Delete d -> {
                written.add(name(d.getTable().getFullyQualifiedName()));
                hasWhere = d.getWhere() != null;
                trivialWhere = hasWhere && alwaysTrue(d.getWhere());
            }
            case Insert i -> written.add(name(i.getTable().getFullyQualifiedName()));
            case Merge m -> written.add(name(m.getTable().getFullyQualifiedName()));
            case Upsert u -> written.add(name(u.getTable().getFullyQualifiedName()));
            case Truncate t -> written.add(name(t.getTable().getFullyQualifiedName()));
            default -> {
            }
        }
        Set<String> read = new HashSet<>(tables);
        read.removeAll(written);
        return new SqlAnalysis(statements.size(), Optional.of(kind), "", read, written, collector.functions,
                hasWhere, trivialWhere);
    }

    private static StatementKind kind(Statement s) {
        return switch (s) {
            case Select select -> select instanceof PlainSelect ps && ps.getIntoTables() != null
                    ? StatementKind.DDL : StatementKind.READ;
            case Insert i -> StatementKind.INSERT;
            case Update u -> StatementKind.UPDATE;
            case Delete d -> StatementKind.DELETE;
            case Merge m -> StatementKind.MERGE;
            case Upsert u -> StatementKind.MERGE;
            case Truncate t -> StatementKind.TRUNCATE;
            default -> byPackage(s);
        };
    }

    private static StatementKind byPackage(Statement s) {
        String cls = s.getClass().getName();
        String simple = s.getClass().getSimpleName();
        if (cls.contains(".statement.create.") || cls.contains(".statement.alter.")
                || cls.contains(".statement.drop.") || cls.contains(".statement.comment.")
                || cls.contains(".statement.refresh.")) {
            return simple.contains("User") || simple.contains("Role") ? StatementKind.PRIVILEGE : StatementKind.DDL;
        }
        if (cls.contains(".statement.grant.") || simple.equals("Grant")) {
            return StatementKind.PRIVILEGE;
        }
        if (cls.contains(".statement.execute.")) {
            return StatementKind.CALL;
        }
        if (simple.equals("SetStatement") || simple.equals("ResetStatement") || simple.equals("UseStatement")) {
            return StatementKind.SESSION;
        }
        if (simple.equals("Commit") || simple.equals("RollbackStatement") || simple.equals("SavepointStatement")
                || simple.equals("Block")) {
            return StatementKind.TRANSACTION;
        }
        if (simple.equals("ExplainStatement") || simple.equals("ShowStatement") || simple.equals("DescribeStatement")
                || simple.equals("ShowColumnsStatement") || simple.equals("ShowTablesStatement")) {
            return StatementKind.READ;
        }
        return StatementKind.OTHER;
    }

    /** A WHERE clause that holds for every row: {@code TRUE}, {@code 1}, {@code 1=1}, {@code x=x}, or ORs of them. */
    private static boolean alwaysTrue(Expression e) {
        return switch (e) {
            case Parenthesis p -> alwaysTrue(p.getExpression());
            case BooleanValue b -> b.getValue();
            case LongValue l -> l.getValue() != 0;
            case OrExpression or -> alwaysTrue(or.getLeftExpression()) || alwaysTrue(or.getRightExpression());
            case EqualsTo eq -> sameOperands(eq);
            default -> false;
        };
    }

    private static boolean sameOperands(ComparisonOperator op) {
        Expression l = op.getLeftExpression();
        Expression r = op.getRightExpression();
        boolean constant = !(l instanceof Column) || l.toString().equalsIgnoreCase(r.toString());
        return constant && l.toString().equalsIgnoreCase(r.toString());
    }

    private static String name(String qualified) {
        return qualified.toLowerCase(Locale.ROOT);
    }

    private static Set<String> lower(Set<String> names) {
        Set<String> out = new HashSet<>();
        names.forEach(n -> out.add(name(n)));
        return out;
    }

    /** Collects tables (via the parent) and every function called. */
    private static final class Collector extends TablesNamesFinder<Void> {
        private final Set<String> functions = new HashSet<>();

        @Override
        public <S> Void visit(Function function, S context) {
            functions.add(function.getName().toLowerCase(Locale.ROOT));
            return super.visit(function, context);
        }
    }
}
