package io.decisioning.rules.engine;

import java.util.Locale;
import java.util.Objects;

/**
 * A sentence the service writes for people (a reason, a warning's message, a near miss) in the two languages it
 * speaks: English and simplified Chinese. Both are written when the sentence is made, from the same facts, so a
 * stored sentence can be read in either later; {@link #in} picks one for a reader. A sentence an analyst wrote in
 * one language only is the same text in both.
 */
public record Sentence(String en, String zh) {

    public Sentence {
        Objects.requireNonNull(en, "en");
        Objects.requireNonNull(zh, "zh");
    }

    /** A text that reads the same in both languages: a code, a name, or an analyst's text in one language. */
    public static Sentence of(String text) {
        return new Sentence(text, text);
    }

    /** The sentence for a reader of this locale: Chinese for any {@code zh} locale, English otherwise. */
    public String in(Locale locale) {
        return chinese(locale) ? zh : en;
    }

    /** Whether a reader of this locale reads Chinese. */
    public static boolean chinese(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage());
    }

    /** Whether the two languages hold the same text (stored as one string). */
    public boolean oneText() {
        return en.equals(zh);
    }

    /** This sentence with another appended in each language. */
    public Sentence plus(Sentence more) {
        return new Sentence(en + more.en, zh + more.zh);
    }

    /** The English text, as sentences were before they had two languages (and as logs show them). */
    @Override
    public String toString() {
        return en;
    }
}
