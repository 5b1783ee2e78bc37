package io.mcpgateway.masking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A profile compiled against the catalog: its scanner (only the enabled recognizers), its field
 * rules, and the text masking routine shared by every payload kind.
 */
final class ProfileMasker {
    private static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::start)
            .thenComparing(Comparator.comparingInt(Finding::priority).reversed())
            .thenComparing(Comparator.comparingInt(Finding::length).reversed());

    private final MaskingProfile profile;
    private final FieldRules rules;
    private final TextScanner scanner;
    private final Replacer replacer;
    private final EntityType serverSecret;

    ProfileMasker(MaskingProfile profile, Catalog catalog, Replacer replacer) {
        this.profile = profile;
        List<FieldRule> all = new ArrayList<>(profile.rules());
        if (profile.defaultRules()) {
            for (FieldRule r : catalog.defaultRules()) {
                if (profile.enabled(catalog.require(r.entity()))) {
                    all.add(r);
                }
            }
        }
        this.rules = new FieldRules(all, catalog);
        this.scanner = new TextScanner(catalog, profile::enabled, rules);
        this.replacer = replacer;
        this.serverSecret = catalog.require("SERVER_SECRET");
    }

    MaskingProfile profile() {
        return profile;
    }

    FieldRules rules() {
        return rules;
    }

    /**
     * Masks a text.
     *
     * @param text     the text
     * @param field    the key or column holding it (context and report), or null
     * @param scrubber held secrets, possibly empty
     * @param vault    session vault or null
     * @param tally    report counts
     * @return the masked text (the same instance when nothing was found)
     */
    String mask(String text, String field, SecretScrubber scrubber, SessionVault vault, MaskingReport.Tally tally) {
        if (text.isEmpty()) {
            return text;
        }
        ScanState scan = scanner.scan(text, field);
        List<Finding> findings = scan.findings;
        if (!scrubber.isEmpty()) {
            scrubber.scrub(text, serverSecret, findings);
        }
        if (findings.isEmpty()) {
            return text;
        }
        findings.sort(ORDER);
        StringBuilder out = new StringBuilder(1);
        if (scan.wide) {
            // a builder holding UTF-16 from the start: no second copy of the output when its first
            // character beyond Latin-1 arrives
            out.append('\u0100').setLength(0);
        }
        out.ensureCapacity(text.length() + 16 * findings.size());
        int last = 0;
        Finding current = null;
        for (Finding f : findings) {
            if (current == null) {
                current = f;
            } else if (f.start() < current.end()) {
                current = merge(current, f);
            } else {
                last = emit(text, current, field, out, last, vault, tally);
                current = f;
            }
        }
        last = emit(text, current, field, out, last, vault, tally);
        out.append(text, last, text.length());
        return out.toString();
    }

    /** Overlapping findings become one span covering both, typed by the stronger. */
    private static Finding merge(Finding a, Finding b) {
        if (a.start() == b.start() && a.end() == b.end() && a.priority() != b.priority()
                && Math.min(a.priority(), b.priority()) == Finding.DETECTED && Math.max(a.priority(), b.priority()) == Finding.FIELD
                && a.entity().category() == EntityCategory.SECRET && b.entity().category() == EntityCategory.SECRET) {
            // token=ghp_...: the key says "secret", the recognizer says which one; keep the field's name and strategy
            Finding field = a.priority() == Finding.FIELD ? a : b;
            Finding detected = field == a ? b : a;
            return new Finding(a.start(), a.end(), detected.entity(), Finding.FIELD, field.field(), field.strategy());
        }
        Finding winner = b.priority() > a.priority() || (b.priority() == a.priority() && b.length() > a.length()) ? b : a;
        return new Finding(a.start(), Math.max(a.end(), b.end()), winner.entity(), Math.max(a.priority(), b.priority()),
                winner.field(), winner.strategy());
    }

    private int emit(String text, Finding f, String field, StringBuilder out, int last, SessionVault vault,
                     MaskingReport.Tally tally) {
        MaskingStrategy strategy = f.strategy() != null ? f.strategy() : profile.strategy(f.entity());
        String value = text.substring(f.start(), f.end());
        String replacement = replace(value, f.entity(), strategy, vault);
        out.append(text, last, f.start()).append(replacement);
        if (!replacement.equals(value)) {
            tally.count(f.entity(), f.field() != null ? f.field() : field);
        }
        return f.end();
    }

    /** Replaces one whole value found by a field rule. */
    String replace(String value, EntityType type, MaskingStrategy strategy, SessionVault vault) {
        return replacer.replace(value, type, strategy, vault);
    }

    MaskingStrategy strategy(FieldRules.Compiled rule) {
        return rule.rule().strategy() != null ? rule.rule().strategy() : profile.strategy(rule.entity());
    }
}
