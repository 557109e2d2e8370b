package io.decisioning.service.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.housekeeping.Housekeeping.Kept;
import io.decisioning.service.system.RulesProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Housekeeping (DESIGN.md section 14) on the real database: what is older than its age goes, batch by batch; what
 * is within it, the parked and waiting events, and the current assessments stay; the counts reach the metrics, the
 * log's caller and the audit trail; the nightly trigger is in the clustered job store.
 *
 * <p>The rows of this test are written with ids below every other row of the shared database (negative ones), as
 * rows written years ago are in a real one: housekeeping reads each table oldest first by primary key and stops at
 * the first row within the age.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HousekeepingTests {

    private static final TriggerKey TRIGGER = TriggerKey.triggerKey(HousekeepingSchedule.NAME, "batch");
    private static final JobKey JOB = JobKey.jobKey(HousekeepingSchedule.NAME, "batch");
    private static final long FIRST_ID = -1_000;

    @Autowired
    Housekeeping housekeeping;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry metrics;

    @Autowired
    Scheduler quartz;

    @Autowired
    RulesProperties properties;

    @AfterEach
    void removeThisTestsRows() {
        for (Kept kept : Kept.values()) {
            jdbc.sql("DELETE FROM " + kept.table + " WHERE id < 0").update();
        }
        jdbc.sql("DELETE FROM audit_event WHERE action = 'HOUSEKEEPING' AND actor = 'system'").update();
    }

    @Test
    void deletesWhatIsOlderThanItsAgeInBatchesAndKeepsTheRest() {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        // per table, in the order written: 5 rows older than the age, then 2 within it
        long id = FIRST_ID;
        for (int i = 0; i < 5; i++) {
            audit(id++, now.minusYears(8).plusDays(i));
        }
        audit(id++, now.minusYears(6));
        audit(id++, now.minusDays(1));
        id = FIRST_ID;
        for (int i = 0; i < 5; i++) {
            check(id++, now.minusYears(3).plusDays(i));
        }
        check(id++, now.minusYears(2).plusDays(2));
        check(id++, now.minusHours(1));
        id = FIRST_ID;
        for (int i = 0; i < 5; i++) {
            history(id++, now.minusYears(3).plusDays(i));
        }
        history(id++, now.minusYears(1));
        history(id++, now.minusMinutes(1));
        id = FIRST_ID;
        event(id++, now.minusYears(3), "DONE");
        event(id++, now.minusYears(3), "PARKED");   // parked: shown with its error until someone retries it, whatever its age
        event(id++, now.minusYears(3), "DONE");
        event(id++, now.minusYears(3), "PENDING");  // waiting for its retry tomorrow (not due: no worker claims it)
        event(id++, now.minusYears(3), "DONE");
        event(id++, now.minusYears(1), "DONE");
        double before = deletedCounter("event_inbox");

        Housekeeping.Result result = housekeeping.run(defaultAges(), 2);

        assertThat(result.deleted()).containsEntry("audit_event", 5L).containsEntry("pre_bind_check", 5L)
                .containsEntry("assessment_history", 5L).containsEntry("event_inbox", 3L);
        assertThat(ids("audit_event")).containsExactly(FIRST_ID + 5, FIRST_ID + 6);
        assertThat(ids("pre_bind_check")).containsExactly(FIRST_ID + 5, FIRST_ID + 6);
        assertThat(ids("assessment_history")).containsExactly(FIRST_ID + 5, FIRST_ID + 6);
        assertThat(jdbc.sql("SELECT status FROM event_inbox WHERE id < 0 ORDER BY id").query(String.class).list())
                .containsExactly("PARKED", "PENDING", "DONE");
        assertThat(deletedCounter("event_inbox") - before).isEqualTo(3.0);
        ZonedDateTime twoYearsAgo = ZonedDateTime.now(properties.zone()).minusYears(2);
        assertThat(result.cutoffs().get("event_inbox")).isBetween(twoYearsAgo.minusMinutes(5).toInstant(),
                twoYearsAgo.plusMinutes(5).toInstant());
        String detail = jdbc.sql("""
                        SELECT detail FROM audit_event WHERE action = 'HOUSEKEEPING' AND actor = 'system'
                         ORDER BY id DESC LIMIT 1""").query(String.class).single();
        assertThat(detail).contains("\"audit_event\":5", "\"event_inbox\":3", "\"olderThan\"");

        Housekeeping.Result again = housekeeping.run(defaultAges(), 1000);

        assertThat(again.deleted().values()).as("nothing left to delete").containsOnly(0L);
    }

    @Test
    void anAgeOfZeroKeepsEverythingOfItsKind() {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        audit(FIRST_ID, now.minusYears(30));
        check(FIRST_ID, now.minusYears(30));
        Map<Kept, Period> ages = defaultAges();
        ages.put(Kept.AUDIT, Period.ZERO);

        Housekeeping.Result result = housekeeping.run(ages, 1000);

        assertThat(result.deleted()).doesNotContainKey("audit_event").containsEntry("pre_bind_check", 1L);
        assertThat(ids("audit_event")).containsExactly(FIRST_ID);
    }

    @Test
    void theNightlyTriggerIsStoredInTheClusteredJobStoreWithTheDefaultAges() throws Exception {
        CronTrigger trigger = (CronTrigger) quartz.getTrigger(TRIGGER);

        // the default hour (0 30 4 * * ?, ConfigurationMetadataTests), in 2099 for the tests (test application.properties)
        assertThat(trigger.getCronExpression()).isEqualTo(properties.housekeeping().cron()).isEqualTo("0 30 4 * * ? 2099");
        assertThat(trigger.getTimeZone().getID()).isEqualTo("Asia/Shanghai");
        assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
        assertThat(trigger.getNextFireTime().toInstant()).as("04:30 in Shanghai, not in UTC")
                .isEqualTo(ZonedDateTime.of(2099, 1, 1, 4, 30, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant());
        assertThat(quartz.getJobDetail(JOB).getJobClass()).isEqualTo(HousekeepingJob.class);
        assertThat(quartz.getJobDetail(JOB).isConcurrentExecutionDisallowed()).isTrue();
        RulesProperties.Housekeeping h = properties.housekeeping();
        assertThat(List.of(h.auditAge(), h.checkAge(), h.historyAge(), h.eventAge()))
                .containsExactly(Period.ofYears(7), Period.ofYears(2), Period.ofYears(2), Period.ofYears(2));
    }

    private Map<Kept, Period> defaultAges() {
        return Housekeeping.ages(properties.housekeeping());
    }

    private double deletedCounter(String table) {
        return metrics.get("decisioning.housekeeping.deleted").tag("table", table).counter().count();
    }

    private List<Long> ids(String table) {
        return jdbc.sql("SELECT id FROM " + table + " WHERE id < 0 ORDER BY id").query(Long.class).list();
    }

    private void audit(long id, LocalDateTime at) {
        jdbc.sql("""
                        INSERT INTO audit_event (id, occurred_at, actor, action, target_type, target_id, detail)
                        VALUES (:id, :at, 'someone', 'BLACKLIST_ADD', 'BLACKLIST_ENTRY', 'x', '{}')""")
                .param("id", id).param("at", at).update();
    }

    private void check(long id, LocalDateTime at) {
        jdbc.sql("""
                        INSERT INTO pre_bind_check (id, check_id, customer_no, request, decision, response, checked_by, checked_at)
                        VALUES (:id, UUID(), NULL, '{}', 'REFER', '{}', 'someone', :at)""")
                .param("id", id).param("at", at).update();
    }

    private void history(long id, LocalDateTime at) {
        jdbc.sql("""
                        INSERT INTO assessment_history (id, customer_id, customer_no, grade, tier, vip, value_score, risk_score,
                               blacklisted, decision, profile, warnings, blacklist_hits, reasons, rule_packs, outcome_hash,
                               evaluated_at, eval_trigger)
                        VALUES (:id, -1, 'HK-TEST', 'STANDARD', 'BASIC', FALSE, 0, 0, FALSE, 'ACCEPT', '{}', '[]', '[]', '[]',
                                '', REPEAT('0', 64), :at, 'BATCH')""")
                .param("id", id).param("at", at).update();
    }

    private void event(long id, LocalDateTime receivedAt, String status) {
        jdbc.sql("""
                        INSERT INTO event_inbox (id, event_id, type, customer_no, occurred_at, source, received_at, status,
                               attempts, next_attempt_at, processed_at)
                        VALUES (:id, CONCAT('hk-test-', :id), 'CLAIM_REPORTED', 'HK-TEST', :at, 'API', :at, :status, 1,
                                IF(:status = 'PENDING', UTC_TIMESTAMP(3) + INTERVAL 1 DAY, :at),
                                IF(:status = 'DONE', :at, NULL))""")
                .param("id", id).param("at", receivedAt).param("status", status).update();
    }
}
