package io.mcpgateway.guardrails;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllTableColumns;

/**
 * A complete walk over the objects JSqlParser builds for a statement: every field of every
 * object of its model, once, depth first, without recursion.
 *
 * <p>Why reflection over the model rather than JSqlParser's visitors: the visitor adapters skip
 * clauses (ORDER BY, RETURNING, ON CONFLICT, data-modifying CTEs), and a table or function hidden
 * in a skipped clause would slip past a deny rule or a hard guard. Walking the fields is complete
 * by construction, also for syntax a later parser version adds. Parser internals (tokens, AST
 * nodes) are not entered.
 */
final class ParseTreeWalk {

    private static final String MODEL_PACKAGE = "net.sf.jsqlparser.";
    private static final String PARSER_PACKAGE = "net.sf.jsqlparser.parser.";
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            return fieldsOf(type);
        }
    };

    private ParseTreeWalk() {
    }

    /**
     * Visits every parser object reachable from a root once, depth first, without recursion.
     * A column's table qualifier is not entered (it is often an alias, not a table reference).
     *
     * @param root    where to start
     * @param visitor called per object; returns whether to enter its fields
     */
    static void walk(Object root, Predicate<Object> visitor) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Object node = work.pop();
            if (node == null || !seen.add(node)) {
                continue;
            }
            switch (node) {
                case Collection<?> c -> c.forEach(o -> push(work, o));
                case Map<?, ?> m -> {
                    m.keySet().forEach(o -> push(work, o));
                    m.values().forEach(o -> push(work, o));
                }
                case Object[] array -> {
                    for (Object o : array) {
                        push(work, o);
                    }
                }
                default -> {
                    if (isModel(node.getClass()) && visitor.test(node)) {
                        children(node, work);
                    }
                }
            }
        }
    }

    private static void push(Deque<Object> work, Object o) {
        if (o != null) {
            work.push(o);
        }
    }

    /**
     * The values of an object's fields (a DDL statement's direct targets are among them).
     *
     * @param node parser model object
     * @return field values, nulls included
     */
    static List<Object> fieldValues(Object node) {
        List<Object> out = new ArrayList<>();
        for (Field f : FIELDS.get(node.getClass())) {
            out.add(read(f, node));
        }
        return out;
    }

    private static void children(Object node, Deque<Object> work) {
        for (Field f : FIELDS.get(node.getClass())) {
            // a column's table is a qualifier (often an alias), not a table reference
            if ((node instanceof Column || node instanceof AllTableColumns) && f.getName().equals("table")) {
                continue;
            }
            Object value = read(f, node);
            if (value != null && !(value instanceof String) && !(value instanceof Number)
                    && !(value instanceof Boolean) && !(value instanceof Enum<?>)
                    && !value.getClass().getName().startsWith(PARSER_PACKAGE)) {
                work.push(value);
            }
        }
    }

    private static Object read(Field f, Object node) {
        try {
            return f.get(node);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + f + " of the SQL parse tree", e);
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return name.startsWith(MODEL_PACKAGE) && !name.startsWith(PARSER_PACKAGE);
    }

    private static List<Field> fieldsOf(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive() && !f.isSynthetic()) {
                    f.setAccessible(true);
                    out.add(f);
                }
            }
        }
        return List.copyOf(out);
    }
}
