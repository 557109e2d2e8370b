package io.decisioning.service.customer;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A row of the CRM's {@code customer} table (DESIGN.md section 3), as the CRM stored it: identity
 * numbers, names and phones are not normalized.
 */
public record Customer(
        long id,
        String customerNo,
        String customerType,
        String name,
        String idType,
        String idNumber,
        @Nullable LocalDate birthDate,
        @Nullable String phone,
        String branchCode,
        @Nullable String accountManager,
        LocalDateTime createdAt) {

    public Customer {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(customerType, "customerType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idType, "idType");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(branchCode, "branchCode");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
