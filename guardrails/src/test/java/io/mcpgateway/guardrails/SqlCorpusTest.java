package io.mcpgateway.guardrails;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.Parameter;
import io.mcpgateway.tools.ParameterType;
import io.mcpgateway.tools.RiskLevel;
import io.mcpgateway.tools.SqlTemplate;
import io.mcpgateway.tools.ToolBinder;
import io.mcpgateway.tools.ToolCall;
import io.mcpgateway.tools.ToolDefinition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the checked-in SQL corpus ({@code sql-corpus.yaml}): every statement on a read-only, a
 * write and an admin connection, each decision compared with the expected one. Covers benign
 * reads, writes, DDL, privilege changes, stacked queries, comment and case tricks, dangerous
 * functions, dialect-specific syntax and injection payloads arriving through template parameters.
 */
class SqlCorpusTest {

    private static final RiskLevel[] LEVELS = {RiskLevel.READ_ONLY, RiskLevel.WRITE, RiskLevel.ADMIN};
    private static final JsonNode CORPUS = load();
    private static final PolicyEngine ENGINE = PolicyEngine.builder()
            .fallback(new RiskLevelPolicy(Set.of("dba"), Duration.ofHours(1)))
            .build();

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @Test
    void corpusHoldsAtLeastThreeHundredCases() {
        int statements = CORPUS.get("statements").size();
        int templates = CORPUS.get("templates").size();
        assertTrue(statements + templates >= 300, "corpus has " + (statements + templates) + " cases");
    }

    @TestFactory
    Stream<DynamicTest> everyStatementGetsItsExpectedDecisionOnEachRiskLevel() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (JsonNode e : CORPUS.get("statements")) {
            String sql = e.get("sql").asString();
            String dialect = e.path("dialect").asString("h2");
            String[] expected = e.get("expect").asString().split(" ");
            String rule = e.has("rule") ? e.get("rule").asString() : null;
            tests.add(DynamicTest.dynamicTest(String.format("%03d %s: %s", ++n, e.get("section").asString(), oneLine(sql)),
                    () -> {
                        for (int i = 0; i < LEVELS.length; i++) {
                            Decision d = ENGINE.evaluate(freeSql(LEVELS[i], dialect, sql));
                            assertDecision(expected[i], rule, d, LEVELS[i]);
                        }
                    }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> payloadsInTemplateParametersNeverChangeTheStatement() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (JsonNode e : CORPUS.get("templates")) {
            String template = e.get("template").asString();
            String value = e.get("value").asString();
            String[] expected = e.get("expect").asString().split(" ");
            tests.add(DynamicTest.dynamicTest(String.format("%03d %s <- %s", ++n, oneLine(template), value), () -> {
                for (int i = 0; i < LEVELS.length; i++) {
                    BoundCall bound = templated(LEVELS[i], template, value);
                    BoundRequest.Sql sql = (BoundRequest.Sql) bound.request();
                    assertEquals(SqlTemplate.parse(template).jdbcSql(), sql.sql(), "the statement text is the template's");
                    assertFalse(sql.sql().contains(value), "the value is bound, not spliced");
                    assertTrue(sql.binds().contains(value), "the value travels as a bind");
                    assertDecision(expected[i], null, ENGINE.evaluate(bound), LEVELS[i]);
                }
            }));
        }
        return tests.stream();
    }

    private static void assertDecision(String expected, String rule, Decision d, RiskLevel level) {
        String context = level.configName() + ": " + d.ruleId() + " / " + PolicyTests.reason(d);
        String action = expected.startsWith("approve") ? "approve" : expected;
        assertEquals(action, d.action(), context);
        if (d instanceof Decision.RequireApproval r) {
            int approvals = r.stages().stream().mapToInt(Decision.Stage::approvals).sum();
            assertEquals(Integer.parseInt(expected.substring("approve".length())), approvals, context);
        }
        if (rule != null) {
            assertEquals(rule, d.ruleId(), context);
        }
    }

    static ConnectionDefinition connection(RiskLevel level, String dialect) {
        String url = switch (dialect) {
            case "postgresql" -> "jdbc:postgresql://127.0.0.1:5432/test";
            case "mysql" -> "jdbc:mariadb://127.0.0.1:3306/test";
            default -> "jdbc:h2:mem:corpus";
        };
        return new ConnectionDefinition(dialect + "-" + level.configName(), "jdbc", url, "", "", level, Map.of());
    }

    static BoundCall freeSql(RiskLevel level, String dialect, String sql) {
        ConnectionDefinition conn = connection(level, dialect);
        ToolDefinition tool = new ToolDefinition("sql_" + level.name().toLowerCase(), "Free-form SQL", conn.name(),
                Set.of("dba"), Map.of(), new io.mcpgateway.tools.FreeSqlTemplate(), null, null, null, "");
        return PolicyTests.sqlCall(tool, conn, sql, new Identity("corpus", "", Set.of("dba")));
    }

    private static BoundCall templated(RiskLevel level, String template, String value) {
        ConnectionDefinition conn = connection(level, "h2");
        SqlTemplate sql = SqlTemplate.parse(template);
        Map<String, Parameter> params = new LinkedHashMap<>();
        Map<String, Object> args = new LinkedHashMap<>();
        for (String name : sql.bindNames()) {
            params.put(name, Parameter.builder(name, ParameterType.STRING).maxLength(500).build());
            args.put(name, value);
        }
        ToolDefinition tool = new ToolDefinition("templated", "A runbook tool", conn.name(), Set.of("g"), params, sql,
                null, null, null, "");
        return ToolBinder.bind(new ToolCall("templated", args, new Identity("corpus", "", Set.of("g")), "", "c"), tool, conn);
    }

    private static String oneLine(String sql) {
        String s = sql.replace('\n', ' ');
        return s.length() > 90 ? s.substring(0, 90) + "..." : s;
    }

    private static JsonNode load() {
        try (InputStream in = SqlCorpusTest.class.getResourceAsStream("/sql-corpus.yaml")) {
            return YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sql-corpus.yaml", e);
        }
    }
}
