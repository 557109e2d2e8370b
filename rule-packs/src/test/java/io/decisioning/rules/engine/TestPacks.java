package io.decisioning.rules.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    /**
     * A pack in a folder of the test class path laid out like a shipped pack ({@code pack.properties}
     * listing its files), such as {@code test-packs/service}; version 1.
     */
    static PackSource fromClasspath(String folder) {
        String name = folder.substring(folder.lastIndexOf('/') + 1);
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] descriptor = read(folder + "/" + PackDescriptor.FILE);
        files.put(PackDescriptor.FILE, descriptor);
        for (String file : PackDescriptor.parse(descriptor).files()) {
            files.put(file, read(folder + "/" + file));
        }
        return new PackSource(name, 1, files);
    }

    private static byte[] read(String resource) {
        try (InputStream in = TestPacks.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PackSource pack(String name, String properties, String... namesAndTexts) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("pack.properties", properties.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            files.put(namesAndTexts[i], namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new PackSource(name, 1, files);
    }
}
