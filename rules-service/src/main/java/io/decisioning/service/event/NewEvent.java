package io.decisioning.service.event;

import io.decisioning.service.system.StorableDate;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * The body of {@code POST /api/v1/events} (DESIGN.md section 5). eventId and customerNo are printable
 * ASCII without spaces, as the CRM's keys are; occurredAt is an ISO-8601 date-time with an offset.
 */
record NewEvent(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[!-~]+", message = "{decisioning.printable}") String eventId,
        @NotNull EventType type,
        @NotBlank @Size(max = 32) @Pattern(regexp = "[!-~]+", message = "{decisioning.printable}") String customerNo,
        @NotNull @StorableDate OffsetDateTime occurredAt) {
}
