package io.decisioning.service.identity;

import org.jspecify.annotations.Nullable;

/**
 * A GB 11714-1997 organization code: 8 digits or capital letters and a check character (0-9 or X),
 * often written "12345678-9". Every unified social credit code carries its organization's code in
 * positions 9-17, so an organization registered once by its old code and once by its USCC is found
 * to be one (DESIGN.md section 10).
 */
public final class OrganizationCode {

    private static final int[] WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private OrganizationCode() {
    }

    /** The 9th character of an organization code whose first 8 digits or letters are given. */
    public static char checkCharacter(String first8) {
        if (first8.length() != 8) {
            throw new IllegalArgumentException("expected 8 characters: " + first8);
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(first8.charAt(i), 36) * WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : Character.forDigit(check, 10);
    }

    /**
     * The code in {@code normalized} (half-width, upper case, without spaces and '-', as
     * {@link MatchKeys#normalize} gives it), or null when it is not a valid organization code.
     */
    public static @Nullable String validOrNull(String normalized) {
        if (!normalized.matches("[0-9A-Z]{8}[0-9X]")) {
            return null;
        }
        return normalized.charAt(8) == checkCharacter(normalized.substring(0, 8)) ? normalized : null;
    }

    /** The organization code inside a valid unified social credit code (its characters 9 to 17). */
    public static String of(UnifiedSocialCreditCode code) {
        return code.value().substring(8, 17);
    }
}
