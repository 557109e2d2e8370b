package io.decisioning.rules.engine;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

/**
 * A decision table ({@code *.drl.csv}, {@code *.drl.xlsx}, {@code *.drl.xls}) turned into DRL with
 * Drools' own converter, remembering which table row each generated rule came from so that errors
 * in the generated DRL are reported at the table's row and column.
 */
final class DecisionTable {

    private static final Pattern RULE_ORIGIN = Pattern.compile("^\\s*// rule values at ([A-Z]{1,3})(\\d+)");
    private static final Pattern CELL = Pattern.compile("\\b([A-Z]{1,3})(\\d+)\\b");

    final String file;
    final String drl;
    /** For each generated rule: the DRL line where it starts and the table cell its values come from. */
    private final List<int[]> origins;

    private DecisionTable(String file, String drl, List<int[]> origins) {
        this.file = file;
        this.drl = drl;
        this.origins = origins;
    }

    static boolean isTable(String fileName) {
        return fileName.endsWith(".drl.csv") || fileName.endsWith(".drl.xlsx") || fileName.endsWith(".drl.xls");
    }

    /** The table as DRL, or null after adding to {@code errors} why it could not be read. */
    static DecisionTable convert(String file, byte[] content, List<CompileError> errors) {
        InputType type = file.endsWith(".drl.csv") ? InputType.CSV : InputType.XLS;
        String drl;
        try {
            drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(content), type);
        } catch (RuntimeException e) {
            // Drools reports table problems as exceptions naming the cell ("... in cell C8 ..."),
            // poi reports unreadable workbooks the same way: both become errors in the table's terms.
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (message.contains("No RuleTable cells")) {
                errors.add(new CompileError(file, 0, 0, new Sentence("the decision table yields no rules: it needs a"
                        + " 'RuleTable <name>' cell with NAME, CONDITION and ACTION columns below it",
                        "该决策表没有产生任何规则：它需要一个 'RuleTable <名称>' 单元格，其下有 NAME、CONDITION 和 ACTION 列")));
                return null;
            }
            Matcher cell = CELL.matcher(message);
            errors.add(cell.find()
                    ? new CompileError(file, Integer.parseInt(cell.group(2)), column(cell.group(1)), message)
                    : new CompileError(file, 0, 0, new Sentence("cannot read the decision table: " + message,
                            "无法读取该决策表：" + message)));
            return null;
        }
        List<int[]> origins = new ArrayList<>();
        String[] lines = drl.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher origin = RULE_ORIGIN.matcher(lines[i]);
            if (origin.find()) {
                origins.add(new int[] {i + 1, Integer.parseInt(origin.group(2)), column(origin.group(1))});
            }
        }
        return new DecisionTable(file, drl, origins);
    }

    /** An error the compiler found at a line of the generated DRL, placed at the table row it came from. */
    CompileError errorAt(int drlLine, String message) {
        return errorAt(drlLine, Sentence.of(message));
    }

    /** As {@link #errorAt(int, String)}, with a message in both languages. */
    CompileError errorAt(int drlLine, Sentence message) {
        int[] found = null;
        for (int[] origin : origins) {
            if (origin[0] <= drlLine) {
                found = origin;
            }
        }
        if (found == null) {
            return new CompileError(file, 0, 0, new Sentence("in the table's settings (RuleSet, Import, ...): " + message.en(),
                    "在表的设置（RuleSet、Import 等）中：" + message.zh()));
        }
        return new CompileError(file, found[1], found[2], new Sentence("in the rule generated from row " + found[1] + ": "
                + message.en(), "在由第 " + found[1] + " 行生成的规则中：" + message.zh()));
    }

    private static int column(String letters) {
        int column = 0;
        for (char c : letters.toCharArray()) {
            column = column * 26 + (c - 'A' + 1);
        }
        return column;
    }
}
