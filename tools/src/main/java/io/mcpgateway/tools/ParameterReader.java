package io.mcpgateway.tools;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one parameter declaration of a runbook tool, reporting every mistake at its position:
 * unknown keys, constraints that do not fit the type, a regular expression that does not compile
 * or can backtrack catastrophically, a default the parameter itself would refuse.
 */
final class ParameterReader {

    static final Set<String> KEYS = Set.of("type", "description", "required", "default", "pattern", "min-length",
            "max-length", "enum", "format", "minimum", "maximum", "items", "min-items", "max-items", "identity",
            "identifiers");

    private final NodeReader read;

    ParameterReader(NodeReader read) {
        this.read = read;
    }

    /**
     * Reads a declaration.
     *
     * @param key  the parameter's name as written
     * @param node its declaration
     * @return the parameter, or empty when it has problems (reported)
     */
    Optional<Parameter> read(YamlNode.Scalar key, YamlNode node) {
        String name = key.text();
        String what = "parameter '" + name + "'";
        Optional<YamlNode.Mapping> found = read.mapping(node, what);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        YamlNode.Mapping m = found.get();
        int before = read.problems().size();
        read.checkKeys(m, KEYS, what);

        Optional<IdentitySource> identity = read.text(m, "identity").flatMap(v -> parse(m, "identity",
                () -> IdentitySource.parse(v)));
        Optional<ParameterType> type = m.has("type")
                ? read.text(m, "type").flatMap(v -> parse(m, "type", () -> ParameterType.parse(v)))
                : identity.map(i -> i == IdentitySource.GROUPS ? ParameterType.ARRAY : ParameterType.STRING);
        if (type.isEmpty()) {
            if (!m.has("type") && identity.isEmpty()) {
                read.problems().add(m, what + " needs a 'type'", "one of " + ParameterType.names());
            }
            return Optional.empty();
        }
        Parameter.Builder b = Parameter.builder(name, type.get());
        identity.ifPresent(b::identity);
        if (identity.orElse(null) == IdentitySource.GROUPS && !m.has("items")) {
            b.itemType(ParameterType.STRING);
        }
        read.text(m, "items").flatMap(v -> parse(m, "items", () -> ParameterType.parse(v))).ifPresent(b::itemType);
        read.text(m, "description").ifPresent(b::description);
        read.bool(m, "required").ifPresent(b::required);
        m.get("default").flatMap(n -> read.plain(n, "default")).ifPresent(b::defaultValue);
        m.get("pattern").ifPresent(n -> read.text(n, "pattern").ifPresent(p -> pattern(n, p, b)));
        read.integer(m, "min-length").ifPresent(b::minLength);
        read.integer(m, "max-length").ifPresent(b::maxLength);
        read.texts(m, "enum").ifPresent(b::allowed);
        read.text(m, "format").ifPresent(f -> {
            if (ParameterFormat.isKnown(f)) {
                b.format(f);
            } else {
                read.problems().add(m.get("format").orElseThrow(), "unknown format '" + f + "'",
                        Problems.suggest(f, ParameterFormat.names()));
            }
        });
        boolean integral = (type.get() == ParameterType.INTEGER || type.get() == ParameterType.ARRAY
                && m.has("items") && m.get("items").orElseThrow() instanceof YamlNode.Scalar s && s.text().equals("integer"));
        read.decimal(m, "minimum").ifPresent(v -> b.minimum(whole(m, "minimum", v, integral)));
        read.decimal(m, "maximum").ifPresent(v -> b.maximum(whole(m, "maximum", v, integral)));
        read.integer(m, "min-items").ifPresent(b::minItems);
        read.integer(m, "max-items").ifPresent(b::maxItems);
        read.textMap(m, "identifiers").ifPresent(b::identifiers);
        if (read.problems().size() > before) {
            return Optional.empty();
        }
        Parameter p;
        try {
            p = b.build();
        } catch (IllegalArgumentException e) {
            read.problems().add(key, what + ": " + e.getMessage(), "");
            return Optional.empty();
        }
        if (p.defaultValue() != null) {
            String problem = ArgumentValidator.check(p, p.defaultValue());
            if (problem != null) {
                read.problems().add(m.get("default").orElseThrow(), what + ": the default " + problem,
                        "a default must pass the parameter's own checks");
                return Optional.empty();
            }
        }
        if (!p.identifiers().isEmpty() && !p.required() && p.defaultValue() == null) {
            read.problems().add(key, what + ": an identifier parameter must be required or have a default",
                    "add 'default: " + p.allowed().get(0) + "'");
            return Optional.empty();
        }
        return Optional.of(p);
    }

    private void pattern(YamlNode at, String regex, Parameter.Builder b) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            YamlNode.Position pos = at instanceof YamlNode.Scalar s && e.getIndex() >= 0
                    ? s.positionOf(Math.min(e.getIndex(), s.text().length() - 1)) : at.position();
            read.problems().add(pos, "pattern is not a valid regular expression: " + e.getDescription(),
                    "in double quotes write a backslash as \\\\; single quotes keep it as written");
            return;
        }
        String danger = BacktrackingCheck.check(regex);
        if (danger != null) {
            read.problems().add(at, "pattern can backtrack catastrophically: " + danger,
                    "make the inner repetition possessive (a++ instead of a+) or wrap it in an atomic group (?>...)");
            return;
        }
        b.pattern(regex);
    }

    private BigDecimal whole(YamlNode.Mapping m, String key, BigDecimal v, boolean integral) {
        if (integral && v.stripTrailingZeros().scale() > 0) {
            read.problems().add(m.get(key).orElseThrow(), "'" + key + "' of an integer must be a whole number, not "
                    + v.toPlainString(), "");
        }
        return v;
    }

    private <T> Optional<T> parse(YamlNode.Mapping m, String key, java.util.function.Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (IllegalArgumentException e) {
            YamlNode at = m.get(key).orElseThrow();
            String written = at instanceof YamlNode.Scalar s ? s.text() : "";
            List<String> accepted = switch (key) {
                case "identity" -> List.of("subject", "email", "groups");
                default -> List.of(ParameterType.names().split(", "));
            };
            read.problems().add(at, "unknown " + (key.equals("items") ? "item type" : key.equals("type")
                    ? "parameter type" : "identity source") + " '" + written + "'", Problems.suggest(written, accepted));
            return Optional.empty();
        }
    }

    /**
     * Constraints the loader adds to a parameter because of where the template uses it.
     *
     * @param p        parameter
     * @param excluded values to refuse
     * @return the parameter with those values refused and an empty value refused
     */
    static Parameter refusing(Parameter p, List<String> excluded) {
        Map<String, String> ids = p.identifiers();
        return new Parameter(p.name(), p.type(), p.itemType(), p.required(), p.defaultValue(), p.description(),
                p.pattern(), p.minLength() == null || p.minLength() < 1 ? Integer.valueOf(1) : p.minLength(),
                p.maxLength(), p.allowed(), p.format(), p.minimum(), p.maximum(), p.minItems(), p.maxItems(),
                p.identity(), ids, excluded);
    }
}
