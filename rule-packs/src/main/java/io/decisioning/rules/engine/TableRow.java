package io.decisioning.rules.engine;

import io.decisioning.rules.engine.ProfileSpace.Box;
import io.decisioning.rules.engine.ProfileSpace.Comparison;
import io.decisioning.rules.engine.TableFile.DataRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a decision table and what the lint made of it: read by {@link TableRows}, compared with
 * the other rows by {@link TableCoverage}.
 */
final class TableRow {

    /**
     * What rows compete on under a hit policy: the kind of outcome a row's action inserts, with the
     * warning type or scorecard it names (a grade; a REPEAT_CLAIMANT warning; VALUE points). The kind is
     * null when the action inserts no outcome, or several: such rows compete with nothing.
     */
    record Competing(OutcomeKind kind, String qualifier) {

        static Competing of(String consequence) {
            List<OutcomeKind.Insert> inserts = OutcomeKind.inserts(consequence);
            return inserts.size() == 1 ? new Competing(inserts.get(0).kind(), inserts.get(0).qualifier())
                    : new Competing(null, null);
        }

        /** "grade", "REPEAT_CLAIMANT warning", "VALUE points". */
        String describe() {
            return kind.describe(qualifier);
        }

        /** "等级", "频繁出险预警", "价值分". */
        String describeZh() {
            return kind.describeZh(qualifier);
        }
    }

    final DataRow data;
    /** The rule's stable ID, or "row 12" / the quoted name when it has none. */
    final String id;
    int priority;
    boolean blankPriority;
    /** False when a cell could not be read: the row is left out of the analysis (the compiler reports it). */
    boolean usable = true;
    /** False when the row fills a column the lint does not model: its box holds more customers than the row. */
    boolean modelled = true;
    /** True once found unreachable: it takes no further part. */
    boolean dead;
    final List<Comparison> comparisons = new ArrayList<>();
    /** The filled condition cells by column, with their comparisons (absent for unmodelled columns). */
    final Map<Integer, List<Comparison>> cells = new LinkedHashMap<>();
    final List<String> outcomeValues = new ArrayList<>();
    String consequence = "";
    /** Null when the row has no outcome (its action cells are blank or unreadable). */
    Competing kind;
    /** The customers it holds for, as far as its modelled cells tell. */
    Box box;

    TableRow(DataRow data, String id) {
        this.data = data;
        this.id = id;
    }

    String outcome() {
        return String.join(", ", outcomeValues);
    }

    int spreadsheetRow() {
        return data.row() + 1;
    }
}
