package io.decisioning.rules.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The default packs this module ships, version 1 of each, read from the classpath:
 * {@code packs/index.properties} names the packs, and each {@code packs/<name>/pack.properties}
 * lists its files (folders cannot be listed reliably inside a jar).
 */
public final class ShippedPacks {

    private static final String ROOT = "packs/";

    private ShippedPacks() {
    }

    public static List<PackSource> load() {
        Properties index = properties(ROOT + "index.properties");
        List<PackSource> packs = new ArrayList<>();
        for (String name : Arrays.stream(index.getProperty("packs", "").split(",")).map(String::trim)
                .filter(n -> !n.isEmpty()).toList()) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            byte[] descriptor = read(ROOT + name + "/" + PackDescriptor.FILE);
            files.put(PackDescriptor.FILE, descriptor);
            for (String file : PackDescriptor.parse(descriptor).files()) {
                files.put(file, read(ROOT + name + "/" + file));
            }
            packs.add(new PackSource(name, 1, files));
        }
        return packs;
    }

    /** Compiles the shipped packs into a rule set; throws listing the errors if one does not compile. */
    public static RuleSet ruleSet(PackCompiler compiler) {
        return RuleSet.of(load().stream().map(pack -> compiler.compile(pack).orThrow()).toList());
    }

    private static Properties properties(String resource) {
        Properties properties = new Properties();
        try (InputStream in = new ByteArrayInputStream(read(resource))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static byte[] read(String resource) {
        try (InputStream in = ShippedPacks.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("shipped pack file missing from the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
