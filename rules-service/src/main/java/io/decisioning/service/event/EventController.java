package io.decisioning.service.event;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.system.InvalidInputException;
import io.decisioning.service.system.UserAccount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * CRM events (DESIGN.md section 5): {@code POST /api/v1/events} stores the event before it answers
 * 202 ACCEPTED (or DUPLICATE for a known eventId); processing follows asynchronously. The batch of
 * events is an addition for CRMs that send bursts; the reads and the retry of parked events are
 * additions for operators.
 */
@RestController
@RequestMapping("/api/v1/events")
class EventController {

    private final EventService events;
    private final AuditTrail audit;

    EventController(EventService events, AuditTrail audit) {
        this.events = events;
        this.audit = audit;
    }

    /** Accepts one event from the CRM: stored before the answer, then the customer is evaluated again. */
    @PostMapping
    ResponseEntity<EventsAccepted.Receipt> accept(@Valid @RequestBody NewEvent event, @AuthenticationPrincipal UserAccount user) {
        boolean accepted = events.accept(event, user);
        if (accepted) {
            events.nudge();
        }
        return ResponseEntity.accepted().body(EventsAccepted.Receipt.of(event.eventId(), accepted));
    }

    /**
     * Up to 1,000 events in one request, stored in one transaction in their order before the 202; each
     * one ACCEPTED or DUPLICATE as if posted alone (a repeated eventId within the batch is a DUPLICATE
     * of the first). One invalid event refuses the whole batch (400 naming it, e.g. {@code events[3].type})
     * and nothing is stored.
     */
    @PostMapping("/batch")
    ResponseEntity<EventsAccepted> acceptAll(@Valid @RequestBody NewEvents body, @AuthenticationPrincipal UserAccount user) {
        EventsAccepted answer = EventsAccepted.of(body.events(), events.acceptAll(body.events(), user.getUsername()));
        if (answer.accepted() > 0) {
            events.nudge();
        }
        return ResponseEntity.accepted().body(answer);
    }

    /** One event and how far it got: waiting, done, or parked with its error. */
    @GetMapping("/{eventId}")
    StoredEvent get(@PathVariable @Size(max = 64) String eventId, @AuthenticationPrincipal UserAccount user) {
        return events.find(eventId, user);
    }

    /**
     * Events newest first, e.g. {@code ?status=PARKED} for the ones that need a person. The status is
     * taken as text and looked up here rather than converted by Spring: an unknown one, or an empty
     * {@code status=}, is a 400 that names the statuses there are, where a failed conversion would
     * answer "invalid value" and an empty one would list every event.
     */
    @GetMapping
    EventService.EventPage list(@RequestParam(required = false) @Nullable String status,
                                @RequestParam(required = false) @Nullable @Size(max = 32) String customerNo,
                                @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                @AuthenticationPrincipal UserAccount user) {
        return events.list(status == null ? null : status(status), customerNo, user, page, size);
    }

    private static EventStatus status(String name) {
        for (EventStatus status : EventStatus.values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        List<String> names = Arrays.stream(EventStatus.values()).map(EventStatus::name).sorted().toList();
        throw new InvalidInputException("status", new Sentence("must be one of " + names, "必须是以下之一：" + names));
    }

    /** Retries a parked event once its cause is fixed. */
    @PostMapping("/{eventId}/retry")
    StoredEvent retry(@PathVariable @Size(max = 64) String eventId, @AuthenticationPrincipal UserAccount user) {
        events.find(eventId, user); // 404 outside the user's branches
        StoredEvent event = events.retry(eventId);
        audit.record(user.getUsername(), "EVENT_RETRY", "EVENT", eventId, Map.of("customerNo", event.customerNo()));
        return event;
    }
}
