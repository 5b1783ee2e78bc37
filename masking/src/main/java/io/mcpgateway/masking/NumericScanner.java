package io.mcpgateway.masking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises values made of digit groups: a run such as {@code +44 20 7946 0958},
 * {@code (415) 555-2671} or {@code 4111 1111 1111 1111} is split into groups and separators, then
 * windows of space-separated segments are matched, longest first, against the shapes of the digit
 * patterns registered for their digit count. International phone numbers are attributed by calling
 * code; IPv4 addresses and coordinate pairs are recognised here too, street addresses
 * ({@link StreetAddresses}) and dates of birth with month names ({@link BirthDates}) at their numbers.
 *
 * <p>A run glued to a word ({@code ORD-2024-000123}, {@code a716-446655440000},
 * {@code 2024-01-05T10:22}) is not a candidate: identifiers embedded in larger tokens are the main
 * source of false alarms in logs.
 */
final class NumericScanner {
    private static final Pattern GEO_TAIL = Pattern.compile("\\s*,\\s*(-?)(\\d{1,3})\\.(\\d{4,})");

    @SuppressWarnings("unchecked")
    private final List<DigitPattern>[] byCount = new List[40];
    // exact signature (wildcards expanded) -> patterns accepting it, in catalog order; the value
    // says whether that shape needs context
    private final SignatureTable<List<Map.Entry<DigitPattern, Boolean>>> signatures;
    private final Map<String, List<PhoneCountry>> byCallingCode = new HashMap<>();
    private final int minCount;
    private final int maxCount;
    private final EntityType ipv4;
    private final EntityType geo;
    private final EntityType street;
    // dates written with a month name next to a birth word (born on 12 March 1985, DOB March 12, 1985)
    private final EntityType birthDate;

    NumericScanner(Catalog catalog, Predicate<EntityType> enabled, EntityType ipv4, EntityType geo, EntityType street) {
        EntityType dob = catalog.type("DATE_OF_BIRTH_TEXT").orElse(null);
        this.birthDate = dob != null && enabled.test(dob) ? dob : null;
        Map<String, List<Map.Entry<DigitPattern, Boolean>>> bySignature = new HashMap<>();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (DigitPattern p : catalog.digitPatterns()) {
            if (!enabled.test(p.entity())) {
                continue;
            }
            for (DigitPattern.Shape shape : p.shapes()) {
                for (String sig : expand(shape.text())) {
                    List<Map.Entry<DigitPattern, Boolean>> list = bySignature.computeIfAbsent(sig, k -> new ArrayList<>());
                    if (list.stream().noneMatch(e -> e.getKey() == p)) {
                        list.add(Map.entry(p, shape.needsContext() || p.entity().contextRequired()));
                    }
                }
                int d = shape.digits();
                if (byCount[d] == null) {
                    byCount[d] = new ArrayList<>();
                }
                if (!byCount[d].contains(p)) {
                    byCount[d].add(p);
                }
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        for (PhoneCountry pc : catalog.phoneCountries()) {
            if (enabled.test(pc.entity())) {
                byCallingCode.computeIfAbsent(pc.callingCode(), k -> new ArrayList<>()).add(pc);
                min = Math.min(min, pc.callingCode().length() + pc.minNsn());
                max = Math.max(max, pc.callingCode().length() + pc.maxNsn());
            }
        }
        this.signatures = new SignatureTable<>(bySignature);
        this.minCount = min;
        this.maxCount = max;
        this.ipv4 = ipv4;
        this.geo = geo;
        this.street = street;
    }

    /** The concrete signatures of a shape: each {@code ~} becomes a dash, a space or a dot. */
    private static List<String> expand(String shape) {
        List<String> out = new ArrayList<>(List.of(""));
        for (char c : shape.toCharArray()) {
            List<String> next = new ArrayList<>();
            for (String prefix : out) {
                if (c == '~') {
                    next.add(prefix + '-');
                    next.add(prefix + ' ');
                    next.add(prefix + '.');
                } else {
                    next.add(prefix + c);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * Examines the numeric run starting at {@code p} (a digit, {@code +} or {@code (}).
     *
     * @return the end of the run (or of the last finding), or -1 if there is no run
     */
    int scan(ScanState st, int p) {
        String s = st.text;
        int n = s.length();
        if (p > 0) {
            char prev = s.charAt(p - 1);
            if (TextScanner.wordChar(prev) || "#$€£¥".indexOf(prev) >= 0) {
                return skipRun(st.chars, p);
            }
            if ((prev == '-' || prev == '.' || prev == '/') && p > 1 && TextScanner.wordChar(s.charAt(p - 2))) {
                return skipRun(st.chars, p);
            }
        }
        int groups = parse(st, p);
        if (groups == 0) {
            return -1;
        }
        int runEnd = end(st, groups - 1);
        boolean plus = s.charAt(p) == '+';
        // a run glued to a following word loses its last segment (2024-01-05T10, 555-1234abc)
        int extension = -1;
        if (runEnd < n) {
            char c = s.charAt(runEnd);
            boolean glued = (TextScanner.wordChar(c) && !(extension(s, runEnd) > 0))
                    || ((c == '-' || c == '.' || c == '/' || c == ':') && runEnd + 1 < n && TextScanner.wordChar(s.charAt(runEnd + 1)));
            if (glued) {
                int g = groups - 1;
                while (g > 0 && st.sepBefore[g] != ' ') {
                    g--;
                }
                groups = g;
            } else if (TextScanner.wordChar(c)) {
                extension = extension(s, runEnd);
            }
        }
        if (groups == 0) {
            return runEnd;
        }
        if (builtins(st, p, groups, runEnd)) {
            return Math.max(runEnd, lastEnd(st));
        }
        windows(st, groups, plus, extension);
        return runEnd;
    }

    private static int lastEnd(ScanState st) {
        return st.findings.isEmpty() ? -1 : st.findings.get(st.findings.size() - 1).end();
    }

    /** Length of a phone extension such as {@code x1234} at {@code i}, or -1. */
    private static int extension(String s, int i) {
        int n = s.length();
        int j = i;
        if (j < n && (s.charAt(j) == 'x' || s.charAt(j) == 'X')) {
            j++;
        } else if (s.regionMatches(true, j, "ext", 0, 3)) {
            j += 3;
            if (j < n && s.charAt(j) == '.') {
                j++;
            }
        } else {
            return -1;
        }
        int d = j;
        while (d < n && d - j < 6 && s.charAt(d) >= '0' && s.charAt(d) <= '9') {
            d++;
        }
        if (d == j || (d < n && TextScanner.wordChar(s.charAt(d)))) {
            return -1;
        }
        return d;
    }

    private static int skipRun(char[] s, int p) {
        int n = s.length;
        int i = p;
        while (i < n && (TextScanner.wordChar(s[i]) || ((s[i] == '-' || s[i] == '.')
                && i + 1 < n && TextScanner.wordChar(s[i + 1])))) {
            i++;
        }
        return Math.max(i, p + 1);
    }

    /** Fills the group arrays; returns the number of groups. */
    private static int parse(ScanState st, int p) {
        char[] s = st.chars;
        int n = s.length;
        int i = p;
        if (s[i] == '+') {
            i++;
        }
        int g = 0;
        char sep = 0;
        while (g < ScanState.MAX_GROUPS && i < n) {
            boolean par = false;
            int gs = i;
            if (s[i] == '(') {
                par = true;
                gs = i + 1;
            }
            int ge = gs;
            while (ge < n && s[ge] >= '0' && s[ge] <= '9') {
                ge++;
            }
            if (ge == gs || (par && (ge >= n || s[ge] != ')'))) {
                break;
            }
            st.groupStart[g] = gs;
            st.groupEnd[g] = ge;
            st.paren[g] = par;
            st.sepBefore[g] = sep;
            g++;
            int k = par ? ge + 1 : ge;
            if (k >= n) {
                break;
            }
            char c = s[k];
            if ((par && c >= '0' && c <= '9') || (c == '(' && k + 1 < n && digit(s[k + 1]))) {
                // (0)20 7946 or 44(0)20: groups glued to a parenthesised group
                sep = 0;
                i = k;
            } else if ((c == '-' || c == '.' || c == '/' || c == ' ') && k + 1 < n
                    && (digit(s[k + 1]) || (c == ' ' && s[k + 1] == '(' && k + 2 < n && digit(s[k + 2])))) {
                sep = c;
                i = k + 1;
            } else {
                break;
            }
        }
        return g;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int end(ScanState st, int g) {
        return st.paren[g] ? st.groupEnd[g] + 1 : st.groupEnd[g];
    }

    private static int start(ScanState st, int g) {
        return st.paren[g] ? st.groupStart[g] - 1 : st.groupStart[g];
    }

    private boolean builtins(ScanState st, int p, int groups, int runEnd) {
        String s = st.text;
        if (birthDate != null && groups == 1 && runEnd - p <= 2 && BirthDates.scan(st, p, runEnd, birthDate)) {
            return true;
        }
        if (ipv4 != null && groups >= 4 && s.charAt(p) != '+') {
            boolean dots = true;
            for (int g = 1; g < 4 && dots; g++) {
                dots = st.sepBefore[g] == '.';
            }
            if (dots && (groups == 4 || st.sepBefore[4] != '.')) {
                if (ipv4(st, groups)) {
                    return true;
                }
            }
        }
        if (geo != null && groups == 2 && st.sepBefore[1] == '.' && st.groupEnd[1] - st.groupStart[1] >= 4
                && st.groupEnd[0] - st.groupStart[0] <= 2) {
            Matcher m = st.own(ScanState.GEO_SLOT, GEO_TAIL);
            m.region(runEnd, Math.min(s.length(), runEnd + 40));
            int lat = Integer.parseInt(s, st.groupStart[0], st.groupEnd[0], 10);
            if (m.lookingAt() && lat <= 90 && Integer.parseInt(m.group(2)) <= 180) {
                int from = p > 0 && s.charAt(p - 1) == '-' ? p - 1 : p;
                st.add(from, m.end(), geo);
                return true;
            }
        }
        if (street != null && groups == 1 && StreetAddresses.scan(st, p, runEnd, street)) {
            return true;
        }
        return false;
    }

    private boolean ipv4(ScanState st, int groups) {
        String s = st.text;
        for (int g = 0; g < 4; g++) {
            int len = st.groupEnd[g] - st.groupStart[g];
            if (len > 3 || Integer.parseInt(s, st.groupStart[g], st.groupEnd[g], 10) > 255) {
                return false;
            }
        }
        int from = st.groupStart[0];
        int to = st.groupEnd[3];
        String ip = s.substring(from, to);
        if (ip.equals("0.0.0.0") || ip.equals("127.0.0.1") || ip.equals("255.255.255.255")) {
            return false;
        }
        if (from >= 8 && s.regionMatches(true, from - 8, "version ", 0, 8)) {
            return false;
        }
        if (groups > 4 && st.sepBefore[4] == '/' && st.groupEnd[4] - st.groupStart[4] <= 2) {
            to = st.groupEnd[4];
        }
        st.add(from, to, ipv4);
        return true;
    }

    private void windows(ScanState st, int groups, boolean plus, int extension) {
        // segment boundaries: a new segment starts at group g when the separator before it is a space
        int[] segStart = st.segmentStart;
        int segs = 0;
        for (int g = 0; g < groups; g++) {
            if (g == 0 || st.sepBefore[g] == ' ') {
                segStart[segs++] = g;
            }
        }
        // a run of four-digit groups (3036 9244 8631 3384, the tail of DE15 4566 7247 6283 2130 64)
        // is one value: the numbers inside it are not candidates, only the whole run
        boolean grouped = !plus && segs >= 4;
        for (int k = 0; k < segs && grouped; k++) {
            int g = segStart[k];
            int last = k + 1 < segs ? segStart[k + 1] - 1 : groups - 1;
            int len = st.groupEnd[g] - st.groupStart[g];
            grouped = g == last && !st.paren[g] && (len == 4 || (k == segs - 1 && len < 4));
        }
        if (grouped) {
            int count = 0;
            for (int g = 0; g < groups; g++) {
                count += st.groupEnd[g] - st.groupStart[g];
            }
            if (count >= minCount && count <= maxCount
                    && !(startsInternational(st, 0) && international(st, 0, groups - 1, false, extension))) {
                patterns(st, 0, groups - 1, count, false, extension);
            }
            return;
        }
        int a = 0;
        while (a < segs) {
            boolean matched = false;
            for (int b = Math.min(segs - 1, a + 7); b >= a && !matched; b--) {
                int g0 = segStart[a];
                int g1 = b + 1 < segs ? segStart[b + 1] - 1 : groups - 1;
                int count = 0;
                for (int g = g0; g <= g1; g++) {
                    count += st.groupEnd[g] - st.groupStart[g];
                }
                if (count < minCount) {
                    break;
                }
                if (count > maxCount) {
                    continue;
                }
                boolean withPlus = plus && g0 == 0;
                int ext = g1 == groups - 1 ? extension : -1;
                matched = (withPlus || startsInternational(st, g0)) && international(st, g0, g1, withPlus, ext)
                        || patterns(st, g0, g1, count, withPlus, ext);
                if (matched) {
                    a = b + 1;
                }
            }
            if (!matched) {
                a++;
            }
        }
    }

    private static boolean startsInternational(ScanState st, int g0) {
        if (g0 != 0) {
            return false;
        }
        int len = st.groupEnd[g0] - st.groupStart[g0];
        return len >= 2 && len <= 5 && st.text.startsWith("00", st.groupStart[g0]) && !st.paren[g0];
    }

    private boolean international(ScanState st, int g0, int g1, boolean plus, int ext) {
        StringBuilder d = st.digits;
        d.setLength(0);
        for (int g = g0; g <= g1; g++) {
            // the national trunk prefix written as (0) after the country code is not dialled
            boolean trunk = st.paren[g] && g > g0 && st.groupEnd[g] - st.groupStart[g] == 1 && st.text.charAt(st.groupStart[g]) == '0';
            if (!trunk) {
                d.append(st.text, st.groupStart[g], st.groupEnd[g]);
            }
        }
        int skip = plus ? 0 : 2;
        for (int len = 1; len <= 3; len++) {
            if (d.length() < skip + len) {
                break;
            }
            List<PhoneCountry> list = byCallingCode.get(d.substring(skip, skip + len));
            if (list == null) {
                continue;
            }
            for (PhoneCountry pc : list) {
                if (pc.accepts(d, skip + len) && !(pc.callingCode().equals("1") && (d.charAt(skip + 1) < '2'))) {
                    int from = plus ? start(st, g0) - 1 : start(st, g0);
                    st.add(from, ext > 0 ? ext : end(st, g1), pc.entity());
                    return true;
                }
            }
        }
        return false;
    }

    private boolean patterns(ScanState st, int g0, int g1, int count, boolean plus, int ext) {
        List<DigitPattern> candidates = count < byCount.length ? byCount[count] : null;
        if (candidates == null) {
            return false;
        }
        StringBuilder sig = st.signature;
        sig.setLength(0);
        if (plus) {
            sig.append('+');
        }
        for (int g = g0; g <= g1; g++) {
            if (g > g0 && st.sepBefore[g] != 0) {
                sig.append(st.sepBefore[g]);
            }
            if (st.paren[g]) {
                sig.append('(');
            }
            sig.append(st.groupEnd[g] - st.groupStart[g]);
            if (st.paren[g]) {
                sig.append(')');
            }
        }
        String compact = null;
        int from = plus ? start(st, g0) - 1 : start(st, g0);
        DigitPattern best = null;
        List<Map.Entry<DigitPattern, Boolean>> matching = signatures.get(sig);
        if (matching == null) {
            return false;
        }
        for (Map.Entry<DigitPattern, Boolean> candidate : matching) {
            DigitPattern dp = candidate.getKey();
            boolean context = st.hasContext(from, dp.entity());
            if (candidate.getValue() && !context) {
                // this shape only counts with a context word: skip the validator
                continue;
            }
            if (compact == null) {
                compact = digits(st, g0, g1).toString();
                if (Checksum.sameDigits(compact)) {
                    // 0000 0000 0000, 111-11-1111: fill patterns, not identifiers
                    return false;
                }
            }
            boolean phone = dp.entity().category() == EntityCategory.PHONE;
            if ((phone && g0 != 0) || !dp.check().test(compact)) {
                // a national phone number starts its run; 3704 0044 0532 inside an IBAN does not
                continue;
            }
            // among valid candidates, one whose context word is present wins; else the first that
            // needs no context
            if (context) {
                best = dp;
                break;
            }
            if (!candidate.getValue() && best == null) {
                best = dp;
            }
        }
        if (best == null) {
            return false;
        }
        boolean phone = best.entity().category() == EntityCategory.PHONE;
        st.add(from, phone && ext > 0 ? ext : end(st, g1), best.entity());
        return true;
    }

    private static StringBuilder digits(ScanState st, int g0, int g1) {
        StringBuilder d = st.digits;
        d.setLength(0);
        for (int g = g0; g <= g1; g++) {
            d.append(st.text, st.groupStart[g], st.groupEnd[g]);
        }
        return d;
    }
}
