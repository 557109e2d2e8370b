package io.decisioning.service.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Trigger;
import io.decisioning.service.book.BookStatistics;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.demo.DemoBooks;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.system.DatabaseTest;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * DESIGN.md section 10's promise to every record alone in its party (most of them): exactly section 4's
 * figures and outcomes. A book of 10,000 generated customers (the demo book's seed, no second records) is
 * read before anything about parties exists, then evaluated as the service does (each record resolved at its
 * first evaluation, the whole book resolved as the nightly run does) and read again: every profile and every
 * evaluation is the same, to the last decimal, and every record is alone.
 */
@DatabaseTest
class PartyAloneEquivalenceTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AssessmentPipeline pipeline;

    @Autowired
    PartyResolver resolver;

    @Autowired
    BookStatistics bookStatistics;

    @Autowired
    RuleEngine engine;

    @Autowired
    TransactionTemplate tx;

    @Test
    void aRecordAloneHasExactlyTheFiguresAndOutcomesItHadBeforeParties() {
        LocalDate today = CrmFixtures.today();
        String prefix = DemoBooks.write(dataSource, 10_000, 20260101L, today);
        IdRange book = new IdRange(
                jdbc.sql("SELECT MIN(id) FROM customer WHERE customer_no LIKE :p").param("p", prefix + "%").query(Long.class).single(),
                jdbc.sql("SELECT MAX(id) FROM customer WHERE customer_no LIKE :p").param("p", prefix + "%").query(Long.class).single());
        bookStatistics.refresh(today);
        List<EvaluationInput> before = pipeline.read(Selection.range(book), today).inputs();

        for (long from = book.fromId(); from <= book.toId(); from += 1000) {
            IdRange chunk = new IdRange(from, Math.min(book.toId(), from + 999));
            tx.execute(status -> pipeline.assess(Selection.range(chunk), Trigger.BATCH, today));
        }
        resolver.resolveBook();
        List<EvaluationInput> after = pipeline.read(Selection.range(book), today).inputs();

        assertThat(before).hasSize(10_000);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM party_member WHERE customer_id BETWEEN :a AND :b AND records = 1")
                .param("a", book.fromId()).param("b", book.toId()).query(Long.class).single())
                .as("every record is alone").isEqualTo(10_000L);
        assertThat(after).isEqualTo(before);
        List<Evaluation> evaluatedBefore = engine.current().evaluate(before);
        List<Evaluation> evaluatedAfter = engine.current().evaluate(after);
        assertThat(evaluatedAfter).isEqualTo(evaluatedBefore);
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM assessment a JOIN customer c ON c.id = a.customer_id
                         WHERE c.id BETWEEN :a AND :b""").param("a", book.fromId()).param("b", book.toId())
                .query(Long.class).single()).isEqualTo(10_000L);
    }
}
