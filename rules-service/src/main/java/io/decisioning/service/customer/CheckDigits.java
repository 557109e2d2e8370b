package io.decisioning.service.customer;

/**
 * Check characters of Chinese identity numbers, for generating valid demo identities:
 * GB 11643-1999 (resident identity card), GB 32100-2015 (unified social credit code) and
 * GB 11714-1997 (the organization code inside a USCC).
 */
final class CheckDigits {

    private static final int[] RESIDENT_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String RESIDENT_CHECKS = "10X98765432";
    static final String USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORGANIZATION_CODE_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private CheckDigits() {
    }

    /** The 18th character of a resident id whose first 17 digits are given. */
    static char residentId(String first17) {
        require(first17, 17);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += Character.digit(first17.charAt(i), 10) * RESIDENT_WEIGHTS[i];
        }
        return RESIDENT_CHECKS.charAt(sum % 11);
    }

    /** The 18th character of a unified social credit code whose first 17 characters are given. */
    static char uscc(String first17) {
        require(first17, 17);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = USCC_CHARSET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a USCC character: " + first17.charAt(i));
            }
            sum += value * USCC_WEIGHTS[i];
        }
        return USCC_CHARSET.charAt((31 - sum % 31) % 31);
    }

    /** The 9th character of an organization code whose first 8 digits or letters are given. */
    static char organizationCode(String first8) {
        require(first8, 8);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(first8.charAt(i), 36) * ORGANIZATION_CODE_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : Character.forDigit(check, 10);
    }

    private static void require(String text, int length) {
        if (text.length() != length) {
            throw new IllegalArgumentException("expected " + length + " characters: " + text);
        }
    }
}
