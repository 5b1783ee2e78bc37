package io.mcpgateway.masking;

import java.util.Map;

/**
 * An immutable map from short strings to values, looked up by the characters of a
 * {@link CharSequence} without building a string: the digit-run signatures ({@code 4-4-4-4},
 * {@code (3)3-4}) are looked up once per window of every numeric run.
 *
 * @param <V> the value type
 */
final class SignatureTable<V> {
    private final char[][] keys;
    private final Object[] values;
    private final int mask;

    SignatureTable(Map<String, V> entries) {
        int size = Integer.highestOneBit(Math.max(4, entries.size() * 2 - 1)) << 1;
        this.keys = new char[size][];
        this.values = new Object[size];
        this.mask = size - 1;
        entries.forEach((key, value) -> {
            int slot = hash(key) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key.toCharArray();
            values[slot] = value;
        });
    }

    private static int hash(CharSequence cs) {
        int h = 0;
        for (int k = 0; k < cs.length(); k++) {
            h = 31 * h + cs.charAt(k);
        }
        return h ^ (h >>> 16);
    }

    /**
     * The value of a key.
     *
     * @param key the key's characters
     * @return the value, or null
     */
    @SuppressWarnings("unchecked")
    V get(CharSequence key) {
        int len = key.length();
        for (int slot = hash(key) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            char[] k = keys[slot];
            if (k.length == len && same(k, key)) {
                return (V) values[slot];
            }
        }
        return null;
    }

    private static boolean same(char[] k, CharSequence key) {
        for (int i = 0; i < k.length; i++) {
            if (k[i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
