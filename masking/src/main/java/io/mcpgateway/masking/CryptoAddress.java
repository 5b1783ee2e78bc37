package io.mcpgateway.masking;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Checksums of cryptocurrency wallet addresses: base58check (Bitcoin legacy, Litecoin, Dogecoin,
 * Tron, XRP with its own alphabet) and bech32 / bech32m (segwit, Cardano).
 */
final class CryptoAddress {
    private static final String BITCOIN_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String RIPPLE_ALPHABET = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";
    private static final String BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final BigInteger FIFTY_EIGHT = BigInteger.valueOf(58);

    private CryptoAddress() {
    }

    /**
     * Base58check: the last four bytes are the double SHA-256 of the rest. Addresses starting with
     * {@code r} use the XRP alphabet. Values arrive in their original case.
     */
    static boolean base58check(String s) {
        String alphabet = s.startsWith("r") ? RIPPLE_ALPHABET : BITCOIN_ALPHABET;
        byte[] raw = decode58(s, alphabet);
        if (raw == null || raw.length != 25) {
            return false;
        }
        byte[] body = Arrays.copyOf(raw, 21);
        byte[] hash = sha256(sha256(body));
        return Arrays.equals(Arrays.copyOfRange(hash, 0, 4), Arrays.copyOfRange(raw, 21, 25));
    }

    private static byte[] decode58(String s, String alphabet) {
        BigInteger n = BigInteger.ZERO;
        int zeros = 0;
        boolean leading = true;
        for (int i = 0; i < s.length(); i++) {
            int v = alphabet.indexOf(s.charAt(i));
            if (v < 0) {
                return null;
            }
            if (leading && v == 0) {
                zeros++;
            } else {
                leading = false;
            }
            n = n.multiply(FIFTY_EIGHT).add(BigInteger.valueOf(v));
        }
        byte[] bytes = n.toByteArray();
        int strip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] out = new byte[zeros + bytes.length - strip];
        System.arraycopy(bytes, strip, out, zeros, bytes.length - strip);
        return out;
    }

    /** Bech32 (BIP-173) or bech32m (BIP-350) with a checksum over the human-readable part. */
    static boolean bech32(String value) {
        String s = value.toLowerCase(java.util.Locale.ROOT);
        if (!s.equals(value) && !value.toUpperCase(java.util.Locale.ROOT).equals(value)) {
            return false;
        }
        int sep = s.lastIndexOf('1');
        if (sep < 1 || sep + 7 > s.length()) {
            return false;
        }
        int[] data = new int[s.length() - sep - 1];
        for (int i = 0; i < data.length; i++) {
            data[i] = BECH32_CHARSET.indexOf(s.charAt(sep + 1 + i));
            if (data[i] < 0) {
                return false;
            }
        }
        int chk = 1;
        for (int i = 0; i < sep; i++) {
            chk = polymod(chk, s.charAt(i) >> 5);
        }
        chk = polymod(chk, 0);
        for (int i = 0; i < sep; i++) {
            chk = polymod(chk, s.charAt(i) & 31);
        }
        for (int d : data) {
            chk = polymod(chk, d);
        }
        return chk == 1 || chk == 0x2bc830a3;
    }

    /** One step of the bech32 checksum (BIP-173). */
    static int polymod(int chk, int v) {
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                chk ^= gen[i];
            }
        }
        return chk;
    }

    static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
