package io.decisioning.service.system;

import org.jspecify.annotations.Nullable;

/**
 * Masking of identity numbers and phone numbers for the people who do not need them whole (issue 5):
 * list views for roles that only look, and the audit trail, which names the entry rather than copying
 * the person's numbers. The last four letters or digits stay visible, enough to tell two entries apart
 * or confirm one against a document in hand; separators stay, so the shape is recognisable.
 * "11010519491231002X" becomes "**************002X", "+86 138 0013 8000" becomes "+** *** **** 8000".
 */
public final class PersonalData {

    private static final int VISIBLE = 4;

    private PersonalData() {
    }

    public static @Nullable String mask(@Nullable String value) {
        if (value == null) {
            return null;
        }
        int significant = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isLetterOrDigit(value.charAt(i))) {
                significant++;
            }
        }
        // a value of four or fewer letters and digits is hidden whole: its "last four" would be all of it
        int toHide = significant <= VISIBLE ? significant : significant - VISIBLE;
        StringBuilder masked = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c) && toHide > 0) {
                masked.append('*');
                toHide--;
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }
}
