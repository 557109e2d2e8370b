package io.decisioning.rules.engine;

import io.decisioning.rules.Scorecard;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Compiles the files of a pack at run time with the classic Drools engine (it reports every error
 * with its line, where the executable model stops at the first one), checks the conventions the
 * engine relies on, and prepares each rule's reason. Thread-safe; create one and keep it.
 *
 * <p>A pack holds {@code pack.properties}, DRL files ({@code *.drl}), decision tables
 * ({@code *.drl.csv}, {@code *.drl.xlsx}, {@code *.drl.xls}), scenario files ({@code *.scenarios.csv})
 * and notes ({@code *.md}, {@code *.txt}). Any other file is an error, notably a table named plain
 * {@code .csv} or {@code .xlsx}, which Drools would silently ignore.
 */
public final class PackCompiler {

    private static final Pattern RULE_ID = Pattern.compile("^([A-Z]{2,4}-\\d{2,4})\\s+\\S.*");
    private static final Pattern SALIENCE = Pattern.compile("-?\\d{1,9}");
    /** An action that may change or delete facts, or reach the session itself, rather than only insert. */
    private static final Pattern CHANGES_FACTS = Pattern.compile(
            "\\b(?:delete|retract|modify|update|insertLogical|halt|setFocus)\\s*\\(|\\b(?:drools|kcontext)\\s*\\.");
    private static final Pattern POSITION = Pattern.compile("Line (\\d+):(\\d+)");
    /** A constraint that only one scorecard's points meet: {@code card == Scorecard.CHURN}. */
    private static final Pattern CARD_EQUALS = Pattern.compile("\\s*card\\s*==\\s*(?:Scorecard\\.)?([A-Z][A-Z0-9_]*)\\s*");

    private final KieServices kieServices = KieServices.get();
    private final AtomicLong builds = new AtomicLong();
    /** Whether the packs it compiles fire their {@link DirectRule}s without Drools (always, but in tests that compare). */
    private final boolean directRules;

    public PackCompiler() {
        this(true);
    }

    /** @param directRules false to have Drools fire every rule, as a test's yardstick for the engine's own firing */
    PackCompiler(boolean directRules) {
        this.directRules = directRules;
    }

    public Compilation compile(PackSource source) {
        List<CompileError> errors = new ArrayList<>();
        PackDescriptor descriptor = descriptor(source, errors);
        PackSubject subject = descriptor == null ? PackSubject.CUSTOMER : descriptor.subject();
        Map<String, String> drls = new LinkedHashMap<>();
        Map<String, DecisionTable> tables = new HashMap<>();
        new TreeMap<>(source.files()).forEach((file, content) -> {
            if (file.equals(PackDescriptor.FILE) || file.endsWith(".md") || file.endsWith(".txt")) {
                return;
            }
            if (file.endsWith(".drl")) {
                drls.put(file, new String(content, StandardCharsets.UTF_8));
            } else if (DecisionTable.isTable(file)) {
                DecisionTable table = DecisionTable.convert(file, content, errors);
                if (table != null) {
                    tables.put(file, table);
                    drls.put(file, table.drl);
                }
            } else if (file.endsWith(Scenario.SUFFIX)) {
                if (subject == PackSubject.PAIR) {
                    PairScenario.parse(file, content, errors);
                } else {
                    Scenario.parse(file, content, errors);
                }
            } else if (file.endsWith(".csv") || file.endsWith(".xlsx") || file.endsWith(".xls")) {
                errors.add(new CompileError(file, 0, 0, new Sentence("Drools ignores a table named like this: name decision tables"
                        + " *.drl.csv, *.drl.xlsx or *.drl.xls, and scenario files *" + Scenario.SUFFIX,
                        "Drools 会忽略这样命名的表：决策表请命名为 *.drl.csv、*.drl.xlsx 或 *.drl.xls，场景文件请命名为 *"
                                + Scenario.SUFFIX)));
            } else {
                errors.add(new CompileError(file, 0, 0, new Sentence("unknown kind of file: a pack holds " + PackDescriptor.FILE
                        + ", *.drl, *.drl.csv, *.drl.xlsx, *.drl.xls, *" + Scenario.SUFFIX + " and *.md notes",
                        "未知的文件类型：规则包可包含 " + PackDescriptor.FILE + "、*.drl、*.drl.csv、*.drl.xlsx、*.drl.xls、*"
                                + Scenario.SUFFIX + " 和 *.md 说明")));
            }
        });
        if (descriptor != null) {
            descriptor.files().stream().filter(file -> !source.files().containsKey(file)).forEach(file -> errors.add(
                    new CompileError(PackDescriptor.FILE, 0, 0, new Sentence("lists " + file + ", which the pack does not have",
                            "列出了 " + file + "，但规则包中没有这个文件"))));
        }
        Map<String, CompiledRule> rules = new HashMap<>();
        FactsRead factsRead = new FactsRead();
        Map<String, String> packages = new HashMap<>();
        boolean allTypesKnown = inspect(source, subject, directRules, drls, tables, packages, rules, factsRead, errors);
        if (drls.isEmpty() && errors.isEmpty()) {
            errors.add(new CompileError(PackDescriptor.FILE, 0, 0, new Sentence("the pack has no rule files", "规则包中没有规则文件")));
        }
        KieBase kieBase = errors.isEmpty() ? build(source, drls, tables, packages, errors) : null;
        if (!errors.isEmpty()) {
            return new Compilation(source, null, errors);
        }
        return new Compilation(source, new CompiledPack(source, descriptor, kieBase, rules,
                allTypesKnown ? factsRead : null), List.of());
    }

    private static PackDescriptor descriptor(PackSource source, List<CompileError> errors) {
        byte[] content = source.files().get(PackDescriptor.FILE);
        if (content == null) {
            errors.add(new CompileError(PackDescriptor.FILE, 0, 0, new Sentence("missing: every pack needs a " + PackDescriptor.FILE
                    + " with at least its order in the pipeline (order=10)",
                    "缺少文件：每个规则包都需要一个 " + PackDescriptor.FILE + "，至少写明它在流水线中的顺序（order=10）")));
            return null;
        }
        try {
            return PackDescriptor.parse(content);
        } catch (IllegalArgumentException e) {
            errors.add(new CompileError(PackDescriptor.FILE, 0, 0, e.getMessage()));
            return null;
        }
    }

    /**
     * Parses each rule file for what the engine needs besides the KieBase: rule IDs (present and
     * unique), each rule's reason, salience, conditions (for near misses) and the outcomes its action
     * inserts (for the check of packs after the decision), and the fact types the rules match. Syntax errors are left to the build, which reports them all with their lines.
     */
    private static boolean inspect(PackSource source, PackSubject subject, boolean directRules, Map<String, String> drls, Map<String, DecisionTable> tables,
                                   Map<String, String> packages, Map<String, CompiledRule> rules, FactsRead factsRead,
                                   List<CompileError> errors) {
        boolean allTypesKnown = true;
        Map<String, String> fileOfId = new HashMap<>();
        for (Map.Entry<String, String> drl : drls.entrySet()) {
            String file = drl.getKey();
            DecisionTable table = tables.get(file);
            DrlParser parser = new DrlParser();
            PackageDescr descr;
            try {
                descr = parser.parse(false, drl.getValue());
            } catch (DroolsParserException e) {
                errors.add(new CompileError(file, 0, 0, e.getMessage()));
                continue;
            }
            if (parser.hasErrors() || descr == null) {
                continue;
            }
            packages.put(file, descr.getNamespace());
            if (table != null && descr.getRules().isEmpty()) {
                errors.add(new CompileError(file, 0, 0, new Sentence("the decision table yields no rules: it needs a"
                        + " 'RuleTable <name>' cell with CONDITION and ACTION columns below it",
                        "该决策表没有产生任何规则：它需要一个 'RuleTable <名称>' 单元格，其下有 CONDITION 和 ACTION 列")));
            }
            for (RuleDescr rule : descr.getRules()) {
                Function<Sentence, CompileError> at = message -> table == null
                        ? new CompileError(file, rule.getLine(), 0, message)
                        : table.errorAt(rule.getLine(), message);
                Matcher id = RULE_ID.matcher(rule.getName());
                if (!id.matches()) {
                    errors.add(at.apply(new Sentence("rule \"" + rule.getName() + "\": a rule name starts with its stable ID"
                            + " and a title, like \"GRD-010 Key account by premium share\""
                            + (table == null ? "" : " (give the table a NAME column)"),
                            "规则 \"" + rule.getName() + "\"：规则名以稳定的编号开头，后接标题，例如 \"GRD-010 Key account by premium share\""
                                    + (table == null ? "" : "（请给表加一个 NAME 列）"))));
                    continue;
                }
                String other = fileOfId.putIfAbsent(id.group(1), file);
                if (other != null) {
                    errors.add(at.apply(new Sentence("rule ID " + id.group(1) + " is used twice in the pack (also in " + other + ")",
                            "规则编号 " + id.group(1) + " 在规则包中用了两次（另一次在 " + other + "）")));
                    continue;
                }
                ReasonTemplate reason = ReasonTemplate.of(rule);
                if (subject == PackSubject.PAIR) {
                    reason.placeholders().stream().filter(name -> !Linking.isField(name)).forEach(name -> errors.add(
                            at.apply(new Sentence("@reason of \"" + rule.getName() + "\" names {" + name + "}, which is not a field of RecordPair",
                                    "\"" + rule.getName() + "\" 的 @reason 引用了 {" + name + "}，它不是 RecordPair 的字段"))));
                } else {
                    reason.unknownPlaceholders().forEach(name -> errors.add(at.apply(new Sentence("@reason of \"" + rule.getName()
                            + "\" names {" + name + "}, which is not a field of CustomerProfile",
                            "\"" + rule.getName() + "\" 的 @reason 引用了 {" + name + "}，它不是 CustomerProfile 的字段"))));
                }
                String salience = rule.getSalience() == null ? "0" : rule.getSalience().trim();
                if (!SALIENCE.matcher(salience).matches()) {
                    errors.add(at.apply(new Sentence("rule \"" + rule.getName() + "\": salience must be a whole number, was " + salience
                            + " (the engine ranks the outcomes of rules that hold by it)",
                            "规则 \"" + rule.getName() + "\"：salience 必须是整数，实际为 " + salience + "（引擎按它给成立的规则的结果排序）")));
                    continue;
                }
                String action = rule.getConsequence() == null ? "" : rule.getConsequence().toString();
                FactsRead read = new FactsRead();
                boolean known = collectFactTypes(rule.getLhs(), read);
                // (not when Drools fires every rule: that is the yardstick of the engine's own shortcuts)
                if (directRules && requiresComplaint(rule.getLhs())) {
                    read.complaintRequired();
                }
                rules.put(rule.getName(), new CompiledRule(rule.getName(), reason, Integer.parseInt(salience),
                        RuleConditions.of(source.name(), source.version(), rule), OutcomeKind.inserts(action),
                        directRules && subject == PackSubject.CUSTOMER ? DirectRule.of(rule) : null,
                        known ? read : null, CHANGES_FACTS.matcher(action).find(), 0));
                factsRead.add(read);
                allTypesKnown &= known;
            }
        }
        return allTypesKnown;
    }

    /**
     * Whether the conditions hold only with a fact of {@link FactsRead#COMPLAINT_TYPES}: a pattern of one that must
     * match (at the top, in an {@code and}, under {@code exists}, or in every branch of an {@code or}).
     */
    private static boolean requiresComplaint(BaseDescr descr) {
        if (descr instanceof PatternDescr pattern) {
            String type = pattern.getObjectType();
            return pattern.getSource() == null
                    && FactsRead.COMPLAINT_TYPES.contains(type.substring(type.lastIndexOf('.') + 1));
        }
        if (descr instanceof AndDescr || descr instanceof ExistsDescr) {
            for (Object child : ((ConditionalElementDescr) descr).getDescrs()) {
                if (requiresComplaint((BaseDescr) child)) {
                    return true;
                }
            }
            return false;
        }
        if (descr instanceof OrDescr or) {
            return !or.getDescrs().isEmpty() && or.getDescrs().stream().allMatch(child -> requiresComplaint((BaseDescr) child));
        }
        return false;
    }

    /** Adds the types the conditions match; false when a condition is of a kind not looked into. */
    private static boolean collectFactTypes(BaseDescr descr, FactsRead factsRead) {
        if (descr instanceof PatternDescr pattern) {
            String type = pattern.getObjectType();
            String simpleName = type.substring(type.lastIndexOf('.') + 1);
            if (simpleName.equals("ScorePoints")) {
                factsRead.points(cardRead(pattern));
            } else {
                factsRead.type(simpleName);
            }
            Object from = pattern.getSource();
            if (from instanceof AccumulateDescr accumulate) {
                // what is accumulated is matched like any fact (a sum of ScorePoints: the points inserted)
                return accumulate.getInput() != null && collectFactTypes(accumulate.getInput(), factsRead);
            }
            if (from instanceof CollectDescr collect) {
                return collect.getInputPattern() != null && collectFactTypes(collect.getInputPattern(), factsRead);
            }
            return from == null || from instanceof FromDescr || from instanceof EntryPointDescr;
        }
        if (descr instanceof AndDescr || descr instanceof OrDescr || descr instanceof NotDescr
                || descr instanceof ExistsDescr) {
            boolean known = true;
            for (Object child : ((ConditionalElementDescr) descr).getDescrs()) {
                known &= collectFactTypes((BaseDescr) child, factsRead);
            }
            return known;
        }
        return descr instanceof EvalDescr;
    }

    /**
     * Which points a {@code ScorePoints} pattern matches: those of one card when one of its top-level constraints is
     * {@code card == Scorecard.CHURN} (only that card's points can match), else null: the engine then inserts every
     * earlier stage's points (see {@link CompiledPack#readsPoints}). A card the enum does not have reads as none named:
     * the build reports it.
     */
    private static Scorecard cardRead(PatternDescr pattern) {
        if (pattern.getConstraint() != null) {
            for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expression) {
                    Matcher card = CARD_EQUALS.matcher(expression.getExpression());
                    if (card.matches()) {
                        return Arrays.stream(Scorecard.values()).filter(c -> c.name().equals(card.group(1)))
                                .findFirst().orElse(null);
                    }
                }
            }
        }
        return null;
    }

    private KieBase build(PackSource source, Map<String, String> drls, Map<String, DecisionTable> tables,
                          Map<String, String> packages, List<CompileError> errors) {
        // A unique ReleaseId per build: the repository keeps modules by id, and an id reused while
        // another thread builds the same pack would hand out the wrong KieBase.
        ReleaseId releaseId = kieServices.newReleaseId("io.decisioning.packs", source.name(),
                source.version() + "." + builds.incrementAndGet());
        KieFileSystem files = kieServices.newKieFileSystem();
        files.generateAndWritePomXML(releaseId);
        Map<String, String> fileOfPath = new HashMap<>();
        drls.forEach((file, drl) -> {
            // in the folder of its package, or Drools warns about every file
            String folder = packages.getOrDefault(file, "").replace('.', '/');
            String path = "src/main/resources/" + (folder.isEmpty() ? "" : folder + "/") + file
                    + (file.endsWith(".drl") ? "" : ".drl");
            fileOfPath.put(path.substring("src/main/resources/".length()), file);
            files.write(path, drl);
        });
        try {
            KieBuilder builder = kieServices.newKieBuilder(files).buildAll(DrlProject.class);
            List<Message> messages = builder.getResults().getMessages(Message.Level.ERROR);
            for (Message message : messages) {
                if (message.getText().contains("Parser returned a null Package") && messages.size() > 1) {
                    continue;
                }
                String file = fileOfPath.getOrDefault(message.getPath(), message.getPath() == null ? "" : message.getPath());
                int line = message.getLine();
                Matcher position = POSITION.matcher(message.getText());
                // Drools counts columns from 0 ("Line 6:0"), a CompileError from 1 (0 = unknown)
                int column = position.find() ? Integer.parseInt(position.group(2)) + 1 : 0;
                DecisionTable table = tables.get(file);
                errors.add(table != null ? table.errorAt(line, message.getText().trim())
                        : new CompileError(file, Math.max(line, 0), column, message.getText().trim()));
            }
            if (!errors.isEmpty()) {
                return null;
            }
            return kieServices.newKieContainer(releaseId).getKieBase();
        } finally {
            // The KieBase lives on without its module; leaving modules in the repository would keep
            // every superseded version of every pack in memory.
            kieServices.getRepository().removeKieModule(releaseId);
        }
    }
}
