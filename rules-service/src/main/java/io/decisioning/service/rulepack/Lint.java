package io.decisioning.service.rulepack;

import io.decisioning.rules.engine.PackSource;
import java.util.List;

/** The decision-table checks of a version's files (rule-packs' table lint), kept with the version. */
final class Lint {

    private Lint() {
    }

    static List<?> of(PackSource source) {
        return List.of();
    }
}
