package io.decisioning.service.identity;

/**
 * The check character of a GB 11714-1997 organization code, the 9 characters inside a unified
 * social credit code; used to generate realistic demo organizations.
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
}
