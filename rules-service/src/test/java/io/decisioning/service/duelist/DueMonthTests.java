package io.decisioning.service.duelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decisioning.service.system.InvalidInputException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DueMonthTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @Test
    void aMonthIsWrittenYearDashMonthAndRunsFromItsFirstDayToTheNextMonthsFirst() {
        DueMonth month = DueMonth.parse("2027-02", TODAY);

        assertThat(month).hasToString("2027-02");
        assertThat(month.first()).isEqualTo(LocalDate.of(2027, 2, 1));
        assertThat(month.end()).isEqualTo(LocalDate.of(2027, 3, 1));
    }

    @Test
    void theMonthAfterTodaysIsTheOneTheTriggerGenerates() {
        assertThat(DueMonth.after(TODAY)).hasToString("2026-12");
        assertThat(DueMonth.after(LocalDate.of(2026, 12, 25))).hasToString("2027-01");
    }

    @Test
    void twentyFourMonthsEitherWayAreAllowedAndTwentyFiveAreNot() {
        assertThat(DueMonth.parse("2028-11", TODAY)).hasToString("2028-11");
        assertThat(DueMonth.parse("2024-11", TODAY)).hasToString("2024-11");
        assertInvalidMonth("2028-12");
        assertInvalidMonth("2024-10");
    }

    @Test
    void textThatIsNoMonthWrittenYearDashMonthIsInvalidInput() {
        for (String text : new String[] {"2027-13", "2027-00", "2027-1", "27-01", "202701", "2027-01-01", "2027/01", " 2027-01",
                "２０２７-０１", "", "+2027-01"}) {
            assertInvalidMonth(text);
        }
    }

    private static void assertInvalidMonth(String text) {
        assertThatThrownBy(() -> DueMonth.parse(text, TODAY)).as(text)
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(InvalidInputException.FieldProblem::field).containsExactly("month"));
    }
}
