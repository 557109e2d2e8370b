package io.decisioning.service.demo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A generated customer row with its policies and their claims, before it is written (see {@link DemoBook}).
 *
 * @param duplicateOf for a second record of a customer (DESIGN.md section 10, {@code rules.demo.duplicates}), the
 *                    number of the first: the truth resolution should find; null for a first record
 */
record DemoCustomer(
        int index,
        DemoProfile profile,
        String customerNo,
        String customerType,
        String name,
        String idType,
        String idNumber,
        @Nullable LocalDate birthDate,
        @Nullable String phone,
        String branchCode,
        @Nullable String accountManager,
        LocalDateTime createdAt,
        List<DemoPolicy> policies,
        @Nullable String duplicateOf) {
}
