package io.mcpgateway.guardrails;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into tokens and statements under one set of lexical rules, independently of
 * JSqlParser.
 *
 * <p>Why a second reading: an attack on a SQL guard hides a statement where the parser sees a
 * comment or a string but the database does not (a backslash-escaped quote in MySQL, a
 * {@code --x} that MySQL does not treat as a comment, a nested PostgreSQL comment, a MySQL
 * {@code /*!...*}{@code /} comment the server executes). The analyzer reads the text under every
 * set of rules and refuses it when any reading finds more than one statement.
 */
final class SqlLexer {

    /** Lexical rules of a family of dialects. */
    enum Rules {
        /** SQL standard and H2: {@code ''} escapes, {@code "identifiers"}, {@code $$strings$$}. */
        STANDARD,
        /** PostgreSQL: nested block comments, {@code $tag$} quotes, {@code E'..'} with backslash escapes. */
        POSTGRESQL,
        /** MySQL/MariaDB: backslash escapes, {@code "strings"}, {@code #} comments, {@code -- } needs a space. */
        MYSQL
    }

    /** Kinds of tokens. */
    enum Type {
        /** Keyword or plain identifier. */
        WORD,
        /** Quoted identifier (content without quotes). */
        QUOTED_IDENTIFIER,
        /** String literal. */
        STRING,
        /** Number. */
        NUMBER,
        /** Any other single character. */
        SYMBOL
    }

    /**
     * One token.
     *
     * @param type  kind
     * @param text  the identifier or word as written (quoted identifiers without quotes), or the symbol
     * @param start offset of its first character
     */
    record Token(Type type, String text, int start) {
        boolean isWord(String word) {
            return type == Type.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(char c) {
            return type == Type.SYMBOL && text.length() == 1 && text.charAt(0) == c;
        }
    }

    /**
     * The statements found in the text.
     *
     * @param statements        token lists, one per non-empty statement
     * @param executableComment a MySQL/MariaDB {@code /*!} or {@code /*M!} comment was seen
     * @param unicodeEscape     a {@code U&"..."} or {@code U&'...'} literal was seen
     * @param error             why the text cannot be read under these rules, or empty
     */
    record Result(List<List<Token>> statements, boolean executableComment, boolean unicodeEscape, String error) {
        boolean failed() {
            return !error.isEmpty();
        }
    }

    private final String sql;
    private final Rules rules;
    private final int n;
    private int i;
    private boolean executableComment;
    private boolean unicodeEscape;
    private int openExecutableComments;

    private SqlLexer(String sql, Rules rules) {
        this.sql = sql;
        this.rules = rules;
        this.n = sql.length();
    }

    /**
     * Reads a text under one set of rules.
     *
     * @param sql   text
     * @param rules lexical rules
     * @return statements and findings
     */
    static Result scan(String sql, Rules rules) {
        return new SqlLexer(sql, rules).run();
    }

    private Result run() {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        try {
            while (i < n) {
                char c = sql.charAt(i);
                if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    i++;
                } else if (c == '-' && peek(1) == '-' && dashDashIsComment()) {
                    skipLine();
                } else if (c == '#' && rules == Rules.MYSQL) {
                    skipLine();
                } else if (c == '/' && peek(1) == '*') {
                    blockComment();
                } else if (c == '*' && peek(1) == '/' && openExecutableComments > 0) {
                    // end of a MySQL executable comment whose content was read as code
                    openExecutableComments--;
                    i += 2;
                } else if (c == ';') {
                    i++;
                    if (!current.isEmpty()) {
                        statements.add(current);
                        current = new ArrayList<>();
                    }
                } else if (c == '\'') {
                    current.add(new Token(Type.STRING, quoted('\'', rules == Rules.MYSQL), i));
                } else if (c == '"') {
                    boolean string = rules == Rules.MYSQL;
                    int start = i;
                    String text = quoted('"', string);
                    current.add(new Token(string ? Type.STRING : Type.QUOTED_IDENTIFIER, text, start));
                } else if (c == '`') {
                    int start = i;
                    current.add(new Token(Type.QUOTED_IDENTIFIER, quoted('`', false), start));
                } else if (c == '$' && rules != Rules.MYSQL && dollarTagEnd() > 0) {
                    int start = i;
                    current.add(new Token(Type.STRING, dollarQuoted(), start));
                } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
                    current.add(number());
                } else if (Character.isLetter(c) || c == '_' || (c == '$' && rules == Rules.MYSQL)) {
                    word(current);
                } else {
                    current.add(new Token(Type.SYMBOL, String.valueOf(c), i));
                    i++;
                }
            }
            if (openExecutableComments > 0) {
                throw new LexicalError("unterminated /*! comment");
            }
        } catch (LexicalError e) {
            return new Result(List.of(), executableComment, unicodeEscape, e.getMessage());
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        return new Result(statements, executableComment, unicodeEscape, "");
    }

    private char peek(int ahead) {
        return i + ahead < n ? sql.charAt(i + ahead) : '\0';
    }

    /** MySQL needs whitespace or a control character after {@code --}; {@code --x} is two minus signs. */
    private boolean dashDashIsComment() {
        if (rules != Rules.MYSQL) {
            return true;
        }
        char next = peek(2);
        return i + 2 >= n || next <= ' ';
    }

    private void skipLine() {
        while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
            i++;
        }
    }

    private void blockComment() {
        int start = i;
        boolean mysqlExecutable = peek(2) == '!' || (peek(2) == 'M' && peek(3) == '!');
        if (mysqlExecutable) {
            executableComment = true;
            if (rules == Rules.MYSQL) {
                // MySQL runs the content (after an optional version number): read it as code
                i += peek(2) == '!' ? 3 : 4;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                openExecutableComments++;
                return;
            }
        }
        int depth = 0;
        while (i < n) {
            if (sql.charAt(i) == '/' && peek(1) == '*') {
                depth++;
                i += 2;
                if (rules != Rules.POSTGRESQL && depth > 1) {
                    depth = 1; // only PostgreSQL nests block comments
                }
            } else if (sql.charAt(i) == '*' && peek(1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                i++;
            }
        }
        throw new LexicalError("unterminated comment starting at offset " + start);
    }

    private String quoted(char quote, boolean backslashEscapes) {
        int start = i;
        StringBuilder text = new StringBuilder();
        i++;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\' && i + 1 < n) {
                text.append(sql.charAt(i + 1));
                i += 2;
            } else if (c == quote) {
                if (peek(1) == quote) {
                    text.append(quote);
                    i += 2;
                } else {
                    i++;
                    return text.toString();
                }
            } else {
                text.append(c);
                i++;
            }
        }
        throw new LexicalError("unterminated " + quote + " quote starting at offset " + start);
    }

    /** End (exclusive) of a dollar-quote tag at {@code i}, or -1 ({@code $1} is a parameter). */
    private int dollarTagEnd() {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            if (j == i + 1 && Character.isDigit(sql.charAt(j))) {
                return -1;
            }
            j++;
        }
        return j < n && sql.charAt(j) == '$' ? j + 1 : -1;
    }

    private String dollarQuoted() {
        int tagEnd = dollarTagEnd();
        String tag = sql.substring(i, tagEnd);
        int end = sql.indexOf(tag, tagEnd);
        if (end < 0) {
            throw new LexicalError("unterminated " + tag + " quote starting at offset " + i);
        }
        String body = sql.substring(tagEnd, end);
        i = end + tag.length();
        return body;
    }

    private Token number() {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
            char c = sql.charAt(i);
            i++;
            if ((c == 'e' || c == 'E') && i < n && (sql.charAt(i) == '+' || sql.charAt(i) == '-')) {
                i++;
            }
        }
        return new Token(Type.NUMBER, sql.substring(start, i), start);
    }

    private void word(List<Token> current) {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
            i++;
        }
        String text = sql.substring(start, i);
        char next = i < n ? sql.charAt(i) : '\0';
        if (text.equalsIgnoreCase("U") && next == '&' && (peek(1) == '"' || peek(1) == '\'')) {
            // U&"\0070g_sleep": an identifier spelled with escapes hides its real name from a scan
            unicodeEscape = true;
        }
        if (next == '\'' && (text.equalsIgnoreCase("E") && rules == Rules.POSTGRESQL)) {
            current.add(new Token(Type.STRING, quoted('\'', true), start));
            return;
        }
        current.add(new Token(Type.WORD, text, start));
    }

    /** A text that cannot be read under the current rules. */
    private static final class LexicalError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LexicalError(String message) {
            super(message, null, false, false);
        }
    }
}
