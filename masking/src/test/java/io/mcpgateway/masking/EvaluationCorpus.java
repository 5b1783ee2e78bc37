package io.mcpgateway.masking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A labelled evaluation corpus: synthetic values of every entity type (valid check digits) set in
 * realistic records (CSV with a header, JSON lines, log lines, sentences), next to hard negatives
 * that look like identifiers but are not (UUIDs, order numbers, timestamps, epochs, versions, git
 * SHAs, trace ids, 16-digit numbers failing Luhn, IBANs failing mod 97, placeholders, base64 that
 * is not a secret). Deterministic for a seed.
 */
final class EvaluationCorpus {
    /** Kinds of hard negatives. */
    static final List<String> NEGATIVE_KINDS = List.of("UUID", "ORDER_NUMBER", "TIMESTAMP", "EPOCH", "VERSION",
            "GIT_SHA", "TRACE_ID", "LUHN_FAIL_16", "IBAN_FAIL_MOD97", "PLACEHOLDER", "BASE64_DATA", "AMOUNT",
            "DURATION", "ISO_DATE", "HEX_COLOR", "PORT_HOST", "SEMVER_BUILD");

    private static final String[] FIRST = {"Maria", "John", "Aisha", "Wei", "Lukas", "Sofia", "Mohammed", "Emma", "Hiroshi",
        "Olga", "Carlos", "Fatima", "Liam", "Chloé", "Raj", "Ingrid", "Kwame", "Ana", "Jean-Luc", "Siobhan"};
    private static final String[] LAST = {"Garcia", "Smith", "Khan", "Zhang", "Müller", "Rossi", "Haddad", "Johnson",
        "Tanaka", "Ivanova", "Silva", "O'Brien", "Nguyen", "Dubois", "Patel", "Larsen", "Mensah", "Kowalski", "van Dijk", "Schmidt"};
    private static final String[] STREETS = {"Main", "Oak", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Sunset"};
    private static final String[] SUFFIXES = {"Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Lane", "Drive", "Court", "Way", "Place"};
    private static final String[] CITIES = {"Springfield", "Portland", "Austin", "Denver", "Boston", "Madison"};
    private static final String[] NAME_KEYS = {"name", "full_name", "customer_name", "first_name", "last_name", "contact_name",
        "patient_name", "cardholder_name"};
    private static final String[] ADDRESS_KEYS = {"address", "street_address", "shipping_address", "billing_address", "home_address", "address_line1"};
    private static final String[] DOB_KEYS = {"dob", "date_of_birth", "birth_date", "birthdate", "birthday"};
    private static final String[] PASSWORD_KEYS = {"password", "db_password", "PGPASSWORD", "admin_password", "passwd"};
    private static final String[] SECRET_KEYS = {"api_key", "client_secret", "auth_token", "access_token", "secret_key", "private_key"};

    /**
     * One labelled value.
     *
     * @param kind  entity id (positives) or negative kind
     * @param value the value as it appears in the text
     */
    record Label(String kind, String value) {
    }

    /**
     * One record of the corpus.
     *
     * @param text      the record as text
     * @param positives values that must be masked
     * @param negatives values that must be left alone
     */
    record Sample(String text, List<Label> positives, List<Label> negatives) {
    }

    private final Catalog catalog;
    private final ValueGenerator generator;
    private final List<EntityType> types = new ArrayList<>();
    private final Set<String> checksummed = new HashSet<>();

    EvaluationCorpus(Catalog catalog) {
        this.catalog = catalog;
        this.generator = new ValueGenerator(catalog);
        for (EntityType t : catalog.types()) {
            if (generator.canGenerate(t) || keyed(t.id())) {
                types.add(t);
            }
        }
        try (InputStream in = Catalog.class.getResourceAsStream("catalog.json")) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            for (JsonNode n : root.get("types")) {
                JsonNode spec = n.has("digits") ? n.get("digits") : n.get("token");
                if (spec != null && spec.has("check") && !n.get("category").asString().equals("phone")) {
                    checksummed.add(n.get("id").asString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entity types covered by the corpus. */
    List<EntityType> types() {
        return types;
    }

    /** Whether the type is backed by a check digit scheme. */
    boolean checksummed(String id) {
        return checksummed.contains(id);
    }

    static boolean keyed(String id) {
        return switch (id) {
            case "PERSON_NAME", "STREET_ADDRESS", "DATE_OF_BIRTH", "PASSWORD", "GENERIC_SECRET" -> true;
            default -> false;
        };
    }

    /**
     * Generates samples; every type appears in turn, so {@code n >= types().size()} covers them all.
     *
     * @param n    number of samples
     * @param seed random seed
     * @return the samples
     */
    List<Sample> generate(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            EntityType type = types.get(i % types.size());
            out.add(sample(type, r));
        }
        return out;
    }

    private Sample sample(EntityType type, SplittableRandom r) {
        String key;
        String value;
        boolean context;
        if (keyed(type.id())) {
            String[] keys = switch (type.id()) {
                case "PERSON_NAME" -> NAME_KEYS;
                case "STREET_ADDRESS" -> ADDRESS_KEYS;
                case "DATE_OF_BIRTH" -> DOB_KEYS;
                case "PASSWORD" -> PASSWORD_KEYS;
                default -> SECRET_KEYS;
            };
            key = keys[r.nextInt(keys.length)];
            value = keyedValue(type.id(), key, r);
            context = true;
        } else {
            value = generator.generate(type, r);
            context = type.contextRequired() || (!type.context().isEmpty() && r.nextInt(3) == 0);
            key = context ? type.context().get(r.nextInt(type.context().size())) : neutralKey(r);
        }
        String negKind = NEGATIVE_KINDS.get(r.nextInt(NEGATIVE_KINDS.size()));
        String negative = negative(negKind, r);
        String neg2Kind = NEGATIVE_KINDS.get(r.nextInt(NEGATIVE_KINDS.size()));
        String negative2 = negative(neg2Kind, r);
        String text = switch (r.nextInt(4)) {
            case 0 -> csv(key, value, negKind, negative, neg2Kind, negative2, r);
            case 1 -> json(key, value, negKind, negative, neg2Kind, negative2, r);
            case 2 -> log(key, value, negKind, negative, neg2Kind, negative2, context, r);
            default -> sentence(key, value, negative, negative2, context, type, r);
        };
        return new Sample(text, List.of(new Label(type.id(), value)),
                List.of(new Label(negKind, negative), new Label(neg2Kind, negative2)));
    }

    private static String neutralKey(SplittableRandom r) {
        String[] keys = {"value", "ref", "detail", "field_7", "note", "data"};
        return keys[r.nextInt(keys.length)];
    }

    private String keyedValue(String id, String key, SplittableRandom r) {
        return switch (id) {
            case "PERSON_NAME" -> key.equals("first_name") ? FIRST[r.nextInt(FIRST.length)]
                    : key.equals("last_name") ? LAST[r.nextInt(LAST.length)]
                    : FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
            case "STREET_ADDRESS" -> (1 + r.nextInt(9999)) + " " + STREETS[r.nextInt(STREETS.length)] + " "
                    + SUFFIXES[r.nextInt(SUFFIXES.length)] + (r.nextBoolean() ? "" : ", " + CITIES[r.nextInt(CITIES.length)]);
            case "DATE_OF_BIRTH" -> date(r);
            case "PASSWORD" -> ValueGenerator.fill("[A-Za-z]{6}[0-9]{2}[!#%*]", r);
            default -> ValueGenerator.fill("*{24}", r);
        };
    }

    private static String date(SplittableRandom r) {
        int y = 1940 + r.nextInt(65);
        int m = 1 + r.nextInt(12);
        int d = 1 + r.nextInt(28);
        return switch (r.nextInt(4)) {
            case 0 -> String.format(Locale.ROOT, "%04d-%02d-%02d", y, m, d);
            case 1 -> String.format(Locale.ROOT, "%02d/%02d/%04d", m, d, y);
            case 2 -> String.format(Locale.ROOT, "%02d.%02d.%04d", d, m, y);
            default -> String.format(Locale.ROOT, "%s %d, %d", List.of("January", "March", "July", "October").get(r.nextInt(4)), d, y);
        };
    }

    static String negative(String kind, SplittableRandom r) {
        return switch (kind) {
            case "UUID" -> ValueGenerator.fill("&{8}-&{4}-4&{3}-[89ab]&{3}-&{12}", r);
            case "ORDER_NUMBER" -> ValueGenerator.fill(List.of("ORD-20##-######", "INV-#####", "PO#######", "order-#{8}",
                    "SO-##-####-##").get(r.nextInt(5)), r);
            case "TIMESTAMP" -> ValueGenerator.fill(List.of("202[0-5]-0[1-9]-1#T1#:[0-5]#:[0-5]#.###Z",
                    "202[0-5]-0[1-9]-2# 0#:[0-5]#:[0-5]#", "202[0-5]-1[0-2]-0[1-9]T2[0-3]:[0-5]#:[0-5]#+02:00").get(r.nextInt(3)), r);
            case "EPOCH" -> ValueGenerator.fill(r.nextBoolean() ? "17########" : "17###########", r);
            case "VERSION" -> ValueGenerator.fill(List.of("v#.##.#", "#.#.##", "##.#.####.###", "#.##.#-beta.#").get(r.nextInt(4)), r);
            case "GIT_SHA" -> ValueGenerator.fill(r.nextBoolean() ? "&{40}" : "&{7}", r);
            case "TRACE_ID" -> ValueGenerator.fill(r.nextBoolean() ? "&{32}" : "&{16}", r);
            case "LUHN_FAIL_16" -> luhnFail(r);
            case "IBAN_FAIL_MOD97" -> ibanFail(r);
            case "PLACEHOLDER" -> List.of("XXX-XX-XXXX", "<your-api-key>", "${API_KEY}", "****-****-****-1234", "your_token_here",
                    "xxxxxxxx", "<redacted>", "{{ secrets.TOKEN }}", "0000-0000-0000-0000", "[EMAIL]").get(r.nextInt(10));
            case "BASE64_DATA" -> Base64.getEncoder().encodeToString(List.of("hello world, this is a test payload",
                    "{\"page\":2,\"size\":50}", "the quick brown fox jumps over", "metrics: cpu=12 mem=340").get(r.nextInt(4))
                    .getBytes(StandardCharsets.UTF_8));
            case "AMOUNT" -> ValueGenerator.fill(List.of("$#,###.##", "EUR ###.##", "##,###,###", "#.## USD").get(r.nextInt(4)), r);
            case "DURATION" -> ValueGenerator.fill(List.of("###ms", "#.###s", "took ##### us", "##m##s").get(r.nextInt(4)), r);
            case "ISO_DATE" -> ValueGenerator.fill("202[0-5]-0[1-9]-[12]#", r);
            case "HEX_COLOR" -> ValueGenerator.fill("#&{6}", r);
            case "PORT_HOST" -> ValueGenerator.fill("db-##.internal:5432", r);
            default -> ValueGenerator.fill("#.#.#+build.####", r);
        };
    }

    private static String luhnFail(SplittableRandom r) {
        while (true) {
            String v = ValueGenerator.fill("[45]###############", r);
            if (!Checksum.luhn(v)) {
                return v;
            }
        }
    }

    private static String ibanFail(SplittableRandom r) {
        while (true) {
            String v = ValueGenerator.fill("DE##########8#########", r);
            if (Checksum.mod97(v.substring(4) + v.substring(0, 4)) != 1) {
                return v;
            }
        }
    }

    private static String negKey(String kind) {
        return kind.toLowerCase(Locale.ROOT);
    }

    private String csv(String key, String value, String nk, String neg, String nk2, String neg2, SplittableRandom r) {
        String header = "id," + key.replace(' ', '_') + "," + negKey(nk) + "," + negKey(nk2);
        return header + "\n" + (1000 + r.nextInt(9000)) + "," + quoteCsv(value) + "," + quoteCsv(neg) + "," + quoteCsv(neg2) + "\n";
    }

    private static String quoteCsv(String v) {
        return v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private String json(String key, String value, String nk, String neg, String nk2, String neg2, SplittableRandom r) {
        return "{\"id\": " + r.nextInt(100000) + ", \"" + key.replace(' ', '_') + "\": \"" + jsonEscape(value) + "\", \""
                + negKey(nk) + "\": \"" + jsonEscape(neg) + "\", \"" + negKey(nk2) + "\": \"" + jsonEscape(neg2) + "\"}\n";
    }

    private static String jsonEscape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private String log(String key, String value, String nk, String neg, String nk2, String neg2, boolean context,
                       SplittableRandom r) {
        String level = List.of("INFO", "WARN", "DEBUG", "ERROR").get(r.nextInt(4));
        String v = value.indexOf(' ') >= 0 || value.indexOf('\n') >= 0 ? "\"" + jsonEscape(value) + "\"" : value;
        String field = context || keyed(key) ? key.replace(' ', '_') + "=" + v : "detail " + v;
        return "2025-03-14T09:26:53.589Z " + level + " [svc-" + r.nextInt(9) + "] " + field + " " + negKey(nk) + "=" + neg
                + " " + negKey(nk2) + "=" + neg2 + " status=200\n";
    }

    private String sentence(String key, String value, String neg, String neg2, boolean context, EntityType type,
                            SplittableRandom r) {
        String lead = keyed(type.id()) || context ? key.replace('_', ' ') + ": " : "Customer note: ";
        return lead + value + " (ticket " + neg + ", last change " + neg2 + ").\n";
    }
}
