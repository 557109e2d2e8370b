package io.decisioning.rules.engine;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The files of one version of one rule pack: DRL files, decision tables ({@code .drl.xlsx},
 * {@code .drl.xls}, {@code .drl.csv}), scenario files and the pack descriptor, by file name.
 */
public record PackSource(String name, int version, Map<String, byte[]> files) {
    public PackSource {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("pack name must be lower-case letters, digits and '-': " + name);
        }
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1");
        }
        files = Map.copyOf(new TreeMap<>(files));
    }
}
