package io.decisioning.rules.engine;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.Complaint;
import io.decisioning.rules.ComplaintCategory;
import io.decisioning.rules.ComplaintChannel;
import io.decisioning.rules.ComplaintComplexity;
import io.decisioning.rules.ComplaintState;
import io.decisioning.rules.ComplaintStatus;
import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.Decision;
import io.decisioning.rules.Entitlement;
import io.decisioning.rules.Grade;
import io.decisioning.rules.ManagerStatus;
import io.decisioning.rules.MatchField;
import io.decisioning.rules.MatchStrength;
import io.decisioning.rules.Severity;
import io.decisioning.rules.Tier;
import io.decisioning.rules.WarningType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One row of a scenario file ({@code *.scenarios.csv}): a named customer and what the whole pipeline
 * of packs must decide about them. See the module README for the columns.
 *
 * @param expectations expected values by outcome ({@code grade}, {@code tier}, ...); absent = don't care
 */
record Scenario(String file, int line, String name, EvaluationInput input, Map<String, String> expectations) {

    static final String SUFFIX = ".scenarios.csv";
    static final List<String> OUTCOMES =
            List.of("grade", "tier", "decision", "vip", "warnings", "valueScore", "riskScore", "churnScore", "entitlements",
                    "complaints", "rules");
    private static final List<String> PROFILE_COLUMNS = List.of("customerNo", "customerType", "applicant",
            "annualPremium", "premium3y", "paid3y", "lossRatio3y", "claims12m", "earlyClaims12m", "claimFreeYears",
            "tenureYears", "premiumSharePct", "premiumRankPct", "productLines", "partyRecords", "partyBranches", "possibleDuplicates", "premiumSchedule",
            "overdueInstallments", "maxDaysOverdue", "nextDueDays", "missedPayments12m", "renewalsDue60d", "lapsed24m",
            "premiumChangePct", "deniedClaims12m", "managerStatus", "managerLevel", "daysSinceLastVisit",
            "daysSinceLastContact", "daysToBirthday", "partyAccountManagers", "openComplaints", "complaints12m", "complaints",
            "hits");
    /** The evaluation date of a scenario's complaints: only their days count, the dates are made up from it. */
    static final LocalDate DAY = LocalDate.of(2026, 1, 1);

    private static final List<String> RETENTION_COLUMNS = List.of("overdueInstallments", "maxDaysOverdue", "nextDueDays",
            "missedPayments12m", "renewalsDue60d", "lapsed24m", "premiumChangePct", "deniedClaims12m");

    /** The scenarios of one file; problems go to {@code errors} with their line. */
    static List<Scenario> parse(String file, byte[] content, List<CompileError> errors) {
        return parseRows(file, content, errors, PROFILE_COLUMNS, OUTCOMES, Scenario::of);
    }

    /** Makes one scenario of a row's filled cells, by canonical column; IllegalArgumentException for a bad cell. */
    interface RowReader<T> {
        T read(String file, int line, Map<String, String> cells);
    }

    /**
     * The rows of a scenario file (of customers or of pairs): the first line names the columns ({@code scenario},
     * {@code note}, the {@code inputs} and {@code expect <outcome>}, in any case), each further line is read by
     * {@code reader} from its filled cells; lines starting with '#' are comments. Problems go to {@code errors}
     * with their line and column.
     */
    static <T> List<T> parseRows(String file, byte[] content, List<CompileError> errors, List<String> inputs,
                                 List<String> outcomes, RowReader<T> reader) {
        List<Csv.Row> rows = Csv.parse(new String(content, StandardCharsets.UTF_8)).stream()
                .filter(row -> !row.cell(0).startsWith("#"))
                .toList();
        if (rows.isEmpty()) {
            errors.add(new CompileError(file, 0, 0, new Sentence("no scenarios: the first line names the columns, each further line is a scenario",
                    "没有场景：第一行是列名，之后每一行是一个场景")));
            return List.of();
        }
        Csv.Row header = rows.get(0);
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < header.cells().size(); i++) {
            String column = canonical(header.cells().get(i), inputs, outcomes);
            if (column == null) {
                errors.add(new CompileError(file, header.line(), i + 1, new Sentence("unknown column '" + header.cells().get(i)
                        + "'; known: scenario, note, " + inputs + " and 'expect <" + String.join("|", outcomes) + ">'",
                        "未知的列 '" + header.cells().get(i) + "'；可用的列：scenario、note、" + inputs + " 以及 'expect <"
                                + String.join("|", outcomes) + ">'")));
            }
            columns.add(column);
        }
        if (!columns.contains("scenario")) {
            errors.add(new CompileError(file, header.line(), 1, new Sentence("a 'scenario' column naming each scenario is required",
                    "必须有一列 'scenario' 为每个场景命名")));
            return List.of();
        }
        List<T> scenarios = new ArrayList<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i) != null && !row.cell(i).isEmpty()) {
                    cells.put(columns.get(i), row.cell(i));
                }
            }
            try {
                scenarios.add(reader.read(file, row.line(), cells));
            } catch (IllegalArgumentException e) {
                errors.add(new CompileError(file, row.line(), 0, e.getMessage()));
            }
        }
        return scenarios;
    }

    private static String canonical(String column, List<String> inputs, List<String> outcomes) {
        String trimmed = column.trim();
        if (trimmed.equalsIgnoreCase("scenario") || trimmed.equalsIgnoreCase("note")) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        for (String input : inputs) {
            if (input.equalsIgnoreCase(trimmed)) {
                return input;
            }
        }
        if (trimmed.toLowerCase(Locale.ROOT).startsWith("expect ")) {
            String outcome = trimmed.substring("expect ".length()).trim();
            for (String known : outcomes) {
                if (known.equalsIgnoreCase(outcome)) {
                    return "expect " + known;
                }
            }
        }
        return null;
    }

    private static Scenario of(String file, int line, Map<String, String> cells) {
        String name = cells.get("scenario");
        if (name == null) {
            throw new IllegalArgumentException("the scenario has no name");
        }
        String customerNo = cells.getOrDefault("customerNo", "S-" + line);
        CustomerProfile profile = new CustomerProfile(customerNo, cells.getOrDefault("customerType", "PERSON"),
                bool(cells, "applicant"), number(cells, "annualPremium"), number(cells, "premium3y"),
                number(cells, "paid3y"), cells.containsKey("lossRatio3y") ? number(cells, "lossRatio3y") : null,
                count(cells, "claims12m"), count(cells, "earlyClaims12m"), count(cells, "claimFreeYears"),
                count(cells, "tenureYears"), number(cells, "premiumSharePct"), number(cells, "premiumRankPct"),
                count(cells, "productLines"), cells.containsKey("partyRecords") ? count(cells, "partyRecords") : 1,
                cells.containsKey("partyBranches") ? count(cells, "partyBranches") : 1, count(cells, "possibleDuplicates"));
        // a scenario's customer has a premium schedule (retention figures 0, nothing due) unless it says not
        if (!cells.containsKey("premiumSchedule") || bool(cells, "premiumSchedule")) {
            profile = profile.withRetention(count(cells, "overdueInstallments"), count(cells, "maxDaysOverdue"),
                    cells.containsKey("nextDueDays") ? count(cells, "nextDueDays") : null,
                    count(cells, "missedPayments12m"), count(cells, "renewalsDue60d"), count(cells, "lapsed24m"),
                    cells.containsKey("premiumChangePct") ? number(cells, "premiumChangePct") : null,
                    count(cells, "deniedClaims12m"));
        } else if (RETENTION_COLUMNS.stream().anyMatch(cells::containsKey)) {
            throw new IllegalArgumentException("premiumSchedule is false, so the retention figures ("
                    + String.join(", ", RETENTION_COLUMNS) + ") are unknown: leave them empty");
        }
        // a scenario's customer is looked after (an ACTIVE manager of level 3, visited today, no birthday known) unless
        // it says otherwise, as it has nothing overdue: only the scenarios about service see service warnings
        ManagerStatus managerStatus = cells.containsKey("managerStatus")
                ? enumValue(ManagerStatus.class, cells.get("managerStatus"), "managerStatus") : ManagerStatus.ACTIVE;
        Integer managerLevel = cells.containsKey("managerLevel") ? Integer.valueOf(count(cells, "managerLevel"))
                : managerStatus == ManagerStatus.ACTIVE ? Integer.valueOf(3) : null;
        Integer lastVisit = days(cells, "daysSinceLastVisit", 0);
        profile = profile.withManager(managerStatus, managerLevel, lastVisit,
                days(cells, "daysSinceLastContact", lastVisit), days(cells, "daysToBirthday", null),
                cells.containsKey("partyAccountManagers") ? count(cells, "partyAccountManagers")
                        : managerStatus == ManagerStatus.NONE ? 0 : 1);
        List<Complaint> complaints = complaints(customerNo, cells.get("complaints"));
        // a scenario's customer is one of a CRM that keeps complaints: the counts are those of its complaints unless given
        profile = profile.withComplaints(
                cells.containsKey("openComplaints") ? count(cells, "openComplaints")
                        : (int) complaints.stream().filter(Complaint::open).count(),
                cells.containsKey("complaints12m") ? count(cells, "complaints12m")
                        : (int) complaints.stream().filter(c -> c.daysSinceReceived() <= 365).count());
        List<BlacklistHit> hits = new ArrayList<>();
        for (String strength : list(cells.get("hits"))) {
            MatchStrength match = enumValue(MatchStrength.class, strength, "hits");
            hits.add(new BlacklistHit(customerNo, hits.size() + 1, match,
                    List.of(match == MatchStrength.STRONG ? MatchField.ID_NUMBER : MatchField.NAME_BIRTH_DATE), "FRAUD"));
        }
        Map<String, String> expectations = new LinkedHashMap<>();
        for (String outcome : OUTCOMES) {
            String expected = cells.get("expect " + outcome);
            if (expected != null) {
                expectations.put(outcome, normalise(outcome, expected));
            }
        }
        return new Scenario(file, line, name, new EvaluationInput(profile, hits, complaints), expectations);
    }

    /**
     * The complaints of a {@code complaints} cell, separated by ';', numbered C1, C2, ... in their order. Each is words:
     * {@code day N} (received N days ago: day 0 is the day received), {@code decided M} (decided on day M), and any of a
     * complexity, channel, category and status: {@code SIMPLE PHONE day 16}, {@code COMPLEX LETTER day 40 decided 30},
     * {@code EXTENDED REGULATOR WITHDRAWN day 5}; {@code unknown channel} or {@code unknown complexity} for a value the
     * service does not know (the complaint is then unclassified). The complexity is SIMPLE and the channel PHONE unless
     * given; the status OPEN, or DECIDED when a decision day is given.
     */
    static List<Complaint> complaints(String customerNo, String cell) {
        List<Complaint> complaints = new ArrayList<>();
        for (String item : list(cell)) {
            String[] words = item.trim().split("\\s+");
            ComplaintChannel channel = null;
            ComplaintCategory category = null;
            ComplaintComplexity complexity = null;
            ComplaintStatus status = null;
            Integer day = null;
            Integer decided = null;
            boolean unknownChannel = false;
            boolean unknownComplexity = false;
            for (int i = 0; i < words.length; i++) {
                String word = words[i].toUpperCase(Locale.ROOT);
                if (word.equals("UNKNOWN")) {
                    String what = i + 1 < words.length ? words[++i].toUpperCase(Locale.ROOT) : "";
                    if (what.equals("CHANNEL")) {
                        unknownChannel = true;
                    } else if (what.equals("COMPLEXITY")) {
                        unknownComplexity = true;
                    } else {
                        throw new IllegalArgumentException("complaints: 'unknown' is followed by channel or complexity, in '"
                                + item + "'");
                    }
                } else if ((word.equals("DAY") || word.equals("DECIDED") && i + 1 < words.length && words[i + 1].matches("\\d+"))) {
                    if (i + 1 == words.length || !words[i + 1].matches("\\d+")) {
                        throw new IllegalArgumentException("complaints: '" + words[i] + "' is followed by a number of days, in '" + item + "'");
                    }
                    int days = Integer.parseInt(words[++i]);
                    if (word.equals("DAY")) {
                        day = days;
                    } else {
                        decided = days;
                    }
                } else if (constant(ComplaintComplexity.class, word) != null) {
                    complexity = constant(ComplaintComplexity.class, word);
                } else if (constant(ComplaintChannel.class, word) != null) {
                    channel = constant(ComplaintChannel.class, word);
                } else if (constant(ComplaintCategory.class, word) != null) {
                    category = constant(ComplaintCategory.class, word);
                } else if (constant(ComplaintStatus.class, word) != null) {
                    status = constant(ComplaintStatus.class, word);
                } else {
                    throw new IllegalArgumentException("complaints: '" + words[i] + "' in '" + item + "' is none of day N,"
                            + " decided N, a complexity " + Arrays.toString(ComplaintComplexity.values()) + ", a channel "
                            + Arrays.toString(ComplaintChannel.values()) + ", a category "
                            + Arrays.toString(ComplaintCategory.values()) + " or a status "
                            + Arrays.toString(ComplaintStatus.values()));
                }
            }
            if (day == null) {
                throw new IllegalArgumentException("complaints: '" + item + "' says on which day of it the scenario is:"
                        + " day N (0 on the day received)");
            }
            if (decided != null && decided > day) {
                throw new IllegalArgumentException("complaints: '" + item + "' is decided on day " + decided
                        + ", after the scenario's day " + day);
            }
            if (status == null) {
                status = decided == null ? ComplaintStatus.OPEN : ComplaintStatus.DECIDED;
            }
            if (unknownChannel && channel != null || unknownComplexity && complexity != null) {
                throw new IllegalArgumentException("complaints: '" + item + "' names a value it also calls unknown");
            }
            channel = unknownChannel ? null : channel == null ? ComplaintChannel.PHONE : channel;
            complexity = unknownComplexity ? null : complexity == null ? ComplaintComplexity.SIMPLE : complexity;
            LocalDate received = DAY.minusDays(day);
            complaints.add(Complaint.of(customerNo, "C" + (complaints.size() + 1), channel, category, complexity, received,
                    status, decided == null ? null : received.plusDays(decided), DAY));
        }
        return complaints;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        return null;
    }

    /** Expected values in the form {@link #actual} gives them, checked for typos at compile time. */
    private static String normalise(String outcome, String expected) {
        return switch (outcome) {
            case "grade" -> enumValue(Grade.class, expected, "expect grade").name();
            case "tier" -> enumValue(Tier.class, expected, "expect tier").name();
            case "decision" -> enumValue(Decision.class, expected, "expect decision").name();
            case "vip" -> Boolean.toString(bool(Map.of("vip", expected), "vip"));
            case "valueScore", "riskScore" -> Integer.toString(count(Map.of(outcome, expected), outcome));
            case "churnScore" -> expected.trim().equals("-") ? "-" : Integer.toString(count(Map.of(outcome, expected), outcome));
            case "warnings" -> {
                Set<String> warnings = new TreeSet<>();
                for (String warning : list(expected)) {
                    String[] parts = warning.split(":");
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("expect warnings: write TYPE:SEVERITY, e.g. REPEAT_CLAIMANT:HIGH, was " + warning);
                    }
                    warnings.add(enumValue(WarningType.class, parts[0], "expect warnings").name() + ":"
                            + enumValue(Severity.class, parts[1], "expect warnings").name());
                }
                yield warnings.isEmpty() ? "-" : String.join(";", warnings);
            }
            case "complaints" -> {
                List<String> states = new ArrayList<>();
                for (String state : list(expected.replace("-", "NONE"))) {
                    states.add(state.equals("NONE") ? "-" : enumValue(ComplaintState.class, state, "expect complaints").name());
                }
                yield states.isEmpty() ? "-" : String.join(";", states);
            }
            case "entitlements" -> {
                Set<String> granted = new TreeSet<>();
                for (String service : list(expected)) {
                    granted.add(enumValue(Entitlement.class, service, "expect entitlements").name());
                }
                yield granted.isEmpty() ? "-" : String.join(";", granted);
            }
            default -> String.join(";", new TreeSet<>(list(expected)));
        };
    }

    /** The outcome of an evaluation in the form expectations are written in. */
    static String actual(String outcome, Evaluation evaluation) {
        return switch (outcome) {
            case "grade" -> evaluation.grade().name();
            case "tier" -> evaluation.tier().name();
            case "decision" -> evaluation.decision().name();
            case "vip" -> Boolean.toString(evaluation.vip());
            case "valueScore" -> Integer.toString(evaluation.valueScore());
            case "riskScore" -> Integer.toString(evaluation.riskScore());
            case "churnScore" -> evaluation.churnScore() == null ? "-" : Integer.toString(evaluation.churnScore());
            case "complaints" -> {
                List<String> states = new ArrayList<>();
                evaluation.complaints().forEach(clock -> states.add(clock.state() == null ? "-" : clock.state().name()));
                yield states.isEmpty() ? "-" : String.join(";", states);
            }
            case "entitlements" -> {
                Set<String> granted = new TreeSet<>();
                evaluation.entitlements().forEach(service -> granted.add(service.name()));
                yield granted.isEmpty() ? "-" : String.join(";", granted);
            }
            case "warnings" -> {
                Set<String> warnings = new TreeSet<>();
                evaluation.warnings().forEach(w -> warnings.add(w.type().name() + ":" + w.severity().name()));
                yield warnings.isEmpty() ? "-" : String.join(";", warnings);
            }
            default -> throw new IllegalArgumentException(outcome);
        };
    }

    private static List<String> list(String cell) {
        if (cell == null || cell.trim().equals("-")) {
            return List.of();
        }
        return Arrays.stream(cell.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static double number(Map<String, String> cells, String column) {
        String cell = cells.get(column);
        if (cell == null) {
            return 0;
        }
        try {
            return Double.parseDouble(cell.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be a number, was '" + cell + "'", e);
        }
    }

    /** Days: a whole number, {@code -} for never or unknown (null), or {@code otherwise} when the cell is empty. */
    private static Integer days(Map<String, String> cells, String column, Integer otherwise) {
        String cell = cells.get(column);
        if (cell == null) {
            return otherwise;
        }
        return cell.trim().equals("-") ? null : Integer.valueOf(count(cells, column));
    }

    private static int count(Map<String, String> cells, String column) {
        String cell = cells.get(column);
        if (cell == null) {
            return 0;
        }
        try {
            return Integer.parseInt(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be a whole number, was '" + cell + "'", e);
        }
    }

    private static boolean bool(Map<String, String> cells, String column) {
        String cell = cells.getOrDefault(column, "false").toLowerCase(Locale.ROOT);
        return switch (cell) {
            case "true", "yes", "y" -> true;
            case "false", "no", "n" -> false;
            default -> throw new IllegalArgumentException(column + " must be true or false, was '" + cell + "'");
        };
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String column) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(column + ": '" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()), e);
        }
    }
}
