package io.mcpgateway.guardrails;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;

import io.mcpgateway.tools.RunbookLoader;

/**
 * Reads SQL and reports what it would do: its kinds, the tables it reads and writes, the
 * functions it calls, whether its writes are bounded, and the hazards the hard guards refuse.
 *
 * <p>Two readings are combined. {@link SqlText} reads the raw text under every dialect's quoting
 * and comment rules (stacked statements, executable comments, commands that reach the server's
 * files); JSqlParser builds the statement, which {@link SqlTreeScan} walks completely. Anything
 * the parser does not understand is reported as unparseable, and policy denies it: the gateway
 * never guesses at a statement's meaning.
 *
 * <p>Analyses are cached by dialect and text (runbook templates repeat), and parsing runs under a
 * time limit so that no text can hold a request thread.
 */
public final class SqlAnalyzer implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(SqlAnalyzer.class.getName());

    private static final Pattern UNEXPECTED = Pattern.compile("Encountered unexpected token: ?(\"(?:[^\"]|\"\")*\"|<EOF>)");
    private static final Pattern POSITION = Pattern.compile("at line (\\d+), column (\\d+)");
    /** System tables that hold password hashes or credentials for other servers. */
    private static final Set<String> CREDENTIAL_CATALOGS = Set.of("pg_shadow", "pg_catalog.pg_shadow", "pg_authid",
            "pg_catalog.pg_authid", "pg_user_mapping", "pg_catalog.pg_user_mapping", "pg_user_mappings",
            "pg_catalog.pg_user_mappings", "mysql.user", "mysql.global_priv", "sys.sql_logins", "sys.syslogins",
            "master.sys.sql_logins", "sys.user$", "dba_users");
    private static final Set<String> COMMON_HEADS = Set.of("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "VALUES",
            "TABLE", "MERGE", "(");
    private static final Set<StatementKind> EXPLAINED_AS_READ = EnumSet.of(StatementKind.READ, StatementKind.LOCK,
            StatementKind.INSERT, StatementKind.MERGE, StatementKind.UPDATE, StatementKind.DELETE);

    private final Duration parseTimeout;
    private final int maxLength;
    private final DangerousFunctions functions;
    private final int cacheSize;
    private final Map<String, SqlAnalysis> cache;
    private final ExecutorService parsers = Executors.newVirtualThreadPerTaskExecutor();

    private SqlAnalyzer(Builder builder) {
        this.parseTimeout = builder.parseTimeout;
        this.maxLength = builder.maxLength;
        this.functions = builder.functions;
        this.cacheSize = builder.cacheSize;
        this.cache = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * An analyzer with the defaults: 2 s parse limit, 64 KiB of text, the default dangerous functions.
     */
    public SqlAnalyzer() {
        this(builder());
    }

    /**
     * A builder.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An analyzer configured from the {@code policy.sql} section.
     *
     * @param config the {@code sql} node
     * @return analyzer
     */
    public static SqlAnalyzer create(Config config) {
        return builder().config(config).build();
    }

    /**
     * Analyzes SQL text with standard quoting rules.
     *
     * @param sql statement text (JDBC {@code ?} placeholders allowed)
     * @return the analysis
     */
    public SqlAnalysis analyze(String sql) {
        return analyze(sql, SqlDialect.GENERIC);
    }

    /**
     * Analyzes SQL text as a connection of the given dialect would run it.
     *
     * @param sql     statement text (JDBC {@code ?} placeholders allowed)
     * @param dialect the connection's dialect
     * @return the analysis
     */
    public SqlAnalysis analyze(String sql, SqlDialect dialect) {
        Objects.requireNonNull(sql, "sql");
        String key = dialect.name() + '\u0000' + sql;
        synchronized (cache) {
            SqlAnalysis cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        SqlAnalysis analysis;
        try {
            analysis = compute(sql, dialect);
        } catch (RuntimeException e) {
            // a statement the analyzer cannot take apart is one it cannot vouch for
            LOGGER.log(System.Logger.Level.ERROR, "SQL analysis failed; the statement will be refused", e);
            analysis = unparseable(dialect, "the gateway could not analyse it", "", List.of());
        }
        synchronized (cache) {
            cache.put(key, analysis);
            if (cache.size() > cacheSize) {
                cache.remove(cache.keySet().iterator().next());
            }
        }
        return analysis;
    }

    /**
     * The dangerous functions this analyzer refuses.
     *
     * @return list
     */
    public DangerousFunctions dangerousFunctions() {
        return functions;
    }

    /**
     * A stable description of the settings that change decisions, for the policy version.
     *
     * @return text
     */
    String canonical() {
        return "max-length=" + maxLength + ";functions=" + functions.canonical();
    }

    @Override
    public void close() {
        parsers.shutdownNow();
    }

    private SqlAnalysis compute(String sql, SqlDialect dialect) {
        if (sql.isBlank()) {
            return unparseable(dialect, "the text is empty", "", List.of());
        }
        if (sql.length() > maxLength) {
            return new SqlAnalysis(dialect, 0, Set.of(), "too long", Set.of(), Set.of(), Set.of(), false,
                    List.of(SqlHazard.tooLong(sql.length(), maxLength)));
        }
        SqlText text = SqlText.read(sql, dialect);
        List<SqlHazard> hazards = new ArrayList<>(textHazards(text));
        hazards.addAll(functionHazards(text.calledNames()));
        if (!text.lexicalError().isEmpty()) {
            return unparseable(dialect, text.lexicalError(), text.head(), hazards);
        }
        String toParse = text.explain().map(e -> sql.substring(e.innerStart())).orElse(sql);
        Statements statements;
        try {
            statements = CCJSqlParserUtil.parseStatements(toParse, parsers, parser -> parser
                    .withTimeOut(parseTimeout.toMillis())
                    .withBackslashEscapeCharacter(dialect == SqlDialect.MYSQL));
        } catch (JSQLParserException | RuntimeException | StackOverflowError e) {
            return unparseable(dialect, parseError(e), text.head(), hazards);
        }
        if (statements == null || statements.isEmpty()) {
            return unparseable(dialect, "no statement found", text.head(), hazards);
        }
        Set<StatementKind> kinds = EnumSet.noneOf(StatementKind.class);
        Set<String> read = new LinkedHashSet<>();
        Set<String> written = new LinkedHashSet<>();
        Set<String> called = new LinkedHashSet<>();
        boolean unbounded = false;
        boolean selectInto = false;
        boolean remote = false;
        boolean unsupported = false;
        for (Statement statement : statements) {
            SqlTreeScan scan = new SqlTreeScan().scan(statement);
            kinds.addAll(scan.kinds());
            read.addAll(scan.tablesRead());
            written.addAll(scan.tablesWritten());
            called.addAll(scan.functions());
            unbounded |= scan.unboundedWrite();
            selectInto |= scan.selectInto();
            remote |= scan.remoteTable();
            unsupported |= scan.unsupported();
        }
        Set<String> parsedOnly = new LinkedHashSet<>(called);
        parsedOnly.removeAll(text.calledNames());
        hazards.addAll(functionHazards(parsedOnly));
        if (selectInto && text.intoClause().isEmpty()) {
            hazards.add(SqlHazard.selectInto("target"));
        }
        if (remote) {
            hazards.add(SqlHazard.serverAccess("A table@link reference connects to another database"));
        }
        for (String table : read) {
            if (CREDENTIAL_CATALOGS.contains(table)) {
                hazards.add(SqlHazard.credentialCatalog(table));
            }
        }
        int count = Math.max(text.statementCount(), statements.size());
        if (count > 1 && hazards.stream().noneMatch(h -> h.ruleId().equals("guard.multiple-statements"))) {
            hazards.addFirst(SqlHazard.multipleStatements(count));
        }
        if (unsupported) {
            return unparseable(dialect, "the parser does not understand this kind of statement", text.head(), hazards);
        }
        if (text.explain().isPresent() && !text.explain().get().analyze() && EXPLAINED_AS_READ.containsAll(kinds)) {
            // a plain EXPLAIN shows the plan and does not run the statement
            kinds = EnumSet.of(StatementKind.READ);
            unbounded = false;
        }
        return new SqlAnalysis(dialect, count, kinds, "", read, written, called, unbounded, hazards);
    }

    private static List<SqlHazard> textHazards(SqlText text) {
        List<SqlHazard> hazards = new ArrayList<>();
        if (text.statementCount() > 1) {
            hazards.add(SqlHazard.multipleStatements(text.statementCount()));
        }
        if (text.executableComment()) {
            hazards.add(SqlHazard.executableComment());
        }
        for (String access : text.serverAccess()) {
            hazards.add(SqlHazard.serverAccess(access));
        }
        if (!text.intoClause().isEmpty()) {
            hazards.add(SqlHazard.selectInto(text.intoClause()));
        }
        if (text.unicodeEscape()) {
            hazards.add(SqlHazard.obfuscated());
        }
        return hazards;
    }

    private List<SqlHazard> functionHazards(Set<String> names) {
        List<SqlHazard> hazards = new ArrayList<>();
        for (String name : names) {
            functions.reason(name).ifPresent(reason -> hazards.add(SqlHazard.dangerousFunction(name, reason)));
        }
        return hazards;
    }

    private static SqlAnalysis unparseable(SqlDialect dialect, String error, String head, List<SqlHazard> hazards) {
        List<SqlHazard> all = new ArrayList<>(hazards);
        boolean common = head.isEmpty() || COMMON_HEADS.contains(head.split(" ")[0]);
        String looksLike = common ? "" : " It looks like " + article(head) + " " + head
                + " statement, which the gateway's SQL parser does not support.";
        all.add(SqlHazard.unparseable(error, looksLike));
        return new SqlAnalysis(dialect, 0, Set.of(), error, Set.of(), Set.of(), Set.of(), false, all);
    }

    private static String article(String word) {
        return "AEIOU".indexOf(Character.toUpperCase(word.charAt(0))) >= 0 ? "an" : "a";
    }

    /** A short, client-safe description of a parser failure: the unexpected token and where. */
    static String parseError(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "the statement is nested too deeply";
        }
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (msg.contains("Time out occurred")) {
            return "the parser gave up after the time limit";
        }
        Matcher token = UNEXPECTED.matcher(msg);
        Matcher position = POSITION.matcher(msg);
        if (token.find()) {
            String found = token.group(1).equals("<EOF>") ? "unexpected end of text" : "unexpected " + token.group(1);
            return position.find() ? found + " at line " + position.group(1) + ", column " + position.group(2) : found;
        }
        int nl = msg.indexOf('\n');
        String first = (nl < 0 ? msg : msg.substring(0, nl)).replaceFirst("^[\\w.]+Exception: ", "").trim();
        return first.isEmpty() ? "the parser rejected it" : first.length() > 160 ? first.substring(0, 160) + "..." : first;
    }

    /**
     * Builder of {@link SqlAnalyzer}.
     */
    public static final class Builder {
        private Duration parseTimeout = Duration.ofSeconds(2);
        private int maxLength = 64 * 1024;
        private DangerousFunctions functions = DangerousFunctions.defaults();
        private int cacheSize = 1024;

        private Builder() {
        }

        /**
         * Reads {@code parse-timeout}, {@code max-length}, {@code deny-functions} and
         * {@code allow-functions}.
         *
         * @param config the {@code policy.sql} node
         * @return this builder
         */
        public Builder config(Config config) {
            config.get("parse-timeout").asString().ifPresent(v -> parseTimeout(duration(v, "policy.sql.parse-timeout")));
            config.get("max-length").asInt().ifPresent(this::maxLength);
            List<String> deny = config.get("deny-functions").asList(String.class).orElse(List.of());
            List<String> allow = config.get("allow-functions").asList(String.class).orElse(List.of());
            if (!deny.isEmpty() || !allow.isEmpty()) {
                functions(DangerousFunctions.create(deny, allow));
            }
            return this;
        }

        /**
         * Sets how long the parser may take for one text.
         *
         * @param timeout 100 ms to 30 s
         * @return this builder
         */
        public Builder parseTimeout(Duration timeout) {
            if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
                throw new IllegalArgumentException("policy.sql.parse-timeout must be between 100ms and 30s, got " + timeout);
            }
            this.parseTimeout = timeout;
            return this;
        }

        /**
         * Sets the longest text analysed; longer texts are refused.
         *
         * @param chars 1 to 1048576 characters
         * @return this builder
         */
        public Builder maxLength(int chars) {
            if (chars < 1 || chars > 1024 * 1024) {
                throw new IllegalArgumentException("policy.sql.max-length must be between 1 and 1048576, got " + chars);
            }
            this.maxLength = chars;
            return this;
        }

        /**
         * Sets the dangerous functions.
         *
         * @param functions list
         * @return this builder
         */
        public Builder functions(DangerousFunctions functions) {
            this.functions = Objects.requireNonNull(functions, "functions");
            return this;
        }

        /**
         * Sets how many analyses are cached.
         *
         * @param entries at least 1
         * @return this builder
         */
        public Builder cacheSize(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("SQL analysis cache size must be at least 1, got " + entries);
            }
            this.cacheSize = entries;
            return this;
        }

        /**
         * Builds the analyzer.
         *
         * @return analyzer
         */
        public SqlAnalyzer build() {
            return new SqlAnalyzer(this);
        }

        private static Duration duration(String value, String key) {
            try {
                return RunbookLoader.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage());
            }
        }
    }
}
