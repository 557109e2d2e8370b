package io.decisioning.service.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A mainland China resident identity number (GB 11643-1999): six digits of region, the birth date
 * as YYYYMMDD, three digits of sequence and a check character (0-9 or X) over the first 17 digits.
 *
 * @param value the 18 characters in canonical form: ASCII digits and an upper-case X
 */
public record ResidentId(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    public ResidentId {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[0-9]{17}[0-9X]")) {
            throw new IllegalArgumentException("must be 17 digits followed by a check digit or X");
        }
        birthDateOf(value);
        if (value.charAt(17) != checkCharacter(value.substring(0, 17))) {
            throw new IllegalArgumentException("has a wrong check digit");
        }
    }

    /**
     * Reads a number as people type it: surrounding spaces, full-width digits and a lower-case x
     * are accepted.
     *
     * @throws IllegalArgumentException if it is not a valid resident identity number
     */
    public static ResidentId parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        return new ResidentId(HalfWidth.of(raw).strip().toUpperCase(Locale.ROOT));
    }

    /** Whether {@code raw} is a valid number in any form {@link #parse} accepts. */
    public static boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The check character for the first 17 digits of a number. */
    public static char checkCharacter(String first17Digits) {
        if (!first17Digits.matches("[0-9]{17}")) {
            throw new IllegalArgumentException("needs 17 digits");
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

    @Override
    public String toString() {
        return value;
    }

    private static LocalDate birthDateOf(String value) {
        try {
            return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("has no valid birth date (" + value.substring(6, 14) + ")", e);
        }
    }

}
