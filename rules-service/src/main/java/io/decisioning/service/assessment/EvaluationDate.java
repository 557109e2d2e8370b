package io.decisioning.service.assessment;

import io.decisioning.service.system.RulesProperties;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** The evaluation date D of DESIGN.md section 4: today in the configured zone ({@code rules.zone}). */
@Component
public class EvaluationDate {

    private final Clock clock;

    EvaluationDate(RulesProperties properties, Clock clock) {
        this.clock = clock.withZone(properties.zone());
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The configured zone, in which a stored instant (UTC) falls on a date. */
    public java.time.ZoneId zone() {
        return clock.getZone();
    }

    /** The date in the configured zone of an instant stored as a UTC {@code DATETIME}. */
    public LocalDate dateOf(java.time.LocalDateTime utc) {
        return utc.atOffset(java.time.ZoneOffset.UTC).atZoneSameInstant(clock.getZone()).toLocalDate();
    }
}
