package io.decisioning.service.complaint;

import io.decisioning.rules.engine.ComplaintClock;
import io.decisioning.rules.engine.Reason;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The service's clock of each complaint ({@code complaint_clock}, V24): written with the customer's assessment, or by
 * the complaint's own evaluation when it has no customer; one row per complaint, found by its number.
 */
@Repository
class ClockRepository {

    private static final String UPSERT = """
            INSERT INTO complaint_clock (complaint_id, state, queue_rank, time_limit_days, deadline, rule_pack, rule_id,
                                         clocked_on, clocked_at)
            SELECT id, ?, ?, ?, ?, ?, ?, ?, ? FROM complaint WHERE complaint_no = ?
            ON DUPLICATE KEY UPDATE state = VALUES(state), queue_rank = VALUES(queue_rank),
                time_limit_days = VALUES(time_limit_days), deadline = VALUES(deadline), rule_pack = VALUES(rule_pack),
                rule_id = VALUES(rule_id), clocked_on = VALUES(clocked_on), clocked_at = VALUES(clocked_at)""";

    private final JdbcTemplate jdbc;

    ClockRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes these clocks (one per complaint) as of {@code asOf}. */
    void save(Collection<ComplaintClock> clocks, LocalDate asOf, Instant now) {
        if (clocks.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(now);
        List<Object[]> rows = new ArrayList<>(clocks.size());
        for (ComplaintClock clock : clocks) {
            QueueState state = QueueState.of(clock);
            Reason reason = clock.reason();
            rows.add(new Object[] {state.name(), state.rank(), clock.timeLimitDays(), clock.deadline(),
                    reason == null ? null : reason.pack() + ":" + reason.version(), reason == null ? null : reason.rule(),
                    asOf, at, clock.complaintNo()});
        }
        jdbc.batchUpdate(UPSERT, rows);
    }
}
