package io.decisioning.service.check;

import io.decisioning.service.identity.IdType;
import io.decisioning.service.system.StorableDate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A pre-bind check: either an existing customer by number, or an applicant by identity document
 * with the product line and premium about to be bound (DESIGN.md section 5).
 */
record PreBindRequest(
        @Nullable @Size(min = 1, max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "{decisioning.code}")
        String customerNo,
        @Nullable @Valid Applicant applicant,
        @Nullable ProductLine productLine,
        @Nullable @DecimalMin(value = "0.00", message = "{decisioning.notNegative}")
        @Digits(integer = 12, fraction = 2) BigDecimal premium) {

    record Applicant(
            @NotNull IdType idType,
            @NotBlank @Size(max = 64) String idNumber,
            @Nullable @Size(max = 200) String name,
            @Nullable @Past @StorableDate LocalDate birthDate,
            @Nullable @Size(max = 32) String phone) {
    }
}
