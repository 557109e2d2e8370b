package io.decisioning.service.audit;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.system.InvalidInputException.FieldProblem;
import io.decisioning.service.system.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which audit records to list; a null criterion does not filter, and a blank one is none. Times are
 * a half-open range: {@code from} included, {@code to} excluded.
 */
record AuditFilter(@Nullable String actor, @Nullable String action, @Nullable String targetType,
                   @Nullable String targetId, @Nullable Instant from, @Nullable Instant to) {

    AuditFilter {
        actor = blankToNull(actor);
        action = blankToNull(action);
        targetType = blankToNull(targetType);
        targetId = blankToNull(targetId);
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidInputException("to", new Sentence("must not be before from", "不得早于 from"));
        }
    }

    /**
     * The filter of the API's query parameters, with {@code from} and {@code to} as ISO-8601 instants
     * ("2026-03-01T00:00:00Z", or with an offset: "2026-03-01T08:00:00+08:00").
     *
     * @throws InvalidInputException naming each time that is not an instant, or a {@code to} before {@code from}
     */
    static AuditFilter of(@Nullable String actor, @Nullable String action, @Nullable String targetType,
                          @Nullable String targetId, @Nullable String from, @Nullable String to) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant fromInstant = instant("from", from, problems);
        Instant toInstant = instant("to", to, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new AuditFilter(actor, action, targetType, targetId, fromInstant, toInstant);
    }

    private static @Nullable Instant instant(String field, @Nullable String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, new Sentence("must be an ISO-8601 instant, e.g. 2026-03-01T00:00:00Z",
                    "必须是 ISO-8601 格式的时间点，例如 2026-03-01T00:00:00Z")));
            return null;
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
