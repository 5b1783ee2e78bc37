package io.mcpgateway.masking;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reversible tokens of one MCP session. Masking with the {@link MaskingStrategy#TOKEN} strategy
 * replaces a value by {@code <LABEL_n>}; the same value always gets the same token within the
 * session. When the model later passes a token in a tool argument, {@link #restore(String)} puts the
 * real value back, so an agent can look a customer up by an e-mail address it never saw.
 *
 * <p>A vault only resolves tokens it issued itself: a token copied from another session is left as
 * it is (or, if this session happens to have issued the same token text, resolves to this session's
 * own value), so values never cross sessions. The vault also carries a random salt that makes
 * format-preserving replacements consistent within the session and different across sessions.
 *
 * <p>Thread-safe. The server holds one vault per MCP session and drops it when the session ends.
 */
public final class SessionVault {
    private static final Pattern TOKEN = Pattern.compile("<([A-Z][A-Z0-9_]*)_(\\d{1,7})>");

    private final int capacity;
    private final byte[] salt;
    private final Map<String, String> tokenByValue = new HashMap<>();
    private final Map<String, String> valueByToken = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    private SessionVault(int capacity, byte[] salt) {
        this.capacity = capacity;
        this.salt = salt;
    }

    /**
     * A new, empty vault holding at most 10,000 distinct values.
     *
     * @return the vault
     */
    public static SessionVault create() {
        return create(10_000);
    }

    /**
     * A new, empty vault.
     *
     * @param capacity the most distinct values it keeps; past that, values are redacted instead
     * @return the vault
     */
    public static SessionVault create(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("vault capacity must be positive, got " + capacity);
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return new SessionVault(capacity, salt);
    }

    /**
     * The token for a value, issuing a new one on first sight.
     *
     * @param label the entity label, e.g. {@code EMAIL}
     * @param value the real value
     * @return the token such as {@code <EMAIL_3>}, or null when the vault is full
     */
    public synchronized String token(String label, String value) {
        String key = label + '\u0000' + value;
        String existing = tokenByValue.get(key);
        if (existing != null) {
            return existing;
        }
        if (tokenByValue.size() >= capacity) {
            return null;
        }
        int n = counters.merge(label, 1, Integer::sum);
        String token = "<" + label + "_" + n + ">";
        tokenByValue.put(key, token);
        valueByToken.put(token, value);
        return token;
    }

    /**
     * Replaces every token this vault issued by its real value; anything else is left untouched.
     *
     * @param argument a tool argument as the model sent it
     * @return the argument with real values
     */
    public String restore(String argument) {
        if (argument == null || argument.indexOf('<') < 0) {
            return argument;
        }
        Matcher m = TOKEN.matcher(argument);
        StringBuilder sb = null;
        int last = 0;
        while (m.find()) {
            String value;
            synchronized (this) {
                value = valueByToken.get(m.group());
            }
            if (value == null) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(argument.length() + 32);
            }
            sb.append(argument, last, m.start()).append(value);
            last = m.end();
        }
        if (sb == null) {
            return argument;
        }
        return sb.append(argument, last, argument.length()).toString();
    }

    /**
     * How many distinct values the vault holds.
     *
     * @return the count
     */
    public synchronized int size() {
        return valueByToken.size();
    }

    byte[] salt() {
        return salt.clone();
    }
}
