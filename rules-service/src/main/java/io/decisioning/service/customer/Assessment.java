package io.decisioning.service.customer;

import io.decisioning.rules.Grade;
import io.decisioning.rules.Tier;
import io.decisioning.rules.engine.RaisedWarning;
import io.decisioning.rules.engine.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A customer's assessment as the API shows it (DESIGN.md section 5, contract). */
public record Assessment(String customerNo, Grade grade, Tier tier, boolean vip, int valueScore, int riskScore,
                         boolean blacklisted, List<RaisedWarning> warnings, Features profile, List<Reason> reasons,
                         Map<String, Integer> rulePacks, Instant evaluatedAt, Trigger trigger) {
}
