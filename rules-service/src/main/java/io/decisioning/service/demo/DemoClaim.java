package io.decisioning.service.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** A generated claim row. */
record DemoClaim(String claimNo, LocalDate lossDate, LocalDateTime reportedAt, String status,
                 BigDecimal claimedAmount, BigDecimal paidAmount) {
}
