package io.mcpgateway.masking;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Street addresses, recognised at the house number of a numeric run: number first with an English
 * street type after the name (42 Oak Street), number first with a Romance street word before it
 * (96 rue du Bac), or the street's name first (Bahnhofstraße 90); with the city and postcode that
 * may follow. Each expression runs only after a cheap check of the words around the number.
 */
final class StreetAddresses {
    // the street words of Romance languages written before the name (96 rue du Bac, 12 calle de
    // Alcalá, 5 via Roma), and the endings of street names written before their number
    // (Bahnhofstraße 90, Keizersgracht 123): the expressions below are built from these lists
    private static final String[] ROMANCE_STREET_WORDS = {"rue", "boulevard", "bd", "avenue", "av", "allée", "allee",
        "place", "chemin", "impasse", "quai", "cours", "route", "calle", "avenida", "paseo", "plaza", "carrer", "via",
        "viale", "piazza", "corso", "rua", "travessa", "largo"};
    private static final String[] NAME_FIRST_SUFFIXES = {"straße", "strasse", "str.", "weg", "allee", "platz", "gasse",
        "ring", "damm", "ufer", "chaussee", "steig", "straat", "laan", "plein", "gracht", "kade", "gatan", "vägen", "vej",
        "gade", "gata"};
    private static final Pattern STREET = Pattern.compile(
            "\\d{1,6}[A-Za-z]?(?:-\\d{1,4})?[ \\t]+(?:[NSEW]\\.?[ \\t]+)?(?:[A-Z][A-Za-z'.-]*[ \\t]+){1,4}"
            + "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|"
            + "Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq|Trail|Trl|Alley|Crescent|Cres|Close|Grove|Gardens|"
            + "Row|Mews|Walk|Plaza|Point|Pike|Loop|Run|Path|Crossing|Heights|Hills|Ridge|Park|Expressway|Route|"
            + "Freeway|Turnpike|Causeway|Village|Valley|View|Station|Stravenue|Track|Harbor|Harbors|Ports|Port|"
            + "Mission|Manor|Mill|Mills|Springs|Summit|Tunnel|Union|Views|Ville|Vista|Wall|Wells|Branch|Bypass|"
            + "Camp|Cape|Center|Centre|Club|Common|Corner|Corners|Course|Cove|Creek|Dale|Dam|Divide|Estate|Estates|"
            + "Extension|Falls|Ferry|Field|Fields|Flat|Flats|Ford|Forest|Forge|Fork|Forks|Fort|Glen|Green|Haven|"
            + "Hollow|Inlet|Island|Islands|Isle|Junction|Key|Keys|Knoll|Knolls|Lake|Lakes|Landing|Light|Lights|"
            + "Lock|Locks|Lodge|Meadow|Meadows|Motorway|Mount|Mountain|Neck|Orchard|Oval|Pass|Pine|Pines|Plain|"
            + "Plains|Prairie|Radial|Ranch|Rapid|Rapids|Rest|River|Shoal|Shoals|Shore|Shores|Skyway|Spring|Spur|"
            + "Stream|Throughway|Trafficway|Underpass|Viaduct)\\b\\.?"
            + "(?:,?[ \\t]+(?:(?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Bldg)\\b\\.?|#)[ \\t]*#?[A-Za-z0-9-]+)?"
            // the city and postcode that may follow: US (, Springfield, IL 62704), UK (, London NW1 6XE),
            // postcode first (, 10115 Berlin)
            + "(?:,[ \\t]*[A-Z][A-Za-z.' -]{1,30},[ \\t]*[A-Z]{2}[ \\t]+\\d{5}(?:-\\d{4})?"
            + "|,[ \\t]*[A-Z][A-Za-z.'-]{1,30}(?:[ \\t][A-Z][A-Za-z.'-]{1,30})?,?[ \\t]+[A-Z]{1,2}\\d[A-Z\\d]?[ \\t]?\\d[A-Z]{2}\\b"
            + "|,[ \\t]*\\d{4,5}[ \\t]+\\p{Lu}[\\p{L}'-]{1,30})?");
    // number first, a street word of a Romance language before the name: 96 rue du Bac, 69003 Lyon;
    // 12 calle de Alcalá; 5 via Roma
    private static final Pattern STREET_ROMANCE = Pattern.compile(
            "(?iu)\\d{1,4}(?:[ \\t]?(?:bis|ter))?[ \\t]+(?:" + String.join("|", ROMANCE_STREET_WORDS) + ")\\b\\.?"
            + "(?-i)(?:[ \\t]+(?:de|du|des|la|le|les|del|dos|da|di|della|l'|d'))*[ \\t]*\\p{Lu}[\\p{L}'.-]*"
            + "(?:[ \\t]+(?:(?:de|du|des|la|le|del|da|di)[ \\t]+)?\\p{Lu}[\\p{L}'.-]*){0,3}"
            + "(?:,[ \\t]*\\d{4,5}[ \\t]+\\p{Lu}[\\p{L}'-]+(?:[ \\t]\\p{Lu}[\\p{L}'-]+)?)?");
    // the street's name first, its number after: Bahnhofstraße 90, 65909 München; Lindenallee 39;
    // Keizersgracht 123, 1015 Amsterdam
    private static final Pattern STREET_NAME_FIRST = Pattern.compile(
            "\\p{Lu}[\\p{L}-]*(?:" + String.join("|", NAME_FIRST_SUFFIXES).replace(".", "\\.") + ")[ \\t]+\\d{1,4}[a-zA-Z]?\\b"
            + "(?:,[ \\t]*\\d{4,5}[ \\t]+\\p{Lu}[\\p{L}'-]+(?:[ \\t]\\p{Lu}[\\p{L}'-]+)?)?");

    private StreetAddresses() {
    }

    /**
     * A street address starting at the number {@code [p, runEnd)} (42 Oak Street, 96 rue du Bac) or
     * ending with it (Bahnhofstraße 90), with the city and postcode that follow.
     *
     * @return whether one was added to the scan
     */
    static boolean scan(ScanState st, int p, int runEnd, EntityType street) {
        String s = st.text;
        if (runEnd + 1 < s.length() && (s.charAt(runEnd) == ' ' || Character.isUpperCase(s.charAt(runEnd)))) {
            if (found(st, ScanState.STREET_SLOT, STREET, p, p + 160, p, street)
                    || romanceStreetWord(s, runEnd) && found(st, ScanState.ROMANCE_STREET_SLOT, STREET_ROMANCE, p, p + 160, p, street)) {
                return true;
            }
        }
        if (p > 3 && s.charAt(p - 1) == ' ') {
            int ws = nameFirstStreet(s, p - 1);
            return ws >= 0 && found(st, ScanState.NAME_FIRST_STREET_SLOT, STREET_NAME_FIRST, ws, p + 80, p + 1, street);
        }
        return false;
    }

    /** Runs an expression anchored at {@code from}; a match reaching {@code minEnd} is added. */
    private static boolean found(ScanState st, int slot, Pattern pattern, int from, int to, int minEnd, EntityType street) {
        Matcher m = st.own(slot, pattern);
        m.region(from, Math.min(st.text.length(), to));
        if (!m.lookingAt() || m.end() < minEnd) {
            return false;
        }
        st.add(from, m.end(), street);
        return true;
    }

    /** The start of the capitalised word ending at {@code end} when it ends like a street name (Bahnhofstraße), or -1. */
    private static int nameFirstStreet(String s, int end) {
        int ws = end;
        while (ws > 0 && end - ws < 48 && (Character.isLetter(s.charAt(ws - 1)) || s.charAt(ws - 1) == '-'
                || (s.charAt(ws - 1) == '.' && ws == end))) {
            ws--;
        }
        if (end - ws < 4 || !Character.isUpperCase(s.charAt(ws)) || (ws > 0 && Character.isLetterOrDigit(s.charAt(ws - 1)))) {
            return -1;
        }
        for (String suffix : NAME_FIRST_SUFFIXES) {
            int from = end - suffix.length();
            if (from > ws && s.regionMatches(true, from, suffix, 0, suffix.length())) {
                return ws;
            }
        }
        return -1;
    }

    private static final String[][] ROMANCE_BY_FIRST = new String[128][];

    static {
        for (String w : ROMANCE_STREET_WORDS) {
            char c = w.charAt(0);
            ROMANCE_BY_FIRST[c] = TextScanner.append(ROMANCE_BY_FIRST[c], w, String[]::new);
        }
        // "bis" and "ter" may stand between the number and the street word (12 bis rue ...)
        ROMANCE_BY_FIRST['b'] = TextScanner.append(ROMANCE_BY_FIRST['b'], "bis", String[]::new);
        ROMANCE_BY_FIRST['t'] = TextScanner.append(ROMANCE_BY_FIRST['t'], "ter", String[]::new);
    }

    /**
     * Whether the word after the number ending at i is a Romance street word (rue, via, calle ...,
     * or the bis / ter before it): checked before the expression runs.
     */
    private static boolean romanceStreetWord(String s, int i) {
        int j = i;
        while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            j++;
        }
        char first = j < s.length() ? (char) (s.charAt(j) | 32) : 0;
        if (j == i || first >= 128 || ROMANCE_BY_FIRST[first] == null) {
            return false;
        }
        for (String w : ROMANCE_BY_FIRST[first]) {
            int e = j + w.length();
            if (s.regionMatches(true, j, w, 0, w.length()) && (e == s.length() || !Character.isLetter(s.charAt(e)))) {
                return true;
            }
        }
        return false;
    }
}
