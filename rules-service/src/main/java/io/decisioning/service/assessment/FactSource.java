package io.decisioning.service.assessment;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One group of facts about customers: the extension point of the evaluation. Each source reads its
 * facts set-based, for all the customers an evaluation takes at once (a nightly chunk of a thousand, a
 * batch of events, the one customer of a pre-bind check), as of the evaluation date, and adds them to
 * {@link Facts}; the rule packs then see them. Sources are Spring beans; the pipeline calls them all,
 * in their {@link org.springframework.core.annotation.Order} (lower first), so a source may read what
 * an earlier one added.
 *
 * <p>A source has two ways to read, and may use both: facts that come one row per customer are read
 * with the customers themselves ({@link #customerColumns}: a join and columns, no statement of their
 * own, which keeps a pre-bind check to a few statements); anything else with set-based statements of
 * its own ({@link #read}). A source reads, it never writes: the same reads serve a stored evaluation, a
 * simulation and (with another date) a back-test. It has no facts for an applicant who is not a
 * customer unless it reads what the applicant stated (the blacklist does).
 */
public interface FactSource {

    /** The join and columns this source reads with the customers, as of {@code asOf}; null when it has none. */
    default @Nullable CustomerColumns customerColumns(LocalDate asOf) {
        return null;
    }

    /** Adds this source's facts about the subjects, as of {@link Subjects#asOf()}, with statements of its own. */
    default void read(Subjects subjects, Facts facts) {
    }
}
