package io.decisioning.service.identity;

import io.decisioning.rules.engine.Sentence;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A mainland China resident identity number (GB 11643-1999): six digits of region, the birth date
 * as YYYYMMDD, three digits of sequence and a check character (0-9 or X) over the first 17 digits.
 *
 * <p>Numbers issued before 1999 have 15 digits: the region, the birth date as YYMMDD (all in the
 * 1900s) and the sequence, without a check character. {@link #parse} accepts them and gives the
 * 18-digit form the same person's new card carries (DESIGN.md section 10), so the two compare equal.
 *
 * @param value the 18 characters in canonical form: ASCII digits and an upper-case X
 */
public record ResidentId(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    public ResidentId {
        Objects.requireNonNull(value, "value");
        if (value.length() != 18 || !digits(value, 17) || !(isDigit(value.charAt(17)) || value.charAt(17) == 'X')) {
            throw new InvalidIdNumberException(new Sentence("must be 17 digits followed by a check digit or X, or 15 digits",
                    "必须是 17 位数字加一位校验码（数字或 X），或 15 位数字"));
        }
        birthDateOf(value);
        if (value.charAt(17) != checkCharacter(value.substring(0, 17))) {
            throw new InvalidIdNumberException(new Sentence("has a wrong check digit", "校验码错误"));
        }
    }

    /**
     * Reads a number as people type it: surrounding spaces, full-width digits and a lower-case x
     * are accepted, and a 15-digit number becomes its 18-digit form.
     *
     * @throws InvalidIdNumberException if it is not a valid resident identity number (an IllegalArgumentException)
     */
    public static ResidentId parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        String number = HalfWidth.of(raw).strip().toUpperCase(Locale.ROOT);
        return new ResidentId(number.length() == 15 && digits(number, 15) ? eighteenDigitsOf(number) : number);
    }

    /** Whether {@code raw} is a valid number in any form {@link #parse} accepts. */
    public static boolean isValid(String raw) {
        return parseOrNull(raw) != null;
    }

    /** The number {@code raw} is, or null when it is not a valid one. */
    public static @Nullable ResidentId parseOrNull(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return parse(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The spellings a CRM stores a normalized id number in, for an index lookup on the raw column:
     * itself and in lower case ("...002x"), and for a valid resident ID its 18- and 15-digit forms.
     */
    public static Set<String> storedForms(@Nullable String idType, String normalized) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(normalized);
        forms.add(normalized.toLowerCase(Locale.ROOT));
        ResidentId resident = IdType.RESIDENT_ID.name().equals(idType) ? parseOrNull(normalized) : null;
        if (resident != null) {
            forms.add(resident.value());
            forms.add(resident.value().toLowerCase(Locale.ROOT));
            if (resident.fifteenDigits() != null) {
                forms.add(resident.fifteenDigits());
            }
        }
        return forms;
    }

    /** The check character for the first 17 digits of a number. */
    public static char checkCharacter(String first17Digits) {
        if (first17Digits.length() != 17 || !digits(first17Digits, 17)) {
            throw new InvalidIdNumberException(new Sentence("needs 17 digits", "需要 17 位数字"));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17Digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    public LocalDate birthDate() {
        return birthDateOf(value);
    }

    /**
     * The 15-digit form of this number, as a card issued before 1999 carried it, or null when the
     * holder was not born in the 1900s (only those had 15-digit numbers).
     */
    public @Nullable String fifteenDigits() {
        return value.startsWith("19", 6) ? value.substring(0, 6) + value.substring(8, 17) : null;
    }

    @Override
    public String toString() {
        return value;
    }

    /** Region + "19" + YYMMDD + sequence + the check character (GB 11643-1999, the upgrade rule). */
    private static String eighteenDigitsOf(String fifteen) {
        String first17 = fifteen.substring(0, 6) + "19" + fifteen.substring(6);
        try {
            birthDateOf(first17);
        } catch (IllegalArgumentException e) {
            throw new InvalidIdNumberException(new Sentence("is a 15-digit number without a valid birth date (YYMMDD "
                    + fifteen.substring(6, 12) + ")", "是 15 位号码，但没有有效的出生日期（YYMMDD " + fifteen.substring(6, 12)
                    + "）"), e);
        }
        return first17 + checkCharacter(first17);
    }

    /** Whether the first {@code count} characters are ASCII digits (no regular expression: every customer's keys parse it). */
    private static boolean digits(String text, int count) {
        for (int i = 0; i < count; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static LocalDate birthDateOf(String value) {
        try {
            return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new InvalidIdNumberException(new Sentence("has no valid birth date (" + value.substring(6, 14) + ")",
                    "没有有效的出生日期（" + value.substring(6, 14) + "）"), e);
        }
    }

}
