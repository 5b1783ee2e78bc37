package io.mcpgateway.guardrails;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Tells a real WHERE clause from one that selects every row. A write is bounded only when its
 * WHERE refers to the rows' own columns and cannot hold for every row by its form:
 * <ul>
 *     <li>no WHERE at all, or one without a column ({@code 1=1}, {@code TRUE}, {@code 1},
 *     {@code 'a'='a'}, {@code NOT 0}, {@code EXISTS (SELECT 1)}): every row or none;</li>
 *     <li>a comparison of a column with itself ({@code id = id}, {@code x >= x});</li>
 *     <li>{@code LIKE '%'};</li>
 *     <li>{@code x IS NULL OR x IS NOT NULL}, {@code p OR NOT p};</li>
 *     <li>an OR with any such branch, an AND whose branches all are.</li>
 * </ul>
 * It cannot prove every tautology; a write it calls bounded still needs approval on a write
 * connection, so a reviewer sees the statement.
 */
final class WhereClauses {

    /** Keywords JSqlParser may read as column names; they are constants, not columns. */
    private static final Set<String> CONSTANT_NAMES = Set.of("true", "false", "null", "unknown", "current_date",
            "current_time", "current_timestamp", "localtime", "localtimestamp", "current_user", "session_user",
            "user", "sysdate", "systimestamp", "current_schema", "current_catalog", "current_role", "now");

    /**
     * Whether a WHERE clause bounds a write.
     *
     * @param where the clause, or {@code null}
     * @return true when it is a real filter
     */
    static boolean bounded(Expression where, Set<String> rowNames) {
        return where != null && !new WhereClauses(rowNames).mayMatchEveryRow(where);
    }

    private final Set<String> rowNames;

    private WhereClauses(Set<String> rowNames) {
        this.rowNames = rowNames;
    }

    private boolean mayMatchEveryRow(Expression e) {
        Expression x = unwrap(e);
        if (!referencesRow(x)) {
            return true;
        }
        return switch (x) {
            case OrExpression or -> {
                List<Expression> branches = flatten(or, OrExpression.class);
                for (Expression b : branches) {
                    if (mayMatchEveryRow(b)) {
                        yield true;
                    }
                }
                yield complementary(branches);
            }
            case AndExpression and -> {
                for (Expression b : flatten(and, AndExpression.class)) {
                    if (!mayMatchEveryRow(b)) {
                        yield false;
                    }
                }
                yield true;
            }
            case EqualsTo eq -> sameOperands(eq);
            case GreaterThanEquals ge -> sameOperands(ge);
            case MinorThanEquals le -> sameOperands(le);
            case LikeExpression like -> !like.isNot() && like.getRightExpression() instanceof StringValue s
                    && !s.getValue().isEmpty() && s.getValue().chars().allMatch(c -> c == '%');
            default -> false;
        };
    }

    /** Branches of an OR that cover each other's complement: {@code x IS NULL OR x IS NOT NULL}, {@code p OR NOT p}. */
    private static boolean complementary(List<Expression> branches) {
        List<String> plain = new ArrayList<>();
        List<String> negated = new ArrayList<>();
        for (Expression b : branches) {
            Expression x = unwrap(b);
            if (x instanceof IsNullExpression isNull) {
                (isNull.isNot() ? negated : plain).add(text(isNull.getLeftExpression()));
            } else if (x instanceof NotExpression not) {
                negated.add(text(unwrap(not.getExpression())));
            } else {
                plain.add(text(x));
            }
        }
        return plain.stream().anyMatch(negated::contains);
    }

    private static boolean sameOperands(BinaryExpression op) {
        return text(unwrap(op.getLeftExpression())).equals(text(unwrap(op.getRightExpression())));
    }

    /**
     * Whether an expression refers to the row being written: a column outside sub-queries, or a
     * column of the written table inside one (a correlated sub-query). An uncorrelated sub-query
     * is a constant.
     */
    private boolean referencesRow(Expression e) {
        boolean[] found = {false};
        ParseTreeWalk.walk(e, node -> {
            if (found[0]) {
                return false;
            }
            if (node instanceof Column c) {
                if (!CONSTANT_NAMES.contains(SqlTreeScan.unquote(c.getColumnName()))) {
                    found[0] = true;
                }
                return false;
            }
            if (node instanceof Select sub) {
                found[0] = correlated(sub);
                return false;
            }
            return true;
        });
        return found[0];
    }

    private boolean correlated(Select sub) {
        boolean[] found = {false};
        ParseTreeWalk.walk(sub, node -> {
            if (node instanceof Column c && c.getTable() != null && c.getTable().getName() != null
                    && rowNames.contains(SqlTreeScan.unquote(c.getTable().getName()))) {
                found[0] = true;
            }
            return !found[0];
        });
        return found[0];
    }

    private static <T extends BinaryExpression> List<Expression> flatten(T top, Class<T> type) {
        List<Expression> out = new ArrayList<>();
        Deque<Expression> work = new ArrayDeque<>();
        work.push(top);
        while (!work.isEmpty()) {
            Expression x = unwrap(work.pop());
            if (type.isInstance(x)) {
                BinaryExpression b = type.cast(x);
                work.push(b.getRightExpression());
                work.push(b.getLeftExpression());
            } else {
                out.add(x);
            }
        }
        return out;
    }

    private static Expression unwrap(Expression e) {
        Expression x = e;
        while (true) {
            if (x instanceof Parenthesis p) {
                x = p.getExpression();
            } else if (x instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
                x = list.get(0);
            } else {
                return x;
            }
        }
    }

    private static String text(Expression e) {
        return e.toString().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

}
