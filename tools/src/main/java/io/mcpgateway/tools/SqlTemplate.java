package io.mcpgateway.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A SQL statement with named binds ({@code :email}) as an operator writes it, turned into the
 * JDBC form ({@code ?}) plus the ordered list of bind names.
 *
 * <p>Values reach the statement only as JDBC parameters: the template text is fixed when the
 * runbook loads, so no argument can change the statement's shape. The scanner skips string
 * literals, quoted identifiers, comments, PostgreSQL dollar quotes and {@code ::} casts, so a
 * colon inside any of those is not a bind.
 *
 * @param template  the statement as written
 * @param jdbcSql   the statement with each bind replaced by {@code ?}
 * @param bindNames the bind names in the order of their {@code ?}
 */
public record SqlTemplate(String template, String jdbcSql, List<String> bindNames) implements ToolTemplate {

    /**
     * Validates fields.
     *
     * @param template  as written
     * @param jdbcSql   JDBC form
     * @param bindNames bind order
     */
    public SqlTemplate {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(jdbcSql, "jdbcSql");
        bindNames = List.copyOf(bindNames);
    }

    /**
     * Parses a template.
     *
     * @param template statement text with {@code :name} binds
     * @return the parsed template
     * @throws IllegalArgumentException for an unterminated literal or comment
     */
    public static SqlTemplate parse(String template) {
        StringBuilder sql = new StringBuilder(template.length());
        List<String> binds = new ArrayList<>();
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(template, i, c);
                sql.append(template, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && template.charAt(i + 1) == '-') {
                int end = template.indexOf('\n', i);
                end = end < 0 ? n : end;
                sql.append(template, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && template.charAt(i + 1) == '*') {
                int end = template.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("Unterminated /* comment in SQL template");
                }
                sql.append(template, i, end + 2);
                i = end + 2;
            } else if (c == '$' && dollarTagEnd(template, i) > 0) {
                int tagEnd = dollarTagEnd(template, i);
                String tag = template.substring(i, tagEnd);
                int end = template.indexOf(tag, tagEnd);
                if (end < 0) {
                    throw new IllegalArgumentException("Unterminated " + tag + " quote in SQL template");
                }
                sql.append(template, i, end + tag.length());
                i = end + tag.length();
            } else if (c == ':' && i + 1 < n && template.charAt(i + 1) == ':') {
                sql.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && isNameStart(template.charAt(i + 1))
                    && (i == 0 || !isNamePart(template.charAt(i - 1)))) {
                int end = i + 1;
                while (end < n && isNamePart(template.charAt(end))) {
                    end++;
                }
                binds.add(template.substring(i + 1, end));
                sql.append('?');
                i = end;
            } else {
                sql.append(c);
                i++;
            }
        }
        return new SqlTemplate(template, sql.toString(), binds);
    }

    private static int closing(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                // a doubled quote is an escaped quote inside the literal
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("Unterminated " + quote + " quote in SQL template");
    }

    /** End index (exclusive) of a dollar-quote tag such as {@code $$} or {@code $body$}, or -1. */
    private static int dollarTagEnd(String s, int start) {
        int i = start + 1;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            if (i == start + 1 && Character.isDigit(s.charAt(i))) {
                return -1; // $1 is a positional parameter, not a tag
            }
            i++;
        }
        return i < s.length() && s.charAt(i) == '$' ? i + 1 : -1;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
