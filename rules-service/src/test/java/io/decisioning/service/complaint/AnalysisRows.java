package io.decisioning.service.complaint;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A row of the monthly complaint analysis as the tests compare it. */
final class AnalysisRows {

    private AnalysisRows() {
    }

    /** received, decided, in time, late, % in time, median days, repeat complainants. */
    static List<Object> figures(JsonNode row) {
        List<Object> figures = new ArrayList<>();
        for (String field : List.of("received", "decided", "decidedInTime", "decidedLate")) {
            figures.add(row.get(field).asLong());
        }
        figures.add(row.get("decidedInTimePct").isNull() ? null : row.get("decidedInTimePct").asDouble());
        figures.add(row.get("medianDaysToDecision").isNull() ? null : row.get("medianDaysToDecision").asDouble());
        figures.add(row.get("repeatComplainants").asLong());
        return figures;
    }

    /** The top root causes as "CLAIM_DELAY 3". */
    static List<String> rootCauses(JsonNode row) {
        return row.get("topRootCauses").valueStream()
                .map(r -> r.get("rootCause").asString() + " " + r.get("count").asLong()).toList();
    }
}
