package io.decisioning.service.assessment;

/**
 * One group of facts about customers: the extension point of the evaluation. Each source reads its
 * facts set-based, for all the customers an evaluation takes at once (a nightly chunk of a thousand, a
 * batch of events, the one customer of a pre-bind check), as of the evaluation date, and adds them to
 * {@link Facts}; the rule packs then see them. Sources are Spring beans; the pipeline calls them all,
 * in their {@link org.springframework.core.annotation.Order} (lower first), so a source may read what
 * an earlier one added (the book figures need the annual premium).
 *
 * <p>A source reads, it does not write: the same reads serve a stored evaluation, a simulation and
 * (with another date) a back-test. A source has no facts for an applicant who is not a customer
 * unless it reads what the applicant stated (the blacklist does).
 */
public interface FactSource {

    /** Adds this source's facts about the subjects, as of {@link Subjects#asOf()}. */
    void read(Subjects subjects, Facts facts);
}
