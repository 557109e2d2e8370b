package io.decisioning.service.blacklist;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.identity.IdType;
import io.decisioning.service.identity.InvalidIdNumberException;
import io.decisioning.service.identity.MatchKeys;
import io.decisioning.service.identity.ResidentId;
import io.decisioning.service.identity.UnifiedSocialCreditCode;
import io.decisioning.service.system.InvalidInputException.FieldProblem;
import io.decisioning.service.system.InvalidInputException;
import io.decisioning.service.system.StorableDate;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/v1/blacklist}: who is blacklisted, why, and until when. */
public record NewBlacklistEntry(
        @Nullable IdType idType,
        @Nullable @Size(max = 64) String idNumber,
        @Nullable @Size(max = 200) String name,
        @Nullable @PastOrPresent @StorableDate LocalDate birthDate,
        @Nullable @Size(max = 32) String phone,
        @NotNull ReasonCode reasonCode,
        @Nullable @Size(max = 2000) String note,
        @Nullable @StorableDate LocalDate expiresAt) {

    static final int MIN_PHONE_DIGITS = 5;

    public NewBlacklistEntry {
        idNumber = strippedOrNull(idNumber);
        name = strippedOrNull(name);
        phone = strippedOrNull(phone);
        note = strippedOrNull(note);
    }

    /**
     * This entry with its id number in canonical form, once the rules beyond Bean Validation hold:
     * at least one usable match key, id type and number together, valid check digits for
     * RESIDENT_ID (GB 11643) and USCC (GB 32100), a phone with digits, an expiry after today.
     *
     * @throws InvalidInputException naming every field at fault
     */
    NewBlacklistEntry validated(LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        String canonicalIdNumber = idNumber;
        if (idType != null && idNumber == null) {
            problems.add(new FieldProblem("idNumber", new Sentence("is required with idType", "填写 idType 时必填")));
        } else if (idType == null && idNumber != null) {
            problems.add(new FieldProblem("idType", new Sentence("is required with idNumber", "填写 idNumber 时必填")));
        } else if (idType == IdType.RESIDENT_ID) {
            // A 15-digit number is kept as typed (its key is the 18-digit form): the entry shows what the document says.
            canonicalIdNumber = checked(problems, () -> {
                ResidentId resident = ResidentId.parse(MatchKeys.normalize(idNumber));
                String typed = MatchKeys.normalize(idNumber);
                if (birthDate != null && !birthDate.equals(resident.birthDate())) {
                    Sentence problem = new Sentence("birthDate is " + birthDate + " but idNumber says " + resident.birthDate(),
                            "birthDate 为 " + birthDate + "，但 idNumber 中的出生日期为 " + resident.birthDate());
                    problems.add(new FieldProblem("birthDate", problem));
                    problems.add(new FieldProblem("idNumber", problem));
                }
                return typed.length() == 15 ? typed : resident.value();
            });
        } else if (idType == IdType.USCC) {
            canonicalIdNumber = checked(problems, () -> UnifiedSocialCreditCode.parse(idNumber).value());
        } else if (idNumber != null && MatchKeys.normalize(idNumber).isEmpty()) {
            problems.add(new FieldProblem("idNumber", new Sentence("has no characters besides spaces and '-'",
                    "除空格和 '-' 外没有其他字符")));
        }
        if (phone != null && MatchKeys.normalizePhone(phone).length() < MIN_PHONE_DIGITS) {
            problems.add(new FieldProblem("phone", new Sentence("must have at least " + MIN_PHONE_DIGITS + " digits",
                    "至少须有 " + MIN_PHONE_DIGITS + " 位数字")));
        }
        if (name != null && MatchKeys.normalize(name).isEmpty()) {
            problems.add(new FieldProblem("name", new Sentence("has no characters besides spaces and '-'",
                    "除空格和 '-' 外没有其他字符")));
        }
        if (expiresAt != null && !expiresAt.isAfter(today)) {
            problems.add(new FieldProblem("expiresAt", new Sentence("must be a date after today (" + today + ")",
                    "必须是今天（" + today + "）之后的日期")));
        }
        NewBlacklistEntry entry = new NewBlacklistEntry(idType, canonicalIdNumber, name, birthDate, phone, reasonCode,
                note, expiresAt);
        if (problems.isEmpty() && entry.keys().isEmpty()) {
            problems.add(new FieldProblem("body", new Sentence(
                    "needs at least one match key: idType and idNumber, name and birthDate, or phone",
                    "至少需要一个匹配键：idType 和 idNumber、name 和 birthDate，或 phone")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return entry;
    }

    MatchKeys keys() {
        return MatchKeys.of(idType == null ? null : idType.name(), idNumber, name, birthDate, phone);
    }

    private static @Nullable String checked(List<FieldProblem> problems, Supplier<String> canonicalForm) {
        try {
            return canonicalForm.get();
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("idNumber", InvalidIdNumberException.problemOf(e)));
            return null;
        }
    }

    private static @Nullable String strippedOrNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
