package io.mcpgateway.guardrails;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.helidon.config.Config;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.Identity;

/**
 * What a policy rule or quota applies to. Every condition written must hold (AND); a list holds
 * when any of its entries does (OR); a condition not written always holds.
 *
 * <p>Matching is fail-closed in both directions. A rule that lets a call through (allow,
 * require-approval) matches a SQL statement only when <em>everything</em> it does is inside the
 * rule's {@code statements} and {@code tables} lists; a deny rule matches when <em>anything</em>
 * it does is. So {@code WITH x AS (DELETE ...) SELECT ...} is not allowed by a rule for reads,
 * and is caught by a rule denying deletes.
 *
 * <pre>
 * match:
 *   tools: [update_order_status]        # tool name globs
 *   connections: [prod-db-*]            # connection name globs
 *   users: ["*@example.com"]            # subject or e-mail globs
 *   groups: [support]                   # caller in any of them
 *   except-groups: [sre]                # caller in none of them
 *   statements: [insert, update]        # SQL statement kinds
 *   tables: [orders, "audit_*"]         # SQL tables (unqualified names match any schema)
 *   parameters: { status: [refunded] }  # bound parameter values (globs)
 *   methods: [POST, DELETE]             # HTTP methods
 *   paths: ["/v1/orders/**"]            # HTTP path globs (* one segment, ** any)
 *   files: ["app/*.log"]                # log file globs
 *   operations: [search]                # log operations (tail, search, window)
 * </pre>
 *
 * @param tools        tool globs
 * @param connections  connection globs
 * @param users        user globs
 * @param groups       required groups (any)
 * @param exceptGroups excluded groups
 * @param statements   statement kinds
 * @param tables       table globs
 * @param parameters   parameter value globs by name
 * @param methods      HTTP methods (upper case)
 * @param paths        HTTP path globs
 * @param files        log file globs
 * @param operations   log operations
 */
record RuleMatch(List<Glob> tools,
                 List<Glob> connections,
                 List<Glob> users,
                 Set<String> groups,
                 Set<String> exceptGroups,
                 Set<StatementKind> statements,
                 List<Glob> tables,
                 Map<String, List<Glob>> parameters,
                 Set<String> methods,
                 List<Glob> paths,
                 List<Glob> files,
                 Set<String> operations) {

    /** Keys accepted under {@code match}. */
    static final Set<String> KEYS = Set.of("tools", "connections", "users", "groups", "except-groups", "statements",
            "tables", "parameters", "methods", "paths", "files", "operations");

    /** Matches every call. */
    static final RuleMatch ANY = new RuleMatch(List.of(), List.of(), List.of(), Set.of(), Set.of(), Set.of(),
            List.of(), Map.of(), Set.of(), List.of(), List.of(), Set.of());

    RuleMatch {
        tools = List.copyOf(tools);
        connections = List.copyOf(connections);
        users = List.copyOf(users);
        groups = Set.copyOf(groups);
        exceptGroups = Set.copyOf(exceptGroups);
        statements = statements.isEmpty() ? Set.of() : EnumSet.copyOf(statements);
        tables = List.copyOf(tables);
        parameters = Map.copyOf(parameters);
        methods = Set.copyOf(methods);
        paths = List.copyOf(paths);
        files = List.copyOf(files);
        operations = Set.copyOf(operations);
    }

    /**
     * Reads a {@code match} node; an absent node matches every call.
     *
     * @param node the {@code match} node
     * @return the match
     * @throws IllegalArgumentException naming the key and value of any invalid entry
     */
    static RuleMatch create(Config node) {
        if (!node.exists()) {
            return ANY;
        }
        PolicyConfig.checkKeys(node, KEYS);
        Set<StatementKind> kinds = EnumSet.noneOf(StatementKind.class);
        for (String k : PolicyConfig.strings(node.get("statements"))) {
            try {
                kinds.add(StatementKind.parse(k));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PolicyConfig.path(node.get("statements")) + ": " + e.getMessage());
            }
        }
        Map<String, List<Glob>> parameters = new LinkedHashMap<>();
        for (Config p : node.get("parameters").asNodeList().orElse(List.of())) {
            parameters.put(p.name(), globs(PolicyConfig.strings(p), Glob::name));
        }
        Set<String> methods = new TreeSet<>();
        PolicyConfig.strings(node.get("methods")).forEach(m -> methods.add(m.toUpperCase(Locale.ROOT)));
        Set<String> operations = new TreeSet<>();
        for (String op : PolicyConfig.strings(node.get("operations"))) {
            if (!Set.of("tail", "search", "window").contains(op)) {
                throw new IllegalArgumentException(PolicyConfig.path(node.get("operations")) + ": unknown log operation '"
                        + op + "'; use tail, search or window");
            }
            operations.add(op);
        }
        return new RuleMatch(
                globs(PolicyConfig.strings(node.get("tools")), Glob::name),
                globs(PolicyConfig.strings(node.get("connections")), Glob::name),
                globs(PolicyConfig.strings(node.get("users")), Glob::name),
                Set.copyOf(PolicyConfig.strings(node.get("groups"))),
                Set.copyOf(PolicyConfig.strings(node.get("except-groups"))),
                kinds,
                globs(PolicyConfig.strings(node.get("tables")), Glob::table),
                parameters,
                methods,
                globs(PolicyConfig.strings(node.get("paths")), Glob::path),
                globs(PolicyConfig.strings(node.get("files")), Glob::path),
                operations);
    }

    /**
     * Whether the rule applies to a call.
     *
     * @param input      the call and its analysis
     * @param permissive true for allow and require-approval rules (everything must be inside the
     *                   lists), false for deny rules (anything inside is enough)
     * @return true on a match
     */
    boolean matches(PolicyInput input, boolean permissive) {
        BoundCall call = input.call();
        Identity who = call.call().identity();
        return anyMatch(tools, call.tool().name())
                && anyMatch(connections, call.connection().name())
                && (users.isEmpty() || anyMatch(users, who.subject()) || (!who.email().isEmpty() && anyMatch(users, who.email())))
                && (groups.isEmpty() || who.inAnyGroup(groups))
                && !who.inAnyGroup(exceptGroups)
                && parametersMatch(call.values())
                && requestMatches(input, permissive);
    }

    private boolean requestMatches(PolicyInput input, boolean permissive) {
        boolean sqlConditions = !statements.isEmpty() || !tables.isEmpty();
        boolean httpConditions = !methods.isEmpty() || !paths.isEmpty();
        boolean logConditions = !files.isEmpty() || !operations.isEmpty();
        return switch (input.call().request()) {
            case BoundRequest.Sql sql -> !httpConditions && !logConditions && (!sqlConditions || sqlMatches(input, permissive));
            case BoundRequest.Http http -> !sqlConditions && !logConditions
                    && (methods.isEmpty() || methods.contains(http.method().toUpperCase(Locale.ROOT)))
                    && anyMatch(paths, http.path());
            case BoundRequest.Logs logs -> !sqlConditions && !httpConditions
                    && (operations.isEmpty() || operations.contains(logs.operation()))
                    && anyMatch(files, logs.file());
        };
    }

    private boolean sqlMatches(PolicyInput input, boolean permissive) {
        if (input.sql().isEmpty() || !input.sql().get().parsed()) {
            return false;
        }
        SqlAnalysis sql = input.sql().get();
        boolean kindsOk = statements.isEmpty() || (permissive
                ? statements.containsAll(sql.kinds())
                : sql.kinds().stream().anyMatch(statements::contains));
        boolean tablesOk = tables.isEmpty() || (permissive
                ? sql.tables().stream().allMatch(this::tableListed)
                : sql.tables().stream().anyMatch(this::tableListed));
        return kindsOk && tablesOk;
    }

    private boolean tableListed(String table) {
        for (Glob g : tables) {
            if (g.matchesTable(table)) {
                return true;
            }
        }
        return false;
    }

    private boolean parametersMatch(Map<String, Object> values) {
        for (Map.Entry<String, List<Glob>> e : parameters.entrySet()) {
            Object v = values.get(e.getKey());
            if (v == null || !anyMatch(e.getValue(), String.valueOf(v))) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMatch(List<Glob> globs, String value) {
        if (globs.isEmpty()) {
            return true;
        }
        for (Glob g : globs) {
            if (g.matches(value)) {
                return true;
            }
        }
        return false;
    }

    private static List<Glob> globs(Collection<String> patterns, java.util.function.Function<String, Glob> make) {
        List<Glob> out = new ArrayList<>();
        patterns.forEach(p -> out.add(make.apply(p)));
        return out;
    }

    /**
     * A stable text of the conditions, for the policy version.
     *
     * @return text
     */
    String canonical() {
        Map<String, Object> m = new TreeMap<>();
        m.put("tools", patterns(tools));
        m.put("connections", patterns(connections));
        m.put("users", patterns(users));
        m.put("groups", new TreeSet<>(groups));
        m.put("except-groups", new TreeSet<>(exceptGroups));
        m.put("statements", new TreeSet<>(statements));
        m.put("tables", patterns(tables));
        Map<String, Object> params = new TreeMap<>();
        parameters.forEach((k, v) -> params.put(k, patterns(v)));
        m.put("parameters", params);
        m.put("methods", new TreeSet<>(methods));
        m.put("paths", patterns(paths));
        m.put("files", patterns(files));
        m.put("operations", new TreeSet<>(operations));
        return m.toString();
    }

    private static List<String> patterns(List<Glob> globs) {
        return globs.stream().map(Glob::pattern).toList();
    }

    /**
     * Connection patterns written, for checking them against the configured connections.
     *
     * @return patterns
     */
    List<String> connectionPatterns() {
        return patterns(connections);
    }
}
