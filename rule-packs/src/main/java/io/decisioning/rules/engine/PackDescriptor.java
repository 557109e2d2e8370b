package io.decisioning.rules.engine;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * A pack's {@code pack.properties}: where the pack runs in the pipeline ({@code order}, lower runs
 * first), what it is for ({@code description}), how its rules settle single-valued outcomes
 * ({@code hitPolicy}: {@code FIRST} or {@code UNIQUE}, the default), its files ({@code files},
 * comma-separated; a listing is needed because classpath folders cannot be listed reliably inside a jar)
 * and what it decides about ({@code subject}: {@code customer}, the default, or {@code pair}), and the
 * optional CRM data it needs ({@code needs}, comma-separated, e.g. {@code premium_due}): for a customer
 * whose figures lack one, the pack does not run (it gives nothing and is not among the evaluation's packs),
 * so a CRM that does not fill an optional table is evaluated as before it existed.
 */
record PackDescriptor(int order, String description, HitPolicy hitPolicy, List<String> files, PackSubject subject,
                      List<String> needs) {

    PackDescriptor(int order, String description, HitPolicy hitPolicy, List<String> files, PackSubject subject) {
        this(order, description, hitPolicy, files, subject, List.of());
    }

    static final String FILE = "pack.properties";

    static PackDescriptor parse(byte[] content) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + FILE + ": " + e.getMessage(), e);
        }
        String order = properties.getProperty("order");
        if (order == null || !order.trim().matches("-?\\d{1,6}")) {
            throw new IllegalArgumentException("order must be a whole number (lower runs first), was " + order);
        }
        String policy = properties.getProperty("hitPolicy", HitPolicy.UNIQUE.name()).trim();
        if (Arrays.stream(HitPolicy.values()).noneMatch(p -> p.name().equals(policy))) {
            throw new IllegalArgumentException("hitPolicy must be FIRST (the rule with the highest salience that holds"
                    + " wins) or UNIQUE (two outcomes of a kind are an error), was " + policy);
        }
        String files = properties.getProperty("files", "");
        String subject = properties.getProperty("subject", "customer").trim().toUpperCase(java.util.Locale.ROOT);
        if (Arrays.stream(PackSubject.values()).noneMatch(s -> s.name().equals(subject))) {
            throw new IllegalArgumentException("subject must be customer (the pack decides about customers) or pair"
                    + " (it decides whether two CRM records are one party), was " + properties.getProperty("subject"));
        }
        List<String> needs = Arrays.stream(properties.getProperty("needs", "").split(",")).map(String::trim)
                .filter(n -> !n.isEmpty()).distinct().toList();
        for (String need : needs) {
            if (!io.decisioning.rules.CustomerProfile.OPTIONAL_DATA.contains(need)) {
                throw new IllegalArgumentException("needs names optional CRM data the pack cannot run without, one of "
                        + new java.util.TreeSet<>(io.decisioning.rules.CustomerProfile.OPTIONAL_DATA) + "; was " + need);
            }
        }
        scorecardGaps(properties);
        if (!needs.isEmpty() && PackSubject.valueOf(subject) == PackSubject.PAIR) {
            throw new IllegalArgumentException("needs is for packs that decide about customers; a pair pack runs on"
                    + " every pair of records");
        }
        return new PackDescriptor(Integer.parseInt(order.trim()), properties.getProperty("description", "").trim(),
                HitPolicy.valueOf(policy),
                Arrays.stream(files.split(",")).map(String::trim).filter(f -> !f.isEmpty()).toList(),
                PackSubject.valueOf(subject), needs);
    }

    /**
     * Whether a customer in no bin of one of the pack's scorecard characteristics simply scores 0 for it
     * ({@code scorecardGaps=zero}): the tables list only the bins that give points, as a card of things to watch
     * for does, and the lint notes their gaps rather than warning of them. The default, {@code warn}, expects every
     * characteristic's bins to cover its range, 0-point bins included, so that every customer's reasons show it.
     */
    static boolean scorecardGapsScoreZero(Properties properties) {
        return scorecardGaps(properties);
    }

    private static boolean scorecardGaps(Properties properties) {
        String gaps = properties.getProperty("scorecardGaps", "warn").trim();
        if (!gaps.equals("warn") && !gaps.equals("zero")) {
            throw new IllegalArgumentException("scorecardGaps must be warn (every characteristic's bins cover its range,"
                    + " 0-point bins included) or zero (a customer in no bin scores 0 for it), was " + gaps);
        }
        return gaps.equals("zero");
    }

    /** The subject a pack's files declare; {@link PackSubject#CUSTOMER} when they declare none or cannot be read. */
    static PackSubject subjectOf(PackSource source) {
        byte[] content = source.files().get(FILE);
        if (content == null) {
            return PackSubject.CUSTOMER;
        }
        try {
            return parse(content).subject();
        } catch (IllegalArgumentException e) {
            return PackSubject.CUSTOMER;
        }
    }
}
