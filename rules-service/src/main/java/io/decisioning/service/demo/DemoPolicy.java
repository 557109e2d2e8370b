package io.decisioning.service.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A generated policy row with its claims. */
record DemoPolicy(String policyNo, String productLine, String channel, LocalDate startDate, LocalDate endDate,
                  BigDecimal premium, String status, List<DemoClaim> claims) {
}
