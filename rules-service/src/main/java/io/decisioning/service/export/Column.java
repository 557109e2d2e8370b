package io.decisioning.service.export;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A column of an exported list (CSV and spreadsheet): its header and its value for a row, a String, a Number, a
 * Boolean, a LocalDate, a {@link io.decisioning.rules.engine.Sentence} (written in the reader's language), or null for
 * an empty cell.
 */
public record Column<T>(String name, Function<T, @Nullable Object> value) {
}
