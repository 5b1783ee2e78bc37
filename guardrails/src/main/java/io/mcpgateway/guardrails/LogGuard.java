package io.mcpgateway.guardrails;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.Decision;

/**
 * The hard guards on log reads: the file must be a relative path that stays under the
 * connection's roots (the connector confines it again when it opens the file), and a search
 * pattern must be a sane regular expression: short, valid, and free of the nested repetition that
 * makes a regex engine take exponential time on a crafted log line.
 */
public final class LogGuard implements Policy {

    private static final int MAX_PATTERN = 512;
    private static final Pattern ESCAPES = Pattern.compile("(^|[/\\\\])\\.\\.([/\\\\]|$)|^[/\\\\~]|^[A-Za-z]:|[\\x00-\\x1f]");
    /** A group that repeats and contains a repetition, e.g. {@code (a+)+}, {@code (\w*)*}, {@code (x+){2,}}. */
    private static final Pattern NESTED_REPETITION = Pattern.compile("\\([^()]*[+*}][^()]*\\)\\s*[+*{]");

    /**
     * Creates the guard.
     */
    public LogGuard() {
    }

    @Override
    public Optional<Decision> evaluate(PolicyInput input) {
        if (!(input.call().request() instanceof BoundRequest.Logs logs)) {
            return Optional.empty();
        }
        if (ESCAPES.matcher(logs.file()).find()) {
            return Optional.of(new Decision.Deny("guard.log-path", "log_path_escapes",
                    "The log file path must be relative and stay under the connection's log folders.",
                    "Name a file relative to the log root, without '..', a leading '/' or '~'."));
        }
        if (logs.pattern() != null && logs.regex()) {
            String problem = regexProblem(logs.pattern());
            if (!problem.isEmpty()) {
                return Optional.of(new Decision.Deny("guard.log-pattern", "log_pattern_rejected", problem,
                        "Use a simpler pattern or a literal search."));
            }
        }
        return Optional.empty();
    }

    private static String regexProblem(String pattern) {
        if (pattern.length() > MAX_PATTERN) {
            return "The search pattern is " + pattern.length() + " characters long; at most " + MAX_PATTERN + " are allowed.";
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            return "The search pattern is not a valid regular expression (" + e.getDescription() + ").";
        }
        if (NESTED_REPETITION.matcher(pattern).find()) {
            return "The search pattern repeats a group that itself repeats, which can take exponential time.";
        }
        return "";
    }
}
