package io.decisioning.service.engine;

import io.decisioning.rules.engine.CompiledPack;
import io.decisioning.rules.engine.PackCompiler;
import io.decisioning.rules.engine.PackSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Packs of the test resources' {@code test-packs} folder, laid out like shipped packs, compiled. */
public final class TestPacks {

    private static final PackCompiler COMPILER = new PackCompiler();

    private TestPacks() {
    }

    /** The pack of {@code test-packs/<name>}, as its pack.properties lists its files, compiled as version 1. */
    public static CompiledPack compiled(String name) {
        return COMPILER.compile(source(name)).orThrow();
    }

    public static PackSource source(String name) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] descriptor = resource("test-packs/" + name + "/pack.properties");
        files.put("pack.properties", descriptor);
        Properties properties = new Properties();
        try {
            properties.load(new ByteArrayInputStream(descriptor));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String file : properties.getProperty("files").split(",")) {
            files.put(file.strip(), resource("test-packs/" + name + "/" + file.strip()));
        }
        return new PackSource(name, 1, files);
    }

    private static byte[] resource(String path) {
        try (InputStream in = TestPacks.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
