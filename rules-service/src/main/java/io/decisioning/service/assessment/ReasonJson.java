package io.decisioning.service.assessment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.decisioning.rules.engine.Reason;
import org.springframework.boot.jackson.JacksonMixin;

/**
 * A reason in JSON as DESIGN.md section 4 fixes it, in answers and in stored assessments alike: {@code pack},
 * {@code version}, {@code rule}, {@code message}. The scorecard and the points a scorecard rule's reason carries
 * are for the service's own use (the due lists' reasons); its message says them already.
 */
@JacksonMixin(Reason.class)
@JsonIgnoreProperties({"card", "points"})
abstract class ReasonJson {
}
