package io.decisioning.service.duelist;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.export.CsvTable;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DueListCsvTests {

    @Test
    void aFileStartsWithTheByteOrderMarkAndTheHeaderAndEndsEachLineWithCrLf() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvTable<DueListItem> csv = new CsvTable<>(bytes, DueListColumns.ALL)) {
            csv.write(item(List.of(), null));
        }
        String text = bytes.toString(StandardCharsets.UTF_8);

        assertThat(bytes.toByteArray()).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(text).startsWith("\uFEFFid,customerNo,partyNo,policyNo,kind,dueDate,amount,tier,churnScore,accountManager,"
                + "branchCode,reasons,outcome,outcomeNote,outcomeBy,outcomeAt,customerName,phone\r\n");
        assertThat(text).endsWith("\r\n42,C001,,P001,RENEWAL,2027-01-31,1200.00,GOLD,70,am.gd.01,GD,,,,,,王芳,\r\n");
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithTheirQuotesDoubled() {
        assertThat(CsvTable.field("plain 中文")).isEqualTo("plain 中文");
        assertThat(CsvTable.field("a, b")).isEqualTo("\"a, b\"");
        assertThat(CsvTable.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvTable.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvTable.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(CsvTable.field(null)).isEmpty();
        assertThat(CsvTable.field(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(CsvTable.field(-5)).as("a number is no formula").isEqualTo("-5");
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
        assertThat(CsvTable.field("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvTable.field("+86 138 0013 8000")).isEqualTo("'+86 138 0013 8000");
        assertThat(CsvTable.field("-1")).isEqualTo("'-1");
        assertThat(CsvTable.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvTable.field("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
        assertThat(CsvTable.field("premium -35%")).isEqualTo("premium -35%");
    }

    @Test
    void theReasonsShareOneCellJoinedBySemicolons() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvTable<DueListItem> csv = new CsvTable<>(bytes, DueListColumns.ALL)) {
            csv.write(item(List.of(Sentence.of("2 missed payments in 12 months"), Sentence.of("保费较上年下降35%")),
                    ContactOutcome.PROMISED));
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains(",2 missed payments in 12 months; 保费较上年下降35%,PROMISED,note,am.gd.01,2027-01-05T01:02:03Z,");
    }

    private static DueListItem item(List<Sentence> reasons, ContactOutcome outcome) {
        return new DueListItem(42, "C001", null, "P001", DueKind.RENEWAL, LocalDate.of(2027, 1, 31), new BigDecimal("1200.00"),
                "GOLD", 70, "am.gd.01", "GD", reasons, outcome, outcome == null ? null : "note",
                outcome == null ? null : "am.gd.01", outcome == null ? null : Instant.parse("2027-01-05T01:02:03Z"), "王芳", null);
    }
}
