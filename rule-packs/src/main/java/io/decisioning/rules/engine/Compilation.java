package io.decisioning.rules.engine;

import java.util.List;
import java.util.Objects;

/**
 * The result of compiling a pack: the compiled pack, or every error found with its file and line.
 *
 * @param pack null when the pack has errors
 */
public record Compilation(PackSource source, CompiledPack pack, List<CompileError> errors) {

    public Compilation {
        Objects.requireNonNull(source, "source");
        errors = List.copyOf(errors);
        if ((pack == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a compilation has either a pack or errors");
        }
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** The compiled pack; throws when the pack has errors, listing them. */
    public CompiledPack orThrow() {
        if (pack == null) {
            throw new IllegalStateException("pack " + source.name() + " v" + source.version() + " has errors: " + errors);
        }
        return pack;
    }
}
