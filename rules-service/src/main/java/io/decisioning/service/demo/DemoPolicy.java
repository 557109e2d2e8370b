package io.decisioning.service.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A generated policy row with its claims and its premium schedule ({@link PremiumSchedules}; empty without
 * {@code rules.demo.premium-schedules}).
 */
record DemoPolicy(String policyNo, String productLine, String channel, LocalDate startDate, LocalDate endDate,
                  BigDecimal premium, String status, List<DemoClaim> claims, List<DemoInstallment> installments) {

    DemoPolicy withInstallments(List<DemoInstallment> schedule) {
        return new DemoPolicy(policyNo, productLine, channel, startDate, endDate, premium, status, claims, schedule);
    }
}
