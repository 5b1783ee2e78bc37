package io.mcpgateway.guardrails;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.mcpgateway.guardrails.SqlLexer.Rules;
import io.mcpgateway.guardrails.SqlLexer.Token;
import io.mcpgateway.guardrails.SqlLexer.Type;

/**
 * What the text of a SQL string shows before any parsing: how many statements it holds under
 * every dialect's quoting and comment rules, MySQL executable comments, names called like
 * functions, commands that reach the server's files, programs or other servers, and the
 * statement an EXPLAIN wraps. Complements the parser, which sees only one reading and
 * understands only the statements it knows.
 *
 * @param statementCount    the most statements any reading finds
 * @param lexicalError      why no reading could split the text, or empty when one could
 * @param executableComment a {@code /*!} or {@code /*M!} comment is present
 * @param unicodeEscape     a {@code U&} literal is present
 * @param calledNames       every name followed by {@code (} in any reading (lower case, qualified as written)
 * @param serverAccess      sentences for commands that reach files, programs or other servers
 * @param intoClause        a {@code SELECT ... INTO} target: {@code file} (OUTFILE/DUMPFILE), {@code target}, or empty
 * @param explain           the EXPLAIN wrapper, when the text is one
 * @param head              the statement's first words, for messages (e.g. {@code LOCK TABLE})
 */
record SqlText(int statementCount,
               String lexicalError,
               boolean executableComment,
               boolean unicodeEscape,
               Set<String> calledNames,
               List<String> serverAccess,
               String intoClause,
               Optional<Explain> explain,
               String head) {

    private static final Set<String> NOT_A_CALL_AFTER = Set.of("INTO", "TABLE", "REFERENCES", "VIEW", "INDEX",
            "TRIGGER", "FUNCTION", "PROCEDURE", "TYPE", "SEQUENCE");
    private static final Set<String> INSERTING = Set.of("INSERT", "REPLACE", "MERGE", "UPSERT", "IGNORE",
            "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "ALL", "FIRST", "OVERWRITE");
    private static final Set<String> EXPLAINABLE = Set.of("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "MERGE",
            "REPLACE", "VALUES", "TABLE", "UPSERT", "CREATE", "DECLARE", "EXECUTE", "SHOW");
    private static final Set<String> UNTRUSTED_LANGUAGES = Set.of("C", "PLPYTHONU", "PLPYTHON3U", "PLPYTHON2U",
            "PLPERLU", "PLTCLU", "JAVA", "INTERNAL", "PLRUBYU", "PLSHU", "PLV8U");

    /**
     * An EXPLAIN in front of a statement.
     *
     * @param analyze    whether the statement is executed (EXPLAIN ANALYZE and its option forms)
     * @param innerStart offset of the explained statement in the text
     */
    record Explain(boolean analyze, int innerStart) {
    }

    /**
     * Reads a text under every dialect's rules, the connection's own first.
     *
     * @param sql     text
     * @param dialect the connection's dialect
     * @return findings
     */
    static SqlText read(String sql, SqlDialect dialect) {
        Rules own = switch (dialect) {
            case POSTGRESQL -> Rules.POSTGRESQL;
            case MYSQL -> Rules.MYSQL;
            case H2, GENERIC -> Rules.STANDARD;
        };
        List<SqlLexer.Result> readings = new ArrayList<>();
        readings.add(SqlLexer.scan(sql, own));
        for (Rules r : Rules.values()) {
            if (r != own) {
                readings.add(SqlLexer.scan(sql, r));
            }
        }
        int count = 0;
        boolean executable = false;
        boolean unicode = false;
        Set<String> called = new LinkedHashSet<>();
        Set<String> access = new LinkedHashSet<>();
        String into = "";
        SqlLexer.Result primary = null;
        for (SqlLexer.Result reading : readings) {
            executable |= reading.executableComment();
            unicode |= reading.unicodeEscape();
            if (reading.failed()) {
                continue;
            }
            if (primary == null) {
                primary = reading;
            }
            count = Math.max(count, reading.statements().size());
            for (List<Token> statement : reading.statements()) {
                calledNames(statement, called);
                serverAccess(statement, access);
                String found = intoClause(statement);
                if (into.isEmpty() || found.equals("file")) {
                    into = found.isEmpty() ? into : found;
                }
            }
        }
        if (primary == null || primary.statements().isEmpty()) {
            String error = primary == null ? readings.get(0).error() : "no statement found";
            return new SqlText(0, error, executable, unicode, called, List.copyOf(access), into, Optional.empty(), "");
        }
        List<Token> first = primary.statements().get(0);
        return new SqlText(count, "", executable, unicode, called, List.copyOf(access), into, explain(first),
                head(first));
    }

    /** Names directly followed by an opening parenthesis, with their qualifiers. */
    private static void calledNames(List<Token> tokens, Set<String> out) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!isName(t) || !tokens.get(i + 1).isSymbol('(')) {
                continue;
            }
            StringBuilder name = new StringBuilder(t.text());
            int j = i;
            while (j >= 2 && tokens.get(j - 1).isSymbol('.') && isName(tokens.get(j - 2))) {
                name.insert(0, tokens.get(j - 2).text() + ".");
                j -= 2;
            }
            boolean definition = j >= 1 && tokens.get(j - 1).type() == Type.WORD
                    && NOT_A_CALL_AFTER.contains(upper(tokens.get(j - 1)));
            if (!definition) {
                out.add(name.toString().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static void serverAccess(List<Token> t, Set<String> out) {
        String w0 = word(t, 0);
        String w1 = word(t, 1);
        switch (w0) {
            case "COPY" -> {
                if (hasWord(t, "PROGRAM")) {
                    out.add("COPY ... PROGRAM runs a program on the database server");
                } else if (wordBeforeString(t, "FROM") || wordBeforeString(t, "TO")) {
                    out.add("COPY to or from a file reads or writes files on the database server");
                }
            }
            case "LOAD" -> {
                if (w1.equals("DATA") || w1.equals("XML")) {
                    out.add("LOAD " + w1 + " reads files into the database");
                }
            }
            case "RUNSCRIPT" -> out.add("RUNSCRIPT runs SQL read from a file or URL");
            case "SCRIPT", "BACKUP" -> {
                if (hasWord(t, "TO")) {
                    out.add(w0 + " TO writes the database to a file on the server");
                }
            }
            case "DO" -> out.add("DO runs a block of procedural code that the gateway cannot analyse");
            case "PREPARE" -> out.add("PREPARE builds a statement from text that the gateway cannot analyse");
            case "EXECUTE", "EXEC" -> {
                if (w1.equals("IMMEDIATE") || (t.size() > 1 && (t.get(1).isSymbol('(') || t.get(1).type() == Type.STRING))) {
                    out.add(w0 + " runs SQL built from text that the gateway cannot analyse");
                }
            }
            case "IMPORT" -> {
                if (w1.equals("FOREIGN")) {
                    out.add("IMPORT FOREIGN SCHEMA connects to another server");
                }
            }
            case "CREATE" -> createAccess(t, out);
            default -> {
            }
        }
    }

    private static void createAccess(List<Token> t, Set<String> out) {
        if (hasWord(t, "ALIAS")) {
            out.add("CREATE ALIAS defines Java code that the database runs");
        } else if (hasWord(t, "LINKED")) {
            out.add("CREATE LINKED TABLE connects to another database");
        } else if (hasWord(t, "EXTENSION")) {
            out.add("CREATE EXTENSION loads code into the database server");
        } else if (hasWord(t, "SERVER") || hasWord(t, "MAPPING") || (hasWord(t, "FOREIGN") && hasWord(t, "TABLE")
                && !hasWord(t, "KEY"))) {
            out.add("Foreign servers and tables connect to other servers");
        } else if (hasWord(t, "TRIGGER") && (hasWord(t, "CALL") || wordBeforeString(t, "AS"))) {
            out.add("A trigger defined by a class or source code runs Java code in the database");
        } else if ((hasWord(t, "FUNCTION") || hasWord(t, "PROCEDURE")) && untrustedLanguage(t)) {
            out.add("A function in an untrusted language or a shared library runs code on the database server");
        }
    }

    private static boolean untrustedLanguage(List<Token> t) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).isWord("SONAME")) {
                return true;
            }
            if (t.get(i).isWord("LANGUAGE")) {
                Token lang = t.get(i + 1);
                if ((lang.type() == Type.WORD || lang.type() == Type.QUOTED_IDENTIFIER || lang.type() == Type.STRING)
                        && UNTRUSTED_LANGUAGES.contains(lang.text().toUpperCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code file} for INTO OUTFILE/DUMPFILE, {@code target} for another SELECT ... INTO, else empty. */
    private static String intoClause(List<Token> t) {
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i).isWord("INTO")) {
                continue;
            }
            String next = word(t, i + 1);
            if (next.equals("OUTFILE") || next.equals("DUMPFILE")) {
                return "file";
            }
            boolean inserting = i > 0 && t.get(i - 1).type() == Type.WORD && INSERTING.contains(upper(t.get(i - 1)));
            String w0 = word(t, 0);
            if (!inserting && (w0.equals("SELECT") || w0.equals("WITH") || t.get(0).isSymbol('('))) {
                return "target";
            }
        }
        return "";
    }

    private static Optional<Explain> explain(List<Token> t) {
        String w0 = word(t, 0);
        boolean describe = (w0.equals("DESCRIBE") || w0.equals("DESC")) && EXPLAINABLE.contains(word(t, 1));
        if (!w0.equals("EXPLAIN") && !describe) {
            return Optional.empty();
        }
        boolean analyze = false;
        int i = 1;
        if (i < t.size() && t.get(i).isSymbol('(')) {
            int depth = 0;
            for (; i < t.size(); i++) {
                Token x = t.get(i);
                depth += x.isSymbol('(') ? 1 : x.isSymbol(')') ? -1 : 0;
                if (x.isWord("ANALYZE") || x.isWord("ANALYSE")) {
                    String v = i + 1 < t.size() ? t.get(i + 1).text().toUpperCase(Locale.ROOT) : "";
                    analyze |= !(v.equals("FALSE") || v.equals("OFF") || v.equals("0"));
                }
                if (depth == 0) {
                    i++;
                    break;
                }
            }
        }
        for (; i < t.size(); i++) {
            Token x = t.get(i);
            if (x.isSymbol('(') || (x.type() == Type.WORD && EXPLAINABLE.contains(upper(x)))) {
                return Optional.of(new Explain(analyze, x.start()));
            }
            if (x.isWord("ANALYZE") || x.isWord("ANALYSE")) {
                analyze = true;
            } else if (x.type() != Type.WORD && !x.isSymbol('=')) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String head(List<Token> t) {
        String w0 = word(t, 0);
        String w1 = word(t, 1);
        boolean twoWords = Set.of("CREATE", "ALTER", "DROP", "LOCK", "LOAD", "START", "SET", "RESET", "SHOW",
                "EXPLAIN", "GRANT", "REVOKE", "REFRESH", "IMPORT").contains(w0);
        return (twoWords && !w1.isEmpty() ? w0 + " " + w1 : w0).trim();
    }

    private static boolean isName(Token t) {
        return t.type() == Type.WORD || t.type() == Type.QUOTED_IDENTIFIER;
    }

    private static String word(List<Token> t, int i) {
        return i < t.size() && t.get(i).type() == Type.WORD ? upper(t.get(i)) : "";
    }

    private static String upper(Token t) {
        return t.text().toUpperCase(Locale.ROOT);
    }

    private static boolean hasWord(List<Token> t, String word) {
        for (Token x : t) {
            if (x.isWord(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wordBeforeString(List<Token> t, String word) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).isWord(word) && t.get(i + 1).type() == Type.STRING) {
                return true;
            }
        }
        return false;
    }
}
