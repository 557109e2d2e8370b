package io.decisioning.service.book;

import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.system.StartupOrder;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** At start-up, computes the book statistics when none exist yet (DESIGN.md section 4: premium share and rank). */
@Component
@Order(StartupOrder.BOOK_STATISTICS)
class BookStatisticsStartup implements ApplicationRunner {

    private final BookStatistics bookStatistics;
    private final EvaluationDate evaluationDate;

    BookStatisticsStartup(BookStatistics bookStatistics, EvaluationDate evaluationDate) {
        this.bookStatistics = bookStatistics;
        this.evaluationDate = evaluationDate;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!bookStatistics.exists()) {
            bookStatistics.refresh(evaluationDate.today());
        }
    }
}
