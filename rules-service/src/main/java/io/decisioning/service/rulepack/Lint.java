package io.decisioning.service.rulepack;

import io.decisioning.rules.engine.LintFinding;
import io.decisioning.rules.engine.PackSource;
import io.decisioning.rules.engine.Sentence;
import io.decisioning.rules.engine.TableLint;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision-table checks of a version's files (rule-packs' {@link TableLint}: unreachable rows,
 * overlaps with conflicting outcomes, gaps, ambiguous blanks), kept with the version and shown with
 * its compile errors. The tables of a pair pack are checked by running its rules (every combination of the
 * pair's flags), so the checks run under the {@link RunawayGuard} like a draft's scenarios.
 */
final class Lint {

    private static final Logger log = LoggerFactory.getLogger(Lint.class);

    private Lint() {
    }

    static List<LintFinding> of(PackSource source, Duration limit) {
        try {
            return RunawayGuard.call("The table checks of version " + source.version() + " of " + source.name(), limit,
                    () -> TableLint.lint(source));
        } catch (RuntimeException e) {
            // the checks are advice: a bug in them must not stop an analyst from saving a draft
            log.error("Linting version {} of {} failed", source.version(), source.name(), e);
            return List.of(new LintFinding(source.name(), null, "-", null, "NOT_ANALYSED", "INFO",
                    new Sentence("The tables could not be checked: " + e.getMessage(), "无法检查这些表：" + e.getMessage())));
        }
    }
}
