package io.decisioning.rules.engine;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A sentence the service writes for people (a reason, a warning's message, a near miss) in the two languages it
 * speaks: English and simplified Chinese, from the same facts, so that a stored sentence can be read in either later;
 * {@link #in} picks one for a reader. A sentence an analyst wrote in one language only is the same text in both.
 *
 * <p>The engine writes the English when it evaluates a customer and the Chinese when it is first asked for (stored,
 * answered): most evaluations of a nightly run change nothing and store nothing, and need no Chinese. Such a Chinese
 * sentence names no figure the English does not ({@link #followsEnglish}), so the English tells when it changes.
 */
public final class Sentence {

    private final String en;
    private final Supplier<String> chinese;
    private final boolean followsEnglish;
    /** The Chinese once written: racy on purpose, writing it twice gives the same text. */
    private String zh;

    public Sentence(String en, String zh) {
        this.en = Objects.requireNonNull(en, "en");
        this.zh = Objects.requireNonNull(zh, "zh");
        this.chinese = null;
        this.followsEnglish = en.equals(zh);
    }

    private Sentence(String en, Supplier<String> chinese, boolean followsEnglish) {
        this.en = Objects.requireNonNull(en, "en");
        this.chinese = chinese;
        this.followsEnglish = followsEnglish;
    }

    /** A text that reads the same in both languages: a code, a name, or an analyst's text in one language. */
    public static Sentence of(String text) {
        return new Sentence(text, text);
    }

    /**
     * A sentence whose Chinese is written when first asked for.
     *
     * @param followsEnglish whether the Chinese names no figure the English does not (then it changes only with it)
     */
    static Sentence lazy(String en, Supplier<String> chinese, boolean followsEnglish) {
        return new Sentence(en, chinese, followsEnglish);
    }

    public String en() {
        return en;
    }

    public String zh() {
        String written = zh;
        if (written == null) {
            written = Objects.requireNonNull(chinese.get(), "zh");
            zh = written;
        }
        return written;
    }

    /** The sentence for a reader of this locale: Chinese for any {@code zh} locale, English otherwise. */
    public String in(Locale locale) {
        return chinese(locale) ? zh() : en;
    }

    /** Whether a reader of this locale reads Chinese. */
    public static boolean chinese(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage());
    }

    /** Whether the two languages hold the same text (stored as one string). */
    public boolean oneText() {
        return en.equals(zh());
    }

    /**
     * Whether the Chinese changes only when the English does (for one version of the service's words,
     * {@link #WORDS}): it names no other figures. A content hash then needs the English alone.
     */
    public boolean followsEnglish() {
        return followsEnglish;
    }

    /**
     * A digest of the Chinese words the engine writes sentences with ({@code words_zh.properties}): fed to a content
     * hash with the English of sentences that {@link #followsEnglish}, so that new words rewrite them once.
     */
    public static final int WORDS = Chinese.digest();

    @Override
    public boolean equals(Object other) {
        return other instanceof Sentence sentence && en.equals(sentence.en) && zh().equals(sentence.zh());
    }

    @Override
    public int hashCode() {
        return 31 * en.hashCode() + zh().hashCode();
    }

    /** The English text, as sentences were before they had two languages (and as logs show them). */
    @Override
    public String toString() {
        return en;
    }
}
