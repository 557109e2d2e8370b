package io.decisioning.rules.engine;

import io.decisioning.rules.LinkDecided;
import io.decisioning.rules.LinkOutcome;
import io.decisioning.rules.RecordPair;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

/**
 * Evaluates pairs of records with the packs whose subject is {@link PackSubject#PAIR} (the {@code identity}
 * pack): every pack sees every pair; of the {@link LinkDecided} outcomes the rules insert for a pair, the
 * one of the rule with the highest salience decides (ties: the pack that runs first, then the rule name).
 * A pair no rule decides is {@link LinkOutcome#NO_LINK}: linking two records takes a rule that says so.
 */
final class Linking {

    /** Rule firings per pair before the engine takes the pack to loop. */
    static final int FIRINGS_PER_PAIR = 50;
    static final String NO_RULE = "no rule";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final Map<String, RecordComponent> FIELDS = new HashMap<>();

    static {
        for (RecordComponent component : RecordPair.class.getRecordComponents()) {
            FIELDS.put(component.getName(), component);
        }
    }

    private Linking() {
    }

    /** Whether a reason placeholder names a field of {@link RecordPair}. */
    static boolean isField(String name) {
        return FIELDS.containsKey(name);
    }

    static List<LinkDecision> decide(List<CompiledPack> packs, List<RecordPair> pairs) {
        Map<String, Decided> decided = new HashMap<>(pairs.size() * 2);
        Map<String, RecordPair> byId = new HashMap<>(pairs.size() * 2);
        for (RecordPair pair : pairs) {
            if (byId.put(pair.pairId(), pair) != null) {
                throw new IllegalArgumentException("pair " + pair.pairId() + " is twice in the batch");
            }
        }
        for (int stage = 0; stage < packs.size(); stage++) {
            run(packs.get(stage), stage, pairs, byId, decided);
        }
        List<LinkDecision> out = new ArrayList<>(pairs.size());
        for (RecordPair pair : pairs) {
            Decided d = decided.get(pair.pairId());
            out.add(d == null
                    ? new LinkDecision(pair.pairId(), LinkOutcome.NO_LINK, new Reason("identity", 0, NO_RULE,
                    new Sentence("no rule links the two records", "没有规则把这两条记录认定为同一客户")))
                    : new LinkDecision(pair.pairId(), d.outcome, new Reason(d.pack.name(), d.pack.version(), d.rule.name(),
                    message(d.rule, pair))));
        }
        return out;
    }

    private static void run(CompiledPack pack, int stage, List<RecordPair> pairs, Map<String, RecordPair> byId,
                            Map<String, Decided> decided) {
        KieSession session = pack.kieBase.newKieSession();
        List<String> problems = new ArrayList<>(1);
        RuleRuntimeEventListener recorder = new RuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                Rule rule = event.getRule();
                if (rule == null || !(event.getObject() instanceof LinkDecided link)) {
                    return;
                }
                if (!byId.containsKey(link.pairId())) {
                    problems.add("rule \"" + rule.getName() + "\" of pack " + pack + " decided for pair " + link.pairId()
                            + ", which is not being evaluated");
                    return;
                }
                CompiledRule compiled = pack.rules.getOrDefault(rule.getName(), new CompiledRule(rule.getName(), null, 0));
                Decided candidate = new Decided(pack, stage, compiled, link.outcome());
                decided.merge(link.pairId(), candidate, (a, b) -> a.beats(b) ? a : b);
            }

            @Override
            public void objectUpdated(ObjectUpdatedEvent event) {
            }

            @Override
            public void objectDeleted(ObjectDeletedEvent event) {
            }
        };
        int limit = FIRINGS_PER_PAIR * Math.max(1, pairs.size());
        try {
            pairs.forEach(session::insert);
            session.addEventListener(recorder);
            int fired = session.fireAllRules(limit);
            if (fired >= limit) {
                throw EvaluationException.looped(pack, fired, pairs.size(), "pairs");
            }
        } catch (RuntimeException e) {
            throw EvaluationException.failed(pack, e);
        } finally {
            session.dispose();
        }
        if (!problems.isEmpty()) {
            throw new EvaluationException(problems.get(0));
        }
    }

    /**
     * The rule's {@code @reason} with {field} filled from the pair, else its title and the evidence (in Chinese the
     * evidence alone: "姓名相同，电话相同").
     */
    private static Sentence message(CompiledRule rule, RecordPair pair) {
        ReasonTemplate reason = rule.reason();
        if (reason == null || reason.explicit() == null) {
            String title = rule.name().replaceFirst("^[A-Z]{2,4}-\\d{2,4}\\s+", "");
            List<String> en = new ArrayList<>();
            List<String> zh = new ArrayList<>();
            if (pair.identityConflict()) {
                en.add("different identity numbers");
                zh.add("证件号码不同");
            }
            if (pair.sameIdentity()) {
                en.add("same identity");
                zh.add("证件相同");
            }
            if (pair.sameName()) {
                en.add("same name");
                zh.add("姓名相同");
            }
            if (pair.sameBirthDate()) {
                en.add("same birth date");
                zh.add("出生日期相同");
            }
            if (pair.samePhone()) {
                en.add("same phone");
                zh.add("电话相同");
            }
            return en.isEmpty() ? Sentence.of(title)
                    : new Sentence(title + " (" + String.join(", ", en) + ")", String.join("，", zh));
        }
        return new Sentence(fill(reason.explicit(), pair), fill(reason.explicitZh(), pair));
    }

    private static String fill(String explicit, RecordPair pair) {
        Matcher matcher = PLACEHOLDER.matcher(explicit);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            RecordComponent field = FIELDS.get(matcher.group(1));
            String value;
            try {
                value = field == null ? matcher.group() : String.valueOf(field.getAccessor().invoke(pair));
            } catch (ReflectiveOperationException e) {
                value = matcher.group();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private record Decided(CompiledPack pack, int stage, CompiledRule rule, LinkOutcome outcome) {

        boolean beats(Decided other) {
            if (rule.salience() != other.rule.salience()) {
                return rule.salience() > other.rule.salience();
            }
            if (stage != other.stage) {
                return stage < other.stage;
            }
            return rule.name().compareTo(other.rule.name()) <= 0;
        }
    }
}
