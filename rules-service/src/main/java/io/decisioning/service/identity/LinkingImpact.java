package io.decisioning.service.identity;

import io.decisioning.rules.LinkOutcome;
import java.util.List;
import java.util.Objects;

/**
 * What a version of the {@code identity} pack would change if it were live (DESIGN.md section 10): the book
 * resolved into parties twice, with the live version and with the draft, from the same records and the same
 * people's decisions, compared. "Now" is the live version on the book as it is now (what the next resolution
 * would give); nothing is written.
 *
 * @param records              records compared: those sharing an identity key, a phone, or a name with a birth
 *                             date with another (keys shared by too many records pair nobody), members of parties
 *                             of several, and records a person decided about; every other record is a party of
 *                             its own under any version
 * @param pairs                their pairs, each decided by both versions
 * @param changedPairs         pairs whose outcome differs
 * @param outcomes             for AUTO_LINK, REVIEW and NO_LINK: pairs and records (in at least one such pair),
 *                             now and with the draft
 * @param partiesNow           parties the book has with the live version (records of the book that are in no
 *                             compared pair count one each)
 * @param partiesDraft         parties it would have with the draft
 * @param recordsChangingParty records whose party would not have the same members
 * @param reviewQueueNow       candidates for review with the live version (one per two parties, pairs kept apart
 *                             by a person left out)
 * @param reviewQueueDraft     the same with the draft
 * @param changes              the pairs whose outcome changes, by from and to, with examples
 */
public record LinkingImpact(long records, long pairs, long changedPairs, List<OutcomeCount> outcomes, long partiesNow,
                            long partiesDraft, long recordsChangingParty, long reviewQueueNow, long reviewQueueDraft,
                            List<Change> changes) {

    public LinkingImpact {
        outcomes = List.copyOf(outcomes);
        changes = List.copyOf(changes);
    }

    /** Pairs and records of one outcome, now and with the draft. */
    public record OutcomeCount(LinkOutcome outcome, long pairsNow, long pairsDraft, long recordsNow, long recordsDraft) {

        public OutcomeCount {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Pairs that go from one outcome to another, and some of them. */
    public record Change(LinkOutcome from, LinkOutcome to, long pairs, List<ExamplePair> examples) {

        public Change {
            examples = List.copyOf(examples);
        }

        /** The same change with only these examples. */
        public Change withExamples(List<ExamplePair> shown) {
            return new Change(from, to, pairs, shown);
        }
    }

    /** A pair of records whose outcome changes, with the rule that decides it now and with the draft. */
    public record ExamplePair(String customerNoA, String branchCodeA, String customerNoB, String branchCodeB,
                              String ruleNow, String ruleDraft) {
    }
}
