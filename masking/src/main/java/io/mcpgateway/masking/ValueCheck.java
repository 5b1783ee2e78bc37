package io.mcpgateway.masking;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a value under a matching key or column must look like before a field rule masks it. Keys
 * such as {@code name} or {@code token} are ambiguous ({@code "name": "orders"},
 * {@code "max_tokens": 1024}); the check keeps those rules precise. Every check refuses empty values
 * and placeholders ({@code <your-api-key>}, {@code XXX-XX-XXXX}, {@code ${DB_PASSWORD}}, masks
 * already applied).
 */
public enum ValueCheck {
    /** Any real value. */
    ANY,
    /** One to six words of letters, at least one capitalised, no digits. */
    PERSON_NAME,
    /** A calendar date in a common numeric or written form. */
    DATE,
    /** At least eight characters mixing classes, not a number, flag or word. */
    SECRET_LIKE;

    private static final Pattern NAME = Pattern.compile(
            "(?U)(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\\.?\\s+)?[\\p{L}][\\p{L}'’.-]*(?:,?\\s+[\\p{L}][\\p{L}'’.-]*){0,5}");
    /**
     * The first three letters of month names in English, German, French, Spanish, Italian,
     * Portuguese and Dutch (Mar, Mär, Jun, jan, dic, giu, mar, mei ...), lower-case.
     */
    static final java.util.List<String> MONTH_STARTS = java.util.List.of("jan", "feb", "fév", "fev", "mar", "mär", "maa",
            "apr", "avr", "abr", "may", "mai", "mag", "mei", "jun", "jui", "giu", "jul", "lug", "aug", "ago", "aoû", "aou",
            "sep", "set", "oct", "okt", "ott", "out", "nov", "dec", "déc", "dez", "dic", "ene", "gen");
    /** A month name or its abbreviation, as an expression (case-insensitive with the (?iu) flags). */
    static final String MONTH = "(?:" + String.join("|", MONTH_STARTS) + ")\\p{L}*";
    private static final Pattern DATE_TEXT = Pattern.compile(
            "(?iu)\\d{1,4}[-/. ]\\d{1,2}[-/. ]\\d{1,4}(?:[T ].*)?|\\d{8}|"
            + "(?:\\d{1,2}(?:st|nd|rd|th|\\.|º)?\\s+(?:(?:de|of)\\s+)?)?" + MONTH + "\\.?"
            + "(?:\\s+\\d{1,2}(?:st|nd|rd|th)?)?,?\\s+(?:(?:de|del)\\s+)?\\d{2,4}");
    // words that do not occur in people's names but do in the names of products, plans, services,
    // events, reports and regions ("Checkout Service", "Premium Plan", "North America"); surnames
    // that are also words (Price, Page, West, Brown ...) are left out
    private static final java.util.Set<String> NOT_IN_NAMES = java.util.Set.of(
            "service", "services", "plan", "plans", "workspace", "workspaces", "report", "reports", "widget", "widgets",
            "created", "updated", "deleted", "completed", "failed", "started", "order", "orders", "invoice", "invoices",
            "america", "europe", "asia", "africa", "pacific", "region", "regions", "default", "weekly", "daily",
            "monthly", "yearly", "annual", "premium", "basic", "standard", "enterprise", "team", "teams", "group",
            "groups", "project", "projects", "product", "products", "department", "company", "inc", "ltd", "llc",
            "gmbh", "corp", "corporation", "store", "shop", "app", "application", "server", "cluster", "database",
            "system", "systems", "platform", "gateway", "api", "dashboard", "portal", "pipeline", "queue", "worker",
            "job", "jobs", "task", "tasks", "event", "events", "account", "accounts", "subscription", "checkout",
            "payment", "payments", "billing", "support", "sales", "marketing", "engineering", "operations", "admin",
            "administrator", "demo", "test", "staging", "production", "sandbox", "environment", "feature", "module",
            "package", "library", "plugin", "tool", "tools", "console", "monitor", "index", "table", "view", "schema",
            "bucket", "folder", "file", "document", "template", "campaign", "newsletter", "channel", "edition",
            "version", "release", "cloud", "network", "center", "centre", "university", "hospital", "school",
            "office", "headquarters", "warehouse", "inventory", "catalog", "catalogue", "category", "tier");
    private static final Pattern PLACEHOLDER_WORDS = Pattern.compile(
            "(?i).*(?:your[-_ ]?(?:api[-_ ]?)?(?:key|token|secret|password|pass)|placeholder|changeme|change[-_]me|"
            + "dummy|redacted|masked|notset|not[-_ ]set|<hidden>|xxxx).*");

    /**
     * Whether the value passes this check.
     *
     * @param raw the value as found (quotes already removed)
     * @return true when a field rule should mask it
     */
    public boolean accepts(String raw) {
        String v = raw.strip();
        if (placeholder(v)) {
            return false;
        }
        return switch (this) {
            case ANY -> true;
            case PERSON_NAME -> v.length() <= 80 && NAME.matcher(v).matches() && hasCapital(v) && !notAName(v);
            case DATE -> v.length() <= 40 && DATE_TEXT.matcher(v).matches();
            case SECRET_LIKE -> secretLike(v);
        };
    }

    /**
     * Whether a value is empty, a template placeholder, a fill pattern or a mask already applied.
     *
     * @param v the stripped value
     * @return true for values that carry no data
     */
    static boolean placeholder(String v) {
        if (v.isEmpty()) {
            return true;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "null", "none", "nil", "true", "false", "undefined", "n/a", "na", "-", "''", "\"\"", "[]", "{}" -> {
                return true;
            }
            default -> {
            }
        }
        char first = v.charAt(0);
        char last = v.charAt(v.length() - 1);
        if ((first == '<' && last == '>') || (first == '[' && last == ']') || (first == '{' && last == '}')
                || v.startsWith("${") || v.startsWith("%(") || v.startsWith("$(")) {
            return true;
        }
        boolean fill = true;
        for (int i = 0; i < v.length() && fill; i++) {
            fill = "xX*#•._- 0".indexOf(v.charAt(i)) >= 0;
        }
        return fill || (v.length() <= 64 && PLACEHOLDER_WORDS.matcher(v).matches());
    }

    /** A file path ({@code PWD=/home/app}, {@code C:\\Users\\app}): not a secret under a key such as pwd. */
    private static boolean path(String v) {
        boolean rooted = v.startsWith("/") || v.startsWith("~/") || v.startsWith("./") || v.startsWith("../")
                || (v.length() > 2 && Character.isLetter(v.charAt(0)) && v.charAt(1) == ':' && v.charAt(2) == '\\');
        if (!rooted) {
            return false;
        }
        int separators = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '/' || c == '\\') {
                separators++;
            } else if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '~' || c == ':')) {
                return false;
            }
        }
        return separators >= 2 || !v.substring(1).chars().anyMatch(Character::isUpperCase);
    }

    private static boolean notAName(String v) {
        for (String word : v.toLowerCase(Locale.ROOT).split("[\\s,.]+")) {
            if (NOT_IN_NAMES.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCapital(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (Character.isUpperCase(v.charAt(i)) && (i == 0 || !Character.isLetter(v.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean secretLike(String v) {
        return v.length() >= 8 && v.indexOf(' ') < 0 && !path(v) && classes(v) >= 2;
    }

    /**
     * How many character classes a value mixes: lower-case, upper-case, digits, others.
     *
     * @param v the value
     * @return 0 to 4
     */
    static int classes(String v) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
