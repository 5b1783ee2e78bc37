package io.mcpgateway.connectors;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the time a log line was written from the line itself: ISO 8601 at the start of the line
 * ({@code 2024-05-01T12:00:00.123Z}, {@code 2024-05-01 12:00:00,123 +0200}, optionally in
 * brackets) or the Common Log Format used by web servers ({@code [01/May/2024:12:00:00 +0000]}).
 * Times without an offset are in the connection's {@code timestamp-zone} (default UTC).
 */
final class LogTimestamps {

    private static final Pattern ISO = Pattern.compile(
            "^\\[?(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?\\s?(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern CLF = Pattern.compile(
            "\\[(\\d{2})/([A-Z][a-z]{2})/(\\d{4}):(\\d{2}):(\\d{2}):(\\d{2}) ([+-]\\d{4})]");
    private static final Map<String, Month> MONTHS = new HashMap<>();

    static {
        for (Month m : Month.values()) {
            MONTHS.put(m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH), m);
        }
    }

    private final ZoneId zone;

    LogTimestamps(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * The time of a line, if it starts an entry.
     *
     * @param line the line
     * @return the instant, or null for lines without a timestamp (continuations, stack traces)
     */
    Instant parse(String line) {
        try {
            Matcher m = ISO.matcher(line);
            if (m.lookingAt()) {
                LocalDateTime t = LocalDateTime.of(LocalDate.of(num(m, 1), num(m, 2), num(m, 3)),
                        LocalTime.of(num(m, 4), num(m, 5), num(m, 6), nanos(m.group(7))));
                return m.group(8) == null ? t.atZone(zone).toInstant() : t.toInstant(offset(m.group(8)));
            }
            // the CLF timestamp follows the client address and user fields: look near the start only
            Matcher c = CLF.matcher(line.length() > 200 ? line.substring(0, 200) : line);
            if (c.find()) {
                Month month = MONTHS.get(c.group(2));
                if (month == null) {
                    return null;
                }
                LocalDateTime t = LocalDateTime.of(LocalDate.of(num(c, 3), month, num(c, 1)),
                        LocalTime.of(num(c, 4), num(c, 5), num(c, 6)));
                return t.toInstant(offset(c.group(7)));
            }
        } catch (java.time.DateTimeException e) {
            // not a real date (2024-13-45): the line has no usable timestamp
        }
        return null;
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        return Integer.parseInt((fraction + "000000000").substring(0, 9));
    }

    private static ZoneOffset offset(String text) {
        return text.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(text.length() == 5
                ? text.substring(0, 3) + ":" + text.substring(3) : text);
    }
}
