package io.decisioning.service.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.Severity;
import io.decisioning.rules.WarningCategory;
import io.decisioning.rules.WarningType;
import io.decisioning.rules.engine.CustomerWarning;
import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.demo.DemoBooks;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.engine.TestPacks;
import io.decisioning.service.system.DatabaseTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DESIGN.md section 9 on the real book: a HIGH warning of a category other than RISK, raised by a pack
 * before the risk packs or after the decision, leaves every customer's grade, tier, decision and both
 * scores as the shipped packs give them.
 */
@DatabaseTest
class WarningCategoriesTests {

    @Autowired
    AssessmentPipeline pipeline;

    @Autowired
    RuleEngine engine;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aHighWarningOfAnotherCategoryLeavesGradeTierDecisionAndScoresAsTheyWere() {
        LocalDate today = CrmFixtures.today();
        DemoBooks.write(dataSource, 1_000, 11, today);
        IdRange book = new IdRange(jdbc.sql("SELECT MIN(id) FROM customer").query(Long.class).single(),
                jdbc.sql("SELECT MAX(id) FROM customer").query(Long.class).single());
        List<EvaluationInput> inputs = pipeline.read(Selection.range(book), today).inputs();
        RuleSet shipped = engine.current();
        RuleSet withOthers = shipped.with(TestPacks.compiled("lapse-early")).with(TestPacks.compiled("service-visits"));

        List<Evaluation> before = shipped.evaluate(inputs);
        List<Evaluation> after = withOthers.evaluate(inputs);

        assertThat(inputs).hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(before.stream().filter(e -> e.tier().name().equals("RESTRICTED")).count()).as("some are restricted")
                .isPositive();
        for (int i = 0; i < inputs.size(); i++) {
            Evaluation b = before.get(i);
            Evaluation a = after.get(i);
            assertThat(List.<Object>of(a.grade(), a.tier(), a.decision(), a.valueScore(), a.riskScore())).as(b.customerNo())
                    .isEqualTo(List.<Object>of(b.grade(), b.tier(), b.decision(), b.valueScore(), b.riskScore()));
            // of two HIGH LAPSE_RISK warnings (the test pack's and the retention pack's) the earlier pack's is kept; of
            // two VISIT_OVERDUE (the test pack's HIGH and the service pack's MEDIUM) the higher severity
            List<CustomerWarning> expected = new ArrayList<>(b.warnings().stream()
                    .filter(w -> w.type() != WarningType.LAPSE_RISK && w.type() != WarningType.VISIT_OVERDUE).toList());
            expected.add(new CustomerWarning(WarningType.LAPSE_RISK, Severity.HIGH, Sentence.of("every customer may lapse (test pack)")));
            expected.add(new CustomerWarning(WarningType.VISIT_OVERDUE, Severity.HIGH,
                    Sentence.of("every customer is overdue for a visit (test pack)")));
            assertThat(a.warnings()).as(b.customerNo()).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(after.get(0).warnings()).extracting(CustomerWarning::category)
                .contains(WarningCategory.RETENTION, WarningCategory.SERVICE);
    }
}
