package io.mcpgateway.tools;

/**
 * Walks SQL text and recognises the regions where a colon, brace or question mark is not syntax:
 * string literals, quoted identifiers ({@code "..."}, {@code `...`}), {@code --} and
 * {@code /* *}{@code /} comments, and PostgreSQL dollar quotes ({@code $$...$$}, {@code $tag$...$tag$}).
 */
final class SqlScanner {

    private final String text;
    private int position;

    SqlScanner(String text) {
        this.text = text;
    }

    boolean done() {
        return position >= text.length();
    }

    int position() {
        return position;
    }

    void advance(int n) {
        position += n;
    }

    /**
     * When a quoted region or comment starts at the current position, moves past it.
     *
     * @return its length, or 0 when none starts here
     * @throws TextTemplate.TemplateSyntaxException when it is not terminated
     */
    int skipQuotedOrComment() {
        int i = position;
        int n = text.length();
        char c = text.charAt(i);
        int end;
        if (c == '\'' || c == '"' || c == '`') {
            end = closing(i, c);
        } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
            int nl = text.indexOf('\n', i);
            end = nl < 0 ? n : nl;
        } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
            int close = text.indexOf("*/", i + 2);
            if (close < 0) {
                throw new TextTemplate.TemplateSyntaxException("unterminated /* comment", i);
            }
            end = close + 2;
        } else if (c == '$' && dollarTagEnd(i) > 0) {
            int tagEnd = dollarTagEnd(i);
            String tag = text.substring(i, tagEnd);
            int close = text.indexOf(tag, tagEnd);
            if (close < 0) {
                throw new TextTemplate.TemplateSyntaxException("unterminated " + tag + " quote", i);
            }
            end = close + tag.length();
        } else {
            return 0;
        }
        position = end;
        return end - i;
    }

    private int closing(int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                // a doubled quote is an escaped quote inside the literal
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new TextTemplate.TemplateSyntaxException("unterminated " + quote + " quote", start);
    }

    /** End index (exclusive) of a dollar-quote tag such as {@code $$} or {@code $body$}, or -1. */
    private int dollarTagEnd(int start) {
        int i = start + 1;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            if (i == start + 1 && Character.isDigit(text.charAt(i))) {
                return -1; // $1 is a positional parameter, not a tag
            }
            i++;
        }
        return i < text.length() && text.charAt(i) == '$' ? i + 1 : -1;
    }
}
