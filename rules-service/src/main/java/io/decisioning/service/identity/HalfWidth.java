package io.decisioning.service.identity;

/**
 * Full-width forms as Chinese input methods type them ("１１０１０５", "ＡＢＣ", the ideographic
 * space) turned into their ASCII equivalents, so numbers and names compare as people mean them.
 */
public final class HalfWidth {

    private HalfWidth() {
    }

    public static String of(String text) {
        StringBuilder half = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            half.append(c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c);
        }
        return half.toString();
    }
}
