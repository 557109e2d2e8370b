package io.decisioning.service.assessment;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.engine.CustomerWarning;
import io.decisioning.rules.engine.NearMiss;
import io.decisioning.rules.engine.Reason;
import io.decisioning.rules.engine.Sentence;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Feeds typed values into a digest without building text first: numbers as their 8 bytes, texts as
 * their UTF-8 bytes after their length, null as a marker of its own, so that different sequences of
 * values never feed the same bytes. Used for an assessment's content hash
 * ({@link AssessmentRepository#contentHash}).
 */
final class ContentDigest {

    /**
     * The components of the records whose values {@link AssessmentRepository#contentHash} feeds one
     * by one; checked when the class loads (the first assessment stored), so that a component added
     * to one of them without being fed fails loudly rather than leaving changes unnoticed.
     */
    private static final Map<Class<?>, List<String>> FED = Map.of(
            Features.class, List.of("annualPremium", "premium3y", "paid3y", "lossRatio3y", "claims12m", "earlyClaims12m",
                    "claimFreeYears", "tenureYears", "premiumSharePct", "premiumRankPct", "productLines",
                    "partyRecords", "partyBranches", "possibleDuplicates", "overdueInstallments", "maxDaysOverdue",
                    "nextDueDays", "missedPayments12m", "renewalsDue60d", "lapsed24m", "premiumChangePct",
                    "deniedClaims12m", "managerStatus", "managerLevel", "daysSinceLastVisit", "daysSinceLastContact",
                    "daysToBirthday", "partyAccountManagers", "openComplaints", "complaints12m"),
            // the category is the type's (CustomerWarning refuses any other): feeding the type feeds it
            CustomerWarning.class, List.of("type", "category", "severity", "message"),
            BlacklistHit.class, List.of("customerNo", "entryId", "strength", "matchedOn", "reasonCode"),
            // a scorecard rule's card and points end its message ("...: +30 churn points"): feeding the message feeds them
            Reason.class, List.of("pack", "version", "rule", "message", "card", "points"),
            NearMiss.class, List.of("pack", "version", "rule", "outcome", "message"));

    static {
        FED.forEach((type, fed) -> {
            List<String> components = Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
            if (!components.equals(fed)) {
                throw new IllegalStateException("The content hash feeds " + fed + " of " + type.getSimpleName()
                        + " but it has " + components + ": update AssessmentRepository.contentHash");
            }
        });
    }

    private static final byte NULL = 0;
    private static final byte NUMBER = 1;
    private static final byte TEXT = 2;

    private final MessageDigest digest;
    private final byte[] buffer = new byte[512];
    private int length;

    ContentDigest(MessageDigest digest) {
        this.digest = digest;
        digest.reset();
    }

    ContentDigest number(long value) {
        ensure(9);
        buffer[length++] = NUMBER;
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    ContentDigest number(double value) {
        return number(Double.doubleToLongBits(value));
    }

    /** A whole number as {@link #number(long)} feeds it, or the null marker. */
    ContentDigest number(@Nullable Integer value) {
        if (value == null) {
            ensure(1);
            buffer[length++] = NULL;
            return this;
        }
        return number(value.longValue());
    }

    ContentDigest number(@Nullable Double value) {
        if (value == null) {
            ensure(1);
            buffer[length++] = NULL;
            return this;
        }
        return number(value.doubleValue());
    }

    /**
     * A sentence: its English, and its Chinese unless that changes only with the English ({@link Sentence#followsEnglish}:
     * then it is not even written, most assessments of a nightly run being unchanged). The words the Chinese is written
     * with are fed once per assessment ({@link Sentence#WORDS}).
     */
    ContentDigest sentence(Sentence value) {
        text(value.en());
        if (!value.followsEnglish()) {
            text(value.zh());
        }
        return this;
    }

    ContentDigest text(@Nullable String value) {
        if (value == null) {
            ensure(1);
            buffer[length++] = NULL;
            return this;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        number(bytes.length);
        buffer[length - 9] = TEXT;
        if (bytes.length > buffer.length) {
            flush();
            digest.update(bytes);
        } else {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }
        return this;
    }

    byte[] digest() {
        flush();
        return digest.digest();
    }

    private void ensure(int bytes) {
        if (length + bytes > buffer.length) {
            flush();
        }
    }

    private void flush() {
        digest.update(buffer, 0, length);
        length = 0;
    }
}
