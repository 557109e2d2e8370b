package io.decisioning.rules.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The Chinese words of the sentences the engine writes ({@code words_zh.properties}): the names of the customer's
 * figures ("近3年赔付率") and of the codes rules give ("优质客户"), so that a reason reads "近3年赔付率 1.1 >= 0.8".
 */
final class Chinese {

    private static final Map<String, String> WORDS = load();

    private Chinese() {
    }

    private static Map<String, String> load() {
        Properties words = new Properties();
        try (InputStream in = Chinese.class.getResourceAsStream("words_zh.properties")) {
            if (in == null) {
                throw new IllegalStateException("words_zh.properties is missing from the engine's jar");
            }
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words.stringPropertyNames().stream().collect(Collectors.toUnmodifiableMap(k -> k, words::getProperty));
    }

    /** A digest of the words (their keys and texts), which changes when any of them does. */
    static int digest() {
        return WORDS.hashCode();
    }

    /** The word for a code of a kind ("grade", "HIGH_QUALITY" -> "优质客户"); the code itself when there is none. */
    static String label(String kind, String code) {
        return WORDS.getOrDefault(kind + "." + code, code);
    }

    /** The Chinese name of a customer's figure ("lossRatio3y" -> "近3年赔付率"); the field's name when there is none. */
    static String feature(String field) {
        return WORDS.getOrDefault("feature." + field, field);
    }

    /** The name of a field of an outcome ("grade" -> "等级"); the field's name when there is none. */
    static String field(String field) {
        return WORDS.getOrDefault("field." + field, field);
    }
}
