package io.decisioning.service.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A generated instalment of a policy's premium schedule: a {@code premium_due} row (DESIGN.md section 11).
 *
 * @param status DUE, PAID, WAIVED or CANCELLED
 * @param paidAt when it was paid: set for PAID and only for PAID
 */
record DemoInstallment(int installmentNo, LocalDate dueDate, BigDecimal amount, String status,
                       @Nullable LocalDateTime paidAt) {

    DemoInstallment {
        if (installmentNo < 1) {
            throw new IllegalArgumentException("installmentNo < 1");
        }
        if (status.equals("PAID") != (paidAt != null)) {
            throw new IllegalArgumentException("a PAID instalment, and only a PAID one, has paidAt: " + status);
        }
    }
}
