package io.decisioning.service.demo;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/** A contact of a demo customer's account manager (DESIGN.md section 12): its kind, when (UTC), a survey's score, a note. */
record DemoContact(String kind, LocalDateTime occurredAt, @Nullable Integer satisfaction, String note) {
}
