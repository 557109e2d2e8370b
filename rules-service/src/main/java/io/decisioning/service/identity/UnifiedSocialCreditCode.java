package io.decisioning.service.identity;

import io.decisioning.rules.engine.Sentence;
import java.util.Locale;
import java.util.Objects;

/**
 * A unified social credit code of an organization (GB 32100-2015): 17 characters and a check
 * character, all from the 31 characters "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, S, V, Z).
 *
 * @param value the 18 characters in canonical form: ASCII, upper case
 */
public record UnifiedSocialCreditCode(String value) {

    private static final String CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public UnifiedSocialCreditCode {
        Objects.requireNonNull(value, "value");
        if (value.length() != 18 || !value.chars().allMatch(c -> CHARACTERS.indexOf(c) >= 0)) {
            throw new InvalidIdNumberException(new Sentence("must be 18 characters of 0-9 and A-Y without I, O, S, V and Z",
                    "必须是 18 个字符，由 0-9 和 A-Y（不含 I、O、S、V、Z）组成"));
        }
        if (value.charAt(17) != checkCharacter(value.substring(0, 17))) {
            throw new InvalidIdNumberException(new Sentence("has a wrong check character", "校验码错误"));
        }
    }

    /**
     * Reads a code as people type it: surrounding spaces, full-width characters and lower case
     * are accepted.
     *
     * @throws InvalidIdNumberException if it is not a valid code (an IllegalArgumentException)
     */
    public static UnifiedSocialCreditCode parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        return new UnifiedSocialCreditCode(HalfWidth.of(raw).strip().toUpperCase(Locale.ROOT));
    }

    /** Whether {@code raw} is a valid code in any form {@link #parse} accepts. */
    public static boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(String first17) {
        if (first17.length() != 17) {
            throw new InvalidIdNumberException(new Sentence("needs 17 characters", "需要 17 个字符"));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int code = CHARACTERS.indexOf(first17.charAt(i));
            if (code < 0) {
                throw new InvalidIdNumberException(new Sentence("'" + first17.charAt(i) + "' is not a code character",
                        "'" + first17.charAt(i) + "' 不是代码字符"));
            }
            sum += code * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return CHARACTERS.charAt(check == 31 ? 0 : check);
    }

    @Override
    public String toString() {
        return value;
    }

}
