package io.decisioning.service.system;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generates request bodies that no valid request looks like, each carrying hostile content: broken
 * JSON, wrong types, unknown fields, deep nesting, huge numbers, SQL and script fragments, full-width
 * and control characters, invalid UTF-8. Every body is invalid by construction (it is malformed, or
 * names a field no request has), so a service that handles it well answers 4xx and stores nothing.
 * Deterministic for a seed.
 */
final class HostileJson {

    /** Field names that requests do have, so hostile values reach real fields' converters too. */
    private static final List<String> KNOWN = List.of("customerNo", "applicant", "idType", "idNumber", "name", "birthDate",
            "phone", "productLine", "premium", "eventId", "type", "occurredAt", "reasonCode", "note", "expiresAt", "reason",
            "files", "comment", "baseVersion", "scenarios", "username", "password", "roles", "branchCode", "enabled");

    private static final List<String> FRAGMENTS = List.of("' OR 1=1 --", "\"; DROP TABLE customer; --", "1; SELECT SLEEP(10)",
            "</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>", "${jndi:ldap://x/a}", "#{7*7}", "../../etc/passwd",
            "ＡＢＣ１２３", "张三\u3000丰", "\u202Eevil", "\uFEFF", "\\u0000", "%00", "NaN", "-0", "Infinity", "null", "true",
            "\u0001\u0002\u001F", "C00000001'--", "RESIDENT_ID", "9".repeat(40), "𠜎𠜱𠝹");

    private static final List<String> NUMBERS = List.of("1e400", "-1e400", "99999999999999999999999999999999", "1E-400",
            "0.0000000000000000000000000001", "-9223372036854775809", "18446744073709551616", "1.7976931348623157E309");

    private final Random random;

    HostileJson(long seed) {
        this.random = new Random(seed);
    }

    /** A body, as bytes, with a short description of what kind it is (for failure messages). */
    record Body(String kind, byte[] bytes) {
        @Override
        public String toString() {
            String text = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.UTF_8);
            return kind + " (" + bytes.length + " bytes): " + text;
        }
    }

    Body next() {
        return switch (random.nextInt(10)) {
            case 0 -> body("truncated", truncate(object(true)));
            case 1 -> body("wrong brackets", object(true).replaceFirst("}$", "]"));
            case 2 -> body("trailing garbage", object(true) + pick(List.of(" }", "{}", " xyz", ",", "\u0000")));
            case 3 -> body("wrong top-level type", pick(List.of("[]", "[{}]", "\"" + fragment() + "\"", "42", "1e400", "true", "\"\"")));
            case 4 -> body("deep nesting", nested(2000 + random.nextInt(9000)));
            case 5 -> body("raw control character", "{\"" + pick(KNOWN) + "\": \"a\u0001b\u0007\", \"zz" + random.nextInt(1000) + "\": 1}");
            case 6 -> new Body("invalid UTF-8", invalidUtf8());
            case 7 -> body("huge number", "{\"" + pick(KNOWN) + "\": " + pick(NUMBERS) + ", \"x_unknown\": " + pick(NUMBERS) + "}");
            case 8 -> body("unknown field with hostile values", object(true));
            default -> body("wrong types", wrongTypes());
        };
    }

    /** A body over the service's size limit: 6 MB of one string field. */
    Body oversized() {
        return body("oversized", "{\"comment\": \"" + "x".repeat(6 * 1024 * 1024) + "\"}");
    }

    /** A JSON object of known and hostile fields with hostile values; with unknown=true it names a field no request has. */
    private String object(boolean unknown) {
        StringBuilder json = new StringBuilder("{");
        int fields = 1 + random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            json.append(quote(pick(KNOWN))).append(": ").append(value(2)).append(", ");
        }
        json.append(quote(unknown ? "zz_" + fragment() : pick(KNOWN))).append(": ").append(value(2));
        return json.append("}").toString();
    }

    private String wrongTypes() {
        String field = pick(KNOWN);
        String wrong = pick(List.of("[1, 2, 3]", "{\"a\": {\"b\": []}}", "true", "12345678901234567890", "[\"" + fragment() + "\"]"));
        return "{" + quote(field) + ": " + wrong + ", \"unknownField\": " + value(1) + "}";
    }

    private String value(int depth) {
        int kind = random.nextInt(depth > 0 ? 6 : 4);
        return switch (kind) {
            case 0 -> quote(fragment());
            case 1 -> pick(NUMBERS);
            case 2 -> pick(List.of("true", "false", "null", "0", "-1"));
            case 3 -> quote(fragment().repeat(1 + random.nextInt(50)));
            case 4 -> "[" + value(depth - 1) + ", " + value(depth - 1) + "]";
            default -> "{" + quote(fragment()) + ": " + value(depth - 1) + "}";
        };
    }

    private String nested(int depth) {
        boolean arrays = random.nextBoolean();
        StringBuilder json = new StringBuilder(depth * 8);
        for (int i = 0; i < depth; i++) {
            json.append(arrays ? "[" : "{\"a\":");
        }
        json.append("1");
        for (int i = 0; i < depth; i++) {
            json.append(arrays ? "]" : "}");
        }
        return arrays ? "{\"files\": " + json + "}" : json.toString();
    }

    private byte[] invalidUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] start = ("{\"" + pick(KNOWN) + "\": \"").getBytes(StandardCharsets.UTF_8);
        out.write(start, 0, start.length);
        byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF, (byte) 0xFE},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};
        byte[] chosen = bad[random.nextInt(bad.length)];
        out.write(chosen, 0, chosen.length);
        byte[] end = "\", \"zz_unknown\": 1}".getBytes(StandardCharsets.UTF_8);
        out.write(end, 0, end.length);
        return out.toByteArray();
    }

    private String truncate(String json) {
        return json.substring(0, 1 + random.nextInt(Math.max(1, json.length() - 2)));
    }

    private String fragment() {
        return pick(FRAGMENTS);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static Body body(String kind, String json) {
        return new Body(kind, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The text as a JSON string, escaping what JSON requires (the hostile characters stay as they are). */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
