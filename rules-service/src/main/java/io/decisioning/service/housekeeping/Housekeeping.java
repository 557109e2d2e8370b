package io.decisioning.service.housekeeping;

import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.system.RulesProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the database small (DESIGN.md section 14): deletes the audit trail, pre-bind checks, assessment history and
 * processed events older than their ages ({@code rules.housekeeping.*}), oldest first, in batches of
 * {@code batch-size} rows that are each committed on their own, so that no statement holds many locks or a long undo
 * log while events and checks go on. Counted in {@code decisioning.housekeeping.deleted} (per table), logged, and
 * recorded in the audit trail. Run by {@link HousekeepingJob} every night on one node of the cluster.
 *
 * <p>A batch is the next rows by primary key. The rows of each table are written in the order of their time, so
 * the first batch that holds a row within the age ends the table's work: what follows is newer still. Of the
 * events only those processed ({@code DONE}) go; parked and waiting events stay, whatever their age.
 */
@Component
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    static final String ACTOR = "system";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final RulesProperties properties;
    private final Clock clock;
    private final Map<Kept, Counter> deleted = new EnumMap<>(Kept.class);

    Housekeeping(JdbcClient jdbc, AuditTrail audit, RulesProperties properties, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        for (Kept kept : Kept.values()) {
            deleted.put(kept, Counter.builder("decisioning.housekeeping.deleted")
                    .description("Rows deleted by housekeeping because they were older than their age (rules.housekeeping.*)")
                    .tag("table", kept.table)
                    .register(registry));
        }
    }

    /** What one run deleted, by table, and the oldest time each table keeps. */
    public record Result(Map<String, Long> deleted, Map<String, Instant> cutoffs) {
    }

    /** One run with the configured ages and batch size, as of now. */
    public Result run() {
        return run(ages(properties.housekeeping()), properties.housekeeping().batchSize());
    }

    /** The configured age of each kind. */
    static Map<Kept, Period> ages(RulesProperties.Housekeeping h) {
        Map<Kept, Period> ages = new EnumMap<>(Kept.class);
        ages.put(Kept.AUDIT, h.auditAge());
        ages.put(Kept.CHECKS, h.checkAge());
        ages.put(Kept.HISTORY, h.historyAge());
        ages.put(Kept.EVENTS, h.eventAge());
        return ages;
    }

    /**
     * One run: for each kind, what is older than its age as of now (in {@code rules.zone}, so "2 years" is two
     * calendar years) is deleted; a kind without an age, or of age 0, keeps everything.
     */
    Result run(Map<Kept, Period> ages, int batchSize) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Instant> cutoffs = new LinkedHashMap<>();
        for (Kept kept : Kept.values()) {
            Period age = ages.get(kept);
            if (age == null || age.isZero()) {
                continue;
            }
            Instant cutoff = now.atZone(properties.zone()).minus(age).toInstant();
            cutoffs.put(kept.table, cutoff);
            counts.put(kept.table, delete(kept, LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC), batchSize));
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        log.info("Housekeeping deleted {} (older than {}; {} ms)", counts, cutoffs, ms);
        if (counts.values().stream().anyMatch(n -> n > 0)) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("deleted", counts);
            detail.put("olderThan", cutoffs);
            audit.record(ACTOR, "HOUSEKEEPING", "DATABASE", "housekeeping", detail);
        }
        return new Result(counts, cutoffs);
    }

    /** Deletes the rows of {@code kept} older than {@code cutoff} (UTC), batch by batch; returns how many. */
    private long delete(Kept kept, LocalDateTime cutoff, int batchSize) {
        String next = "SELECT id, " + kept.timeColumn + " < :cutoff FROM " + kept.table
                + " WHERE id > :after ORDER BY id LIMIT :n";
        String delete = "DELETE FROM " + kept.table + " WHERE id BETWEEN :first AND :last AND " + kept.timeColumn
                + " < :cutoff" + (kept.alsoWhere == null ? "" : " AND " + kept.alsoWhere);
        long total = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            List<Batch> rows = jdbc.sql(next).param("cutoff", cutoff).param("after", after).param("n", batchSize)
                    .query((rs, i) -> new Batch(rs.getLong(1), rs.getBoolean(2))).list();
            if (rows.isEmpty()) {
                return total;
            }
            long first = rows.get(0).id();
            long last = rows.get(rows.size() - 1).id();
            int n = jdbc.sql(delete).param("first", first).param("last", last).param("cutoff", cutoff).update();
            total += n;
            deleted.get(kept).increment(n);
            if (rows.stream().anyMatch(row -> !row.old())) {
                return total; // rows within the age from here on
            }
            after = last;
        }
    }

    private record Batch(long id, boolean old) {
    }

    /** What housekeeping deletes: a table, the time that ages its rows, and which rows may go at all. */
    enum Kept {
        AUDIT("audit_event", "occurred_at", null),
        CHECKS("pre_bind_check", "checked_at", null),
        HISTORY("assessment_history", "evaluated_at", null),
        EVENTS("event_inbox", "received_at", "status = 'DONE'");

        final String table;
        final String timeColumn;
        final String alsoWhere;

        Kept(String table, String timeColumn, String alsoWhere) {
            this.table = table;
            this.timeColumn = timeColumn;
            this.alsoWhere = alsoWhere;
        }
    }
}
