package io.decisioning.service.system;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A date or time the database can store: MySQL's and MariaDB's DATE and DATETIME columns hold the
 * years 1000 to 9999 (in UTC for instants, as the service stores them). Outside that a request would
 * fail in the database (or, worse, be stored differently on another server), so it is refused as
 * invalid input naming the field. Null is valid (use @NotNull for required fields).
 */
@Documented
@Constraint(validatedBy = StorableDate.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface StorableDate {

    String message() default "must be between 1000-01-01 and 9999-12-31";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    LocalDate MIN = LocalDate.of(1000, 1, 1);
    LocalDate MAX = LocalDate.of(9999, 12, 31);

    /** Accepts LocalDate, LocalDateTime, OffsetDateTime, ZonedDateTime and Instant. */
    final class Validator implements ConstraintValidator<StorableDate, Object> {

        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            LocalDate date = dateOf(value);
            return date != null && !date.isBefore(MIN) && !date.isAfter(MAX);
        }

        /** The UTC date of the value; null when it is beyond what java.time can place on a calendar. */
        private static LocalDate dateOf(Object value) {
            try {
                if (value instanceof LocalDate date) {
                    return date;
                }
                if (value instanceof LocalDateTime time) {
                    return time.toLocalDate();
                }
                if (value instanceof OffsetDateTime time) {
                    return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
                }
                if (value instanceof ZonedDateTime time) {
                    return time.withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
                }
                if (value instanceof Instant instant) {
                    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toLocalDate();
                }
            } catch (DateTimeException e) {
                return null;
            }
            throw new IllegalArgumentException("@StorableDate does not apply to " + value.getClass());
        }
    }
}
