package io.decisioning.rules.engine;

/**
 * A problem found when compiling a pack, at a place an analyst can find: a DRL line and column, or
 * for a decision table the sheet, row and column (then {@code line} is the spreadsheet row).
 * Line and column are 0 when unknown.
 */
public record CompileError(String file, int line, int column, String message) {
}
