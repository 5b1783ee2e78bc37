package io.mcpgateway.approvals;

import java.time.Duration;

import io.mcpgateway.tools.RunbookLoader;

/**
 * Durations in the {@code approvals} configuration and in what people read: {@code 8h},
 * {@code 90m}, {@code 45s}.
 */
final class Durations {
    private Durations() {
    }

    /** Parses a duration setting, naming the key when it is not one. */
    static Duration parse(String value, String key) {
        try {
            return RunbookLoader.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    /** A duration as people write it: 8h, 90m, 45s. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s > 0 ? s + "s" : d.toMillis() + "ms";
    }
}
