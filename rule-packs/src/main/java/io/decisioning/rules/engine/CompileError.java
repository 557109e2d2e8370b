package io.decisioning.rules.engine;

/**
 * A problem found when compiling a pack, at a place an analyst can find: a DRL line and column, or
 * for a decision table the sheet, row and column (then {@code line} is the spreadsheet row).
 * Line and column are 0 when unknown. The message is in English and Chinese; Drools' own words are English in both.
 */
public record CompileError(String file, int line, int column, Sentence message) {

    /** An error in Drools' words (or another text that reads the same in both languages). */
    public CompileError(String file, int line, int column, String message) {
        this(file, line, column, Sentence.of(message));
    }
}
