package io.decisioning.rules.engine;
import java.util.*;
public class StageProbe {
    public static void main(String[] a) {
        RuleSet rs = ShippedPacks.ruleSet(new PackCompiler());
        Random r = new Random(1);
        List<EvaluationInput> in = new ArrayList<>();
        for (int i = 0; i < 1000; i++) in.add(ProfileFixtures.varied(r, i));
        for (int i = 0; i < 300; i++) rs.evaluate(in);
        RuleSet.STAGE_NANOS.clear();
        long t = System.nanoTime();
        for (int i = 0; i < 200; i++) rs.evaluate(in);
        long total = System.nanoTime() - t;
        System.out.println("per customer us total " + total / 200_000 / 1000.0);
        RuleSet.STAGE_NANOS.forEach((k, v) -> System.out.println(k + " " + v.get() / 200_000 / 1000.0));
    }
}
