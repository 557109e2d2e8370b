package io.decisioning.service.duelist;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.export.Column;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of an exported due list (CSV and spreadsheet): the fields of an item as the API names them and in its
 * order, the reasons joined into one cell with "; " ("；" in Chinese). A value is a String, a Number, a LocalDate, or null for an
 * empty cell.
 */
final class DueListColumns {

    /** How the reasons of an item share one cell. */
    static final String REASON_SEPARATOR = "; ";

    static final List<Column<DueListItem>> ALL = List.of(
            new Column<>("id", DueListItem::id),
            new Column<>("customerNo", DueListItem::customerNo),
            new Column<>("partyNo", DueListItem::partyNo),
            new Column<>("policyNo", DueListItem::policyNo),
            new Column<>("kind", item -> item.kind().name()),
            new Column<>("dueDate", DueListItem::dueDate),
            new Column<>("amount", DueListItem::amount),
            new Column<>("tier", DueListItem::tier),
            new Column<>("churnScore", DueListItem::churnScore),
            new Column<>("accountManager", DueListItem::accountManager),
            new Column<>("branchCode", DueListItem::branchCode),
            new Column<>("reasons", item -> item.reasons().isEmpty() ? null : new Sentence(
                    item.reasons().stream().map(Sentence::en).collect(Collectors.joining(REASON_SEPARATOR)),
                    item.reasons().stream().map(Sentence::zh).collect(Collectors.joining("；")))),
            new Column<>("outcome", item -> item.outcome() == null ? null : item.outcome().name()),
            new Column<>("outcomeNote", DueListItem::outcomeNote),
            new Column<>("outcomeBy", DueListItem::outcomeBy),
            new Column<>("outcomeAt", item -> item.outcomeAt() == null ? null : item.outcomeAt().toString()),
            new Column<>("customerName", DueListItem::customerName),
            new Column<>("phone", DueListItem::phone));

    private DueListColumns() {
    }
}
