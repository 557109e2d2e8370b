package io.decisioning.service.rulepack;

import io.decisioning.rules.engine.Compilation;
import io.decisioning.rules.engine.CompileError;
import io.decisioning.rules.engine.CompiledPack;
import io.decisioning.rules.engine.LintFinding;
import io.decisioning.rules.engine.PackOrderException;
import io.decisioning.rules.engine.PackSource;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.rules.engine.ScenarioResult;
import io.decisioning.rules.engine.ScenarioRunner;
import io.decisioning.rules.engine.Sentence;
import io.decisioning.rules.engine.TableCells;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.engine.PackStore;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.export.Download;
import io.decisioning.service.system.ConflictException;
import io.decisioning.service.system.ForbiddenException;
import io.decisioning.service.system.InvalidInputException.FieldProblem;
import io.decisioning.service.system.InvalidInputException;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.RulesProperties;
import io.decisioning.service.system.UserAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lifecycle of rule pack versions (issue 4): drafts stored even when invalid, with every
 * compile error; scenario tests; maker-checker publishing; rollback. Every step is in the audit
 * trail. Publishing commits the new state, then swaps this node's live rules; the other nodes
 * follow from the database within seconds ({@link RulePackWatcher}).
 */
@Service
public class RulePackService {

    static final long MAX_FILE_BYTES = 2L * 1024 * 1024;
    static final long MAX_VERSION_BYTES = 8L * 1024 * 1024;
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final List<String> KINDS = List.of(".drl", ".drl.csv", ".drl.xlsx", ".drl.xls", ".scenarios.csv", ".md");
    private static final String DESCRIPTOR = "pack.properties";
    private static final String POSTED_SCENARIOS = "posted-with-the-request.scenarios.csv";
    private static final Logger log = LoggerFactory.getLogger(RulePackService.class);

    private final RulePackRepository repository;
    private final PackStore store;
    private final RuleEngine engine;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    /** Lint findings as stored: each message in both languages, answered in the reader's. */
    private static final TypeReference<List<LintFinding>> FINDINGS = new TypeReference<>() {
    };

    private final JsonMapper json;
    private final RulesProperties.Packs settings;
    private final SimulationRepository simulations;
    private final BacktestRepository backtests;
    private final Clock clock;

    RulePackService(RulePackRepository repository, PackStore store, RuleEngine engine, AuditTrail audit,
                    PlatformTransactionManager transactions, JsonMapper json, RulesProperties properties,
                    SimulationRepository simulations, BacktestRepository backtests, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.store = store;
        this.engine = engine;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
        this.settings = properties.packs();
        this.simulations = simulations;
        this.backtests = backtests;
    }

    /** Every pack with its published version and its versions, oldest first. */
    public List<PackSummary> list() {
        List<PackSummary> packs = new ArrayList<>();
        for (String pack : repository.packs()) {
            List<PackVersion> versions = repository.versions(pack);
            Integer published = versions.stream().filter(v -> v.status() == VersionStatus.PUBLISHED)
                    .map(PackVersion::version).findFirst().orElse(null);
            packs.add(new PackSummary(pack, published, versions.stream().map(VersionSummary::of).toList()));
        }
        return packs;
    }

    /**
     * A version for {@code user}: its simulation's examples only those in the user's branch scope, as {@code GET
     * .../simulation} gives them, and its latest back-test (counts only), as {@code GET .../backtest} gives it.
     */
    public VersionDetail get(String pack, int version, UserAccount user) {
        PackVersion stored = version(pack, version);
        PackSource source = store.source(pack, version).orElseThrow();
        Map<String, String> files = new TreeMap<>();
        source.files().forEach((name, content) -> files.put(name, isBinary(name)
                ? Base64.getEncoder().encodeToString(content)
                : new String(content, StandardCharsets.UTF_8)));
        return new VersionDetail(stored, files, stored.lint() == null ? List.of() : json.readValue(stored.lint(), FINDINGS),
                repository.testResults(pack, version).map(r -> json.readValue(r, Object.class)).orElse(null),
                simulations.find(pack, version).map(s -> s.visibleTo(user, SimulationService.EXAMPLES_PER_TRANSITION)).orElse(null),
                backtests.latest(pack, version).orElse(null));
    }

    /** A table file of a version as a grid of cells (see {@link TableCells}). */
    public record TableGrid(String file, List<TableCells.Sheet> sheets) {
    }

    /**
     * The cells of a decision table or scenario file of a version: 404 for an unknown pack, version or
     * file, 400 (with the field named) for a file that is not a table or a workbook that cannot be read.
     */
    public TableGrid grid(String pack, int version, String file) {
        version(pack, version);
        PackSource source = store.source(pack, version).orElseThrow();
        byte[] content = source.files().get(file);
        if (content == null) {
            throw new NotFoundException(new Sentence("Version " + version + " of " + pack + " has no file " + file + ".",
                    "规则包 " + pack + " 的版本 " + version + " 没有文件 " + file + "。"));
        }
        if (!TableCells.isTable(file)) {
            throw new InvalidInputException("file", new Sentence("is not a table (.csv, .xlsx or .xls)",
                    "不是表格文件（.csv、.xlsx 或 .xls）"));
        }
        try {
            return new TableGrid(file, TableCells.read(file, content));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("file", new Sentence("cannot be read as a workbook: " + e.getMessage(),
                    "无法作为工作簿读取：" + e.getMessage()));
        }
    }

    /** A file of a version as it is downloaded: its name, media type and bytes. */
    public record PackFile(String name, String mediaType, byte[] content) {
    }

    /**
     * A file of a version as stored, byte for byte; a CSV decision table ({@code .drl.csv}) asked for as a workbook
     * comes as {@code name.drl.xlsx} with the same cells, which compiles to the same rules when it replaces the CSV
     * file in a draft. 404 for an unknown pack, version or file.
     */
    public PackFile file(String pack, int version, String file, boolean asWorkbook) {
        version(pack, version);
        byte[] content = store.source(pack, version).orElseThrow().files().get(file);
        if (content == null) {
            throw new NotFoundException(new Sentence("Version " + version + " of " + pack + " has no file " + file + ".",
                    "规则包 " + pack + " 的版本 " + version + " 没有文件 " + file + "。"));
        }
        if (asWorkbook && file.endsWith(".drl.csv")) {
            try {
                String stem = file.substring(0, file.length() - ".drl.csv".length());
                return new PackFile(stem + ".drl.xlsx", Download.XLSX,
                        TableCells.workbook(TableCells.read(file, content), stem));
            } catch (IOException e) {
                throw new InvalidInputException("file", new Sentence("cannot be read as a table: " + e.getMessage(),
                        "无法作为表格读取：" + e.getMessage()));
            }
        }
        return new PackFile(file, mediaType(file), content);
    }

    private static String mediaType(String file) {
        if (file.endsWith(".xlsx")) {
            return Download.XLSX;
        }
        if (file.endsWith(".xls")) {
            return "application/vnd.ms-excel";
        }
        if (file.endsWith(".csv")) {
            return Download.CSV + ";charset=UTF-8";
        }
        return file.endsWith(".md") ? "text/markdown;charset=UTF-8" : "text/plain;charset=UTF-8";
    }

    /** Stores a new DRAFT version: valid or not, with every compile error; 400 only for a malformed request. */
    public DraftCreated createDraft(String pack, NewVersion request, String user) {
        return storeDraft(pack, files(pack, request), request.comment(), user, "request");
    }

    /**
     * Stores a zip of a version's files (as {@link #exportZip} writes them, or a pack's folder zipped) as a new DRAFT
     * of the pack, its files the whole version, checked as any draft's: 400 naming the entry for a path outside the
     * pack, an unknown kind of file or a size over the limits, and then nothing is stored.
     */
    public DraftCreated importDraft(String pack, byte[] zip, @Nullable String comment, String user) {
        Map<String, byte[]> files = PackZip.read(zip);
        List<FieldProblem> problems = new ArrayList<>();
        files.keySet().forEach(name -> checkName(name, name, problems));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return storeDraft(pack, files, comment, user, "zip");
    }

    /** The version's files as a zip (see {@link PackZip}); 404 for an unknown pack or version. */
    public byte[] exportZip(String pack, int version) {
        version(pack, version);
        return PackZip.write(store.source(pack, version).orElseThrow().files());
    }

    private DraftCreated storeDraft(String pack, Map<String, byte[]> files, @Nullable String comment, String user,
                                    String source) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> {
                    List<PackVersion> versions = repository.lockPack(pack);
                    if (versions.isEmpty()) {
                        throw new NotFoundException(new Sentence("No rule pack " + pack + ".", "规则包 " + pack + " 不存在。"));
                    }
                    int number = versions.get(versions.size() - 1).version() + 1;
                    Compilation compilation = engine.compile(new PackSource(pack, number, files));
                    List<CompileError> errors = compilation.errors();
                    String lint = json.writeValueAsString(Lint.of(new PackSource(pack, number, files), settings.runawayLimit()));
                    Instant now = clock.instant();
                    repository.insertDraft(pack, number, user, now, comment, errors.isEmpty(), errors, lint, files);
                    audit.record(user, "RULE_PACK_DRAFT", "RULE_PACK_VERSION", pack + ":" + number, Map.of(
                            "valid", errors.isEmpty(), "errors", errors.size(), "files", files.keySet(),
                            "comment", comment == null ? "" : comment, "from", source));
                    return new DraftCreated(pack, number, VersionStatus.DRAFT, errors.isEmpty(), errors,
                            json.readValue(lint, FINDINGS));
                });
            } catch (DuplicateKeyException raced) {
                if (attempt >= 3) {
                    throw raced;
                }
            }
        }
    }

    /**
     * Runs the version's scenarios (and those posted) on the published rules with this version in
     * its pack's place, and keeps the result with the version.
     */
    public TestRun test(String pack, int version, @Nullable String postedScenarios, String user) {
        PackVersion stored = version(pack, version);
        if (!stored.valid()) {
            throw new ConflictException(new Sentence("Version " + version + " of " + pack
                    + " does not compile; fix its errors first.", "规则包 " + pack + " 的版本 " + version + " 无法编译，请先修正其错误。"));
        }
        TestRun run = runScenarios(pack, version, postedScenarios);
        tx.executeWithoutResult(status -> {
            repository.saveTestRun(pack, version, run.passed(), run.failed(), json.writeValueAsString(run), clock.instant());
            audit.record(user, "RULE_PACK_TEST", "RULE_PACK_VERSION", pack + ":" + version,
                    Map.of("passed", run.passed(), "failed", run.failed()));
        });
        return run;
    }

    private TestRun runScenarios(String pack, int version, @Nullable String postedScenarios) {
        CompiledPack compiled = engine.prepared(pack, version);
        RuleSet rules = withLiveRules(compiled);
        PackSource source = compiled.source();
        if (postedScenarios != null && !postedScenarios.isBlank()) {
            Map<String, byte[]> files = new LinkedHashMap<>(source.files());
            files.put(POSTED_SCENARIOS, postedScenarios.getBytes(StandardCharsets.UTF_8));
            source = new PackSource(pack, version, files);
        }
        List<ScenarioResult> results;
        PackSource scenarios = source;
        try {
            results = RunawayGuard.call("The scenarios of version " + version + " of " + pack, settings.runawayLimit(),
                    () -> ScenarioRunner.run(rules, scenarios));
        } catch (RunawayGuard.RunawayRulesException runaway) {
            engine.forget(pack, version);
            throw new ConflictException(new Sentence(runaway.getMessage(), "规则包 " + pack + " 的版本 " + version
                    + " 的场景未在 " + settings.runawayLimit().toSeconds() + " 秒内完成：某条规则的动作没有返回（then 部分有死循环？），"
                    + "已被停止"));
        } catch (IllegalArgumentException badScenarioFile) {
            String problem = String.valueOf(badScenarioFile.getMessage());
            throw new InvalidInputException("scenarios", new Sentence(problem, "场景文件有误：" + problem));
        }
        List<TestRun.Result> out = results.stream().map(TestRun.Result::of).toList();
        int passed = (int) results.stream().filter(ScenarioResult::passed).count();
        return new TestRun(passed, results.size() - passed, out);
    }

    /**
     * The live rules with this version in its pack's place, as its scenarios and publishing run them; 409
     * when they cannot run together (a pack after the decision that would change it).
     */
    private RuleSet withLiveRules(CompiledPack version) {
        try {
            return engine.current().with(version);
        } catch (PackOrderException e) {
            throw new ConflictException(packOrder(e));
        }
    }

    /**
     * The engine's refusal of a pack after the decision that would change it: its English as the engine wrote it, and
     * the same facts in Chinese.
     */
    static Sentence packOrder(PackOrderException e) {
        return new Sentence(e.getMessage(), "规则包 " + e.pack() + "（顺序 " + e.order() + "）在决策之后运行（决策由规则包 "
                + e.decisionPack() + "（顺序 " + e.decisionOrder() + "）作出），其规则可以读取等级、层级和决策，但不能更改："
                + String.join("；", e.rules()) + "。请将这些规则移到决策之前的规则包（顺序小于 " + e.decisionOrder()
                + "），或将其删除");
    }

    /**
     * Publishes a version: by someone other than its author, only when it compiles, its scenarios
     * pass on the rules live now, and (when {@code rules.packs.require-simulation}) a simulation of
     * it finished. The pack's published version is retired in the same transaction; this node's
     * rules are swapped right after the commit.
     */
    public VersionSummary publish(String pack, int version, String user) {
        PackVersion stored = version(pack, version);
        if (stored.author().equals(user)) {
            throw new ForbiddenException(new Sentence("Version " + version + " of " + pack + " was written by " + user
                    + "; another approver must publish it (maker-checker).",
                    "规则包 " + pack + " 的版本 " + version + " 由 " + user + " 编写，须由另一位审批人发布（编审分离）。"));
        }
        if (!stored.valid()) {
            throw new ConflictException(new Sentence("Version " + version + " of " + pack
                    + " does not compile and cannot be published.", "规则包 " + pack + " 的版本 " + version + " 无法编译，不能发布。"));
        }
        if (stored.status() == VersionStatus.PUBLISHED) {
            throw new ConflictException(new Sentence("Version " + version + " of " + pack + " is already published.",
                    "规则包 " + pack + " 的版本 " + version + " 已发布。"));
        }
        TestRun tests = runScenarios(pack, version, null);
        if (tests.failed() > 0) {
            throw new ConflictException(new Sentence(tests.failed() + " of the " + (tests.passed() + tests.failed())
                    + " scenarios of version " + version + " of " + pack + " fail; it cannot be published.",
                    "规则包 " + pack + " 的版本 " + version + " 的 " + (tests.passed() + tests.failed()) + " 个场景中有 "
                            + tests.failed() + " 个未通过，不能发布。"));
        }
        if (settings.requireSimulation() && !simulations.finished(pack, version)) {
            throw new ConflictException(new Sentence("Version " + version + " of " + pack
                    + " has no finished simulation; simulate it so the approver sees its impact, then publish.",
                    "规则包 " + pack + " 的版本 " + version + " 没有已完成的模拟，请先模拟，让审批人看到其影响，再发布。"));
        }
        tx.executeWithoutResult(status -> {
            List<PackVersion> versions = repository.lockPack(pack);
            PackVersion current = versions.stream().filter(v -> v.version() == version).findFirst().orElseThrow();
            if (current.status() == VersionStatus.PUBLISHED) {
                throw new ConflictException(new Sentence("Version " + version + " of " + pack + " was published meanwhile.",
                        "规则包 " + pack + " 的版本 " + version + " 已在此期间发布。"));
            }
            Instant now = clock.instant();
            Optional<PackVersion> previous = versions.stream().filter(v -> v.status() == VersionStatus.PUBLISHED).findFirst();
            previous.ifPresent(p -> repository.markRetired(pack, p.version(), user, now));
            repository.markPublished(pack, version, user, now);
            repository.saveTestRun(pack, version, tests.passed(), tests.failed(), json.writeValueAsString(tests), now);
            audit.record(user, "RULE_PACK_PUBLISH", "RULE_PACK_VERSION", pack + ":" + version, Map.of(
                    "author", stored.author(), "previous", previous.map(PackVersion::version).orElse(0),
                    "scenariosPassed", tests.passed()));
        });
        swapNow(pack);
        return VersionSummary.of(version(pack, version));
    }

    /** Re-publishes the version published before the current one; the current one is retired. */
    public VersionSummary rollback(String pack, @Nullable String reason, String user) {
        int restored = tx.execute(status -> {
            List<PackVersion> versions = repository.lockPack(pack);
            if (versions.isEmpty()) {
                throw new NotFoundException(new Sentence("No rule pack " + pack + ".", "规则包 " + pack + " 不存在。"));
            }
            PackVersion current = versions.stream().filter(v -> v.status() == VersionStatus.PUBLISHED).findFirst()
                    .orElseThrow(() -> new ConflictException(new Sentence("Pack " + pack + " has no published version.",
                            "规则包 " + pack + " 没有已发布的版本。")));
            long currentSeq = current.publicationSeq() == null ? 0 : current.publicationSeq();
            PackVersion previous = versions.stream()
                    .filter(v -> v.status() == VersionStatus.RETIRED && v.publicationSeq() != null
                            && v.publicationSeq() < currentSeq)
                    .max((a, b) -> Long.compare(a.publicationSeq(), b.publicationSeq()))
                    .orElseThrow(() -> new ConflictException(new Sentence("Pack " + pack
                            + " has no earlier published version to go back to.", "规则包 " + pack + " 没有可回退的更早发布版本。")));
            Instant now = clock.instant();
            repository.markRetired(pack, current.version(), user, now);
            repository.markPublished(pack, previous.version(), user, now);
            audit.record(user, "RULE_PACK_ROLLBACK", "RULE_PACK_VERSION", pack + ":" + previous.version(), Map.of(
                    "from", current.version(), "to", previous.version(), "reason", reason == null ? "" : reason));
            return previous.version();
        });
        swapNow(pack);
        return VersionSummary.of(version(pack, restored));
    }

    private void swapNow(String pack) {
        try {
            engine.refresh();
        } catch (RuntimeException e) {
            // committed: the watcher retries; the node keeps its previous rules until then
            log.error("Published a new version of {} but could not swap this node's rules yet", pack, e);
        }
    }

    /** Locks the version's row until the caller's transaction ends: runs over the book of one version take turns to start. */
    void lockVersion(String pack, int version) {
        repository.lockVersion(pack, version);
    }

    PackVersion version(String pack, int version) {
        return repository.version(pack, version)
                .orElseThrow(() -> new NotFoundException(new Sentence("No version " + version + " of rule pack " + pack + ".",
                        "规则包 " + pack + " 的版本 " + version + " 不存在。")));
    }

    /** The request's files, decoded and checked, merged onto the base version when one is named. */
    private Map<String, byte[]> files(String pack, NewVersion request) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, byte[]> files = new TreeMap<>();
        if (request.baseVersion() != null) {
            PackSource base = store.source(pack, request.baseVersion()).orElseThrow(() -> new InvalidInputException(
                    "baseVersion", new Sentence("pack " + pack + " has no version " + request.baseVersion(),
                            "规则包 " + pack + " 没有版本 " + request.baseVersion())));
            files.putAll(base.files());
        }
        long total = 0;
        for (Map.Entry<String, String> file : request.files().entrySet()) {
            String name = file.getKey();
            String field = "files." + name;
            if (!checkName(name, field, problems)) {
                continue;
            }
            if (file.getValue() == null) {
                if (request.baseVersion() == null) {
                    problems.add(new FieldProblem(field, new Sentence(
                            "is null; null removes a file of the base version, and there is none",
                            "为 null；null 表示删除基础版本中的文件，但没有基础版本")));
                }
                files.remove(name);
                continue;
            }
            byte[] content;
            if (isBinary(name)) {
                try {
                    content = Base64.getMimeDecoder().decode(file.getValue());
                } catch (IllegalArgumentException e) {
                    problems.add(new FieldProblem(field, new Sentence("a spreadsheet is sent as base64",
                            "电子表格须以 base64 编码发送")));
                    continue;
                }
            } else {
                content = file.getValue().getBytes(StandardCharsets.UTF_8);
            }
            if (content.length > MAX_FILE_BYTES) {
                problems.add(new FieldProblem(field, new Sentence("is larger than " + MAX_FILE_BYTES / 1024 + " KiB",
                        "超过 " + MAX_FILE_BYTES / 1024 + " KiB")));
                continue;
            }
            total += content.length;
            files.put(name, content);
        }
        if (total > MAX_VERSION_BYTES) {
            problems.add(new FieldProblem("files", new Sentence("are larger than " + MAX_VERSION_BYTES / 1024 / 1024
                    + " MiB together", "合计超过 " + MAX_VERSION_BYTES / 1024 / 1024 + " MiB")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (request.baseVersion() != null && !request.files().containsKey(DESCRIPTOR)) {
            keepTablesInPlace(files, request.files());
        }
        return files;
    }

    /** The forms of a decision table; the same table in another form has the same name before the form. */
    private static final List<String> TABLE_FORMS = List.of(".drl.csv", ".drl.xlsx", ".drl.xls");

    /**
     * A decision table replaced by itself in another form ({@code x.drl.csv} removed and {@code x.drl.xlsx} added, as
     * after editing the downloaded workbook in Excel, or the other way) keeps its place in the descriptor's list of
     * files, which orders the tables; a descriptor given with the request is taken as it is.
     */
    private static void keepTablesInPlace(Map<String, byte[]> files, Map<String, @Nullable String> requested) {
        byte[] descriptor = files.get(DESCRIPTOR);
        if (descriptor == null) {
            return;
        }
        String text = new String(descriptor, StandardCharsets.UTF_8);
        String edited = text;
        for (Map.Entry<String, @Nullable String> file : requested.entrySet()) {
            String removed = file.getKey();
            String form = TABLE_FORMS.stream().filter(removed::endsWith).findFirst().orElse(null);
            if (file.getValue() != null || form == null) {
                continue;
            }
            String stem = removed.substring(0, removed.length() - form.length());
            for (String other : TABLE_FORMS) {
                if (!other.equals(form) && requested.get(stem + other) != null) {
                    edited = edited.replaceAll("(?m)^(\\s*files\\s*[=:].*?)(?<![A-Za-z0-9._-])" + Pattern.quote(removed)
                            + "(?![A-Za-z0-9._-])", "$1" + Matcher.quoteReplacement(stem + other));
                }
            }
        }
        if (!edited.equals(text)) {
            files.put(DESCRIPTOR, edited.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Whether the name is one a pack's file may have; else a problem of {@code field} saying why. */
    private static boolean checkName(String name, String field, List<FieldProblem> problems) {
        if (!FILE_NAME.matcher(name).matches() || name.contains("..")) {
            problems.add(new FieldProblem(field, new Sentence("a file name is letters, digits, '.', '-' and '_' (at most 100)",
                    "文件名只能由字母、数字、'.'、'-' 和 '_' 组成（最多 100 个字符）")));
            return false;
        }
        if (!name.equals(DESCRIPTOR) && KINDS.stream().noneMatch(name::endsWith)) {
            problems.add(new FieldProblem(field, new Sentence("must be " + DESCRIPTOR + " or end with one of " + KINDS,
                    "必须为 " + DESCRIPTOR + " 或以下列后缀之一结尾：" + KINDS)));
            return false;
        }
        return true;
    }

    static boolean isBinary(String fileName) {
        return fileName.endsWith(".xlsx") || fileName.endsWith(".xls");
    }

    /** A pack as {@code GET /api/v1/rule-packs} lists it (DESIGN.md section 5). */
    public record PackSummary(String name, @Nullable Integer publishedVersion, List<VersionSummary> versions) {
    }

    public record VersionSummary(String pack, int version, VersionStatus status, String author, Instant createdAt,
                                 @Nullable String comment, boolean valid, @Nullable Integer testPassed,
                                 @Nullable Integer testFailed, @Nullable String publishedBy, @Nullable Instant publishedAt) {
        static VersionSummary of(PackVersion v) {
            return new VersionSummary(v.pack(), v.version(), v.status(), v.author(), v.createdAt(), v.comment(), v.valid(),
                    v.testPassed(), v.testFailed(), v.publishedBy(), v.publishedAt());
        }
    }

    /** A version with its files, compile errors, lint findings, last test run, simulation and latest back-test. */
    public record VersionDetail(PackVersion version, Map<String, String> files, List<LintFinding> lint,
                                @Nullable Object lastTest, @Nullable Object simulation, @Nullable Backtest backtest) {
    }

    /** The answer to a new version (DESIGN.md section 5), with the lint findings besides. */
    public record DraftCreated(String pack, int version, VersionStatus status, boolean valid, List<CompileError> errors,
                               List<LintFinding> lint) {
    }

    /** The answer to a test run (DESIGN.md section 5). */
    public record TestRun(int passed, int failed, List<Result> results) {

        public record Result(String file, int line, String name, boolean passed, List<ScenarioResult.Mismatch> mismatches) {
            static Result of(ScenarioResult r) {
                return new Result(r.file(), r.line(), r.name(), r.passed(), r.mismatches());
            }
        }
    }
}
