package io.decisioning.rules.engine;

import io.decisioning.rules.Scorecard;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Why an outcome was produced: the pack, its version and the rule (whose name starts with a stable
 * ID such as "GRD-010"), with a sentence that names the facts ("5 claims in the last 12 months >= 3",
 * "近12个月出险次数 5 >= 3"). A scorecard rule's reason also says which scorecard it gave points to and how many,
 * and its sentence ends with them ("2 missed payments in 12 months: +30 churn points", "...：流失分 +30").
 *
 * @param card   the scorecard the rule gave points to; null for any other outcome
 * @param points the points it gave that scorecard; null for any other outcome
 */
public record Reason(String pack, int version, String rule, Sentence message, Scorecard card, Integer points) {

    /** " value points", " risk points", " churn points": the end of a scorecard rule's sentence. */
    private static final Map<Scorecard, String> POINTS = new EnumMap<>(Scorecard.class);

    static {
        for (Scorecard card : Scorecard.values()) {
            POINTS.put(card, " " + card.name().toLowerCase(Locale.ROOT) + " points");
        }
    }

    public Reason {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        if ((card == null) != (points == null)) {
            throw new IllegalArgumentException("a reason gives a scorecard and its points, or neither");
        }
    }

    /** The reason of an outcome that gives no points. */
    public Reason(String pack, int version, String rule, Sentence message) {
        this(pack, version, rule, message, null, null);
    }

    /**
     * The sentence without the points it ends with ("2 missed payments in 12 months"); the whole sentence for a
     * reason that gives no points.
     */
    public Sentence messageWithoutPoints() {
        if (card == null) {
            return message;
        }
        return Sentence.lazy(cut(message.en(), pointsEn(card, points)), () -> cut(message.zh(), pointsZh(card, points)),
                message.followsEnglish());
    }

    private static String cut(String text, String end) {
        return text.endsWith(end) ? text.substring(0, text.length() - end.length()) : text;
    }

    /** How a scorecard rule's sentence ends: ": +30 churn points", ": -5 value points". */
    static String pointsEn(Scorecard card, int points) {
        return (points >= 0 ? ": +" : ": ") + points + POINTS.get(card);
    }

    /** How it ends in Chinese: "：流失分 +30". */
    static String pointsZh(Scorecard card, int points) {
        return "：" + Chinese.label("scorecard", card.name()) + (points >= 0 ? " +" : " ") + points;
    }
}
