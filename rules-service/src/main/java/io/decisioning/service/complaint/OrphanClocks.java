package io.decisioning.service.complaint;

import io.decisioning.rules.Complaint;
import io.decisioning.rules.engine.ComplaintClock;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.batch.RunSucceeded;
import io.decisioning.service.engine.RuleEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clocks of complaints without a customer (DESIGN.md section 13): no customer's evaluation carries them, so the
 * live rules clock them on their own ({@code RuleSet.clock}): after each run over the whole book (deadlines pass by
 * themselves), and before the work queue or the analysis is read for those not clocked yet (a complaint received
 * since). They count in the analysis and raise no customer's warning.
 */
@Service
class OrphanClocks {

    private static final Logger log = LoggerFactory.getLogger(OrphanClocks.class);
    private static final int CHUNK = 1000;
    private static final String COMPLAINTS = """
            SELECT k.complaint_no, k.channel, k.category, k.complexity, k.received_at, k.status, k.decided_at
              FROM complaint k %s
             WHERE k.customer_id IS NULL AND k.received_at < :dNext%s
             ORDER BY k.id""";

    private final JdbcClient jdbc;
    private final RuleEngine engine;
    private final ClockRepository clocks;
    private final EvaluationDate evaluationDate;
    private final Clock clock;
    private final TransactionTemplate newTransaction;

    OrphanClocks(JdbcClient jdbc, RuleEngine engine, ClockRepository clocks, EvaluationDate evaluationDate, Clock clock,
                 PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.clocks = clocks;
        this.evaluationDate = evaluationDate;
        this.clock = clock;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** After a run over the whole book: every complaint without a customer, clocked as of the run's date. */
    @TransactionalEventListener(fallbackExecution = true)
    void afterRun(RunSucceeded run) {
        try {
            int clocked = Objects.requireNonNull(newTransaction.execute(status -> clock(false, run.asOf())));
            log.info("After run {}: {} complaints without a customer clocked", run.runId(), clocked);
        } catch (RuntimeException e) {
            log.error("Clocking the complaints without a customer after run {} failed; the next run clocks them again",
                    run.runId(), e);
        }
    }

    /**
     * The complaints without a customer whose clock is missing (received since) or out of step with the CRM's case
     * (an open clock of a case decided or withdrawn since, or the other way round), clocked as of today; how many.
     */
    int clockMissing() {
        return clock(true, evaluationDate.today());
    }

    private int clock(boolean onlyMissing, LocalDate d) {
        List<Complaint> complaints = new ArrayList<>();
        jdbc.sql(COMPLAINTS.formatted(onlyMissing ? "LEFT JOIN complaint_clock n ON n.complaint_id = k.id" : "",
                        onlyMissing ? " AND (n.complaint_id IS NULL OR n.queue_rank <= 2 AND k.status <> 'OPEN'"
                                + " OR n.queue_rank >= 4 AND k.status = 'OPEN')" : ""))
                .param("dNext", d.plusDays(1).atStartOfDay(evaluationDate.zone()).withZoneSameInstant(java.time.ZoneOffset.UTC)
                        .toLocalDateTime())
                .query((RowCallbackHandler) rs -> {
                    Complaint complaint = new ComplaintFacts.Row(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getObject(5, java.time.LocalDateTime.class), rs.getString(6),
                            rs.getObject(7, java.time.LocalDateTime.class)).asOf(null, d, evaluationDate);
                    if (complaint != null) {
                        complaints.add(complaint);
                    }
                });
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (int from = 0; from < complaints.size(); from += CHUNK) {
            List<ComplaintClock> clocked = engine.current().clock(complaints.subList(from, Math.min(complaints.size(), from + CHUNK)));
            clocks.save(clocked, d, now);
        }
        return complaints.size();
    }
}
