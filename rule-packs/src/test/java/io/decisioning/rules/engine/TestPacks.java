package io.decisioning.rules.engine;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small packs written inside tests. */
final class TestPacks {

    private TestPacks() {
    }

    /** A pack of the given files (name, text, name, text, ...) with a pack.properties of that order. */
    static PackSource pack(String name, int order, String... namesAndTexts) {
        return pack(name, "order=" + order + "\n", namesAndTexts);
    }

    /** The same with hit policy FIRST: of the rules that hold, the one with the highest salience wins. */
    static PackSource firstPack(String name, int order, String... namesAndTexts) {
        return pack(name, "order=" + order + "\nhitPolicy=FIRST\n", namesAndTexts);
    }

    private static PackSource pack(String name, String properties, String... namesAndTexts) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("pack.properties", properties.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            files.put(namesAndTexts[i], namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new PackSource(name, 1, files);
    }
}
