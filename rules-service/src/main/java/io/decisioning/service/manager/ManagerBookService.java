package io.decisioning.service.manager;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.Role;
import io.decisioning.service.system.UserAccount;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * An account manager's book (DESIGN.md section 12): the customers the CRM names them for, within the caller's branch
 * scope, with tier, entitlements, last contact, next visit due and open warnings; the contacts most overdue first,
 * then the other VIPs, then everyone else. A manager reads their own book; the service's readers any manager's.
 */
@Service
public class ManagerBookService {

    /** A PLATINUM customer is visited every month, a GOLD one called every quarter (DESIGN.md section 12). */
    static final int PLATINUM_DAYS = 31;
    static final int GOLD_DAYS = 92;

    private final AccountManagerService managers;
    private final ManagerBookRepository books;
    private final EvaluationDate evaluationDate;

    ManagerBookService(AccountManagerService managers, ManagerBookRepository books, EvaluationDate evaluationDate) {
        this.managers = managers;
        this.books = books;
        this.evaluationDate = evaluationDate;
    }

    public List<BookEntry> book(String code, UserAccount user) {
        boolean reader = user.roles().stream().anyMatch(r -> r != Role.ACCOUNT_MANAGER && r != Role.INTEGRATION);
        if (!reader && !user.getUsername().equals(code)) {
            throw new NotFoundException(new Sentence("No account manager " + code + ".", "客户经理 " + code + " 不存在。"));
        }
        if (reader) {
            managers.find(code, user);
        }
        LocalDate today = evaluationDate.today();
        return books.book(code, user).stream()
                .map(row -> new BookEntry(row.customerNo(), row.name(), row.branchCode(), row.tier(), row.vip(),
                        row.entitlements(), row.lastContactAt(), row.lastVisitAt(), nextVisitDue(row, today),
                        row.openWarnings() == null ? List.of() : Arrays.asList(row.openWarnings().split(","))))
                .sorted(Comparator.comparing((BookEntry e) -> e.nextVisitDue() == null)
                        .thenComparing(BookEntry::nextVisitDue, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(e -> !e.vip())
                        .thenComparing(BookEntry::customerNo))
                .toList();
    }

    private @Nullable LocalDate nextVisitDue(ManagerBookRepository.Row row, LocalDate today) {
        if ("PLATINUM".equals(row.tier())) {
            return due(row.lastVisit(), PLATINUM_DAYS, today);
        }
        if ("GOLD".equals(row.tier())) {
            return due(row.lastContact(), GOLD_DAYS, today);
        }
        return null;
    }

    /** The day the next contact is due: {@code days} after the last (its date in the zone); today when never. */
    private @Nullable LocalDate due(@Nullable LocalDateTime last, int days, LocalDate today) {
        return last == null ? today : evaluationDate.dateOf(last).plusDays(days);
    }
}
