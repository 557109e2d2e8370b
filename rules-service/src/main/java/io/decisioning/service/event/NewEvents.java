package io.decisioning.service.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/v1/events/batch}: up to {@value #MAX} events of DESIGN.md section 5,
 * stored together in their order (an addition to the contract for CRMs that send events in bursts).
 */
record NewEvents(@NotNull @Size(min = 1, max = MAX) List<@NotNull @Valid NewEvent> events) {

    static final int MAX = 1000;
}
