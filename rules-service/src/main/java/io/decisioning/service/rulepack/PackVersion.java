package io.decisioning.service.rulepack;

import io.decisioning.rules.engine.CompileError;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One version of a rule pack as stored: its state and what is known about it (compile errors, lint
 * findings, the last test run). The files are read separately.
 */
public record PackVersion(String pack, int version, VersionStatus status, String author, Instant createdAt,
                          @Nullable String comment, boolean valid, List<CompileError> errors,
                          @Nullable String lint, @Nullable Integer testPassed, @Nullable Integer testFailed,
                          @Nullable Instant testedAt, @Nullable String publishedBy, @Nullable Instant publishedAt,
                          @Nullable Long publicationSeq) {

    public PackVersion {
        errors = List.copyOf(errors);
    }
}
