package io.decisioning.service.identity;


import io.decisioning.rules.MatchField;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The normalized keys of a person or company: those it is matched on against the blacklist (DESIGN.md
 * section 4) and those that find other CRM records of it (section 10). Customers, applicants and
 * blacklist entries get their keys from the same rules, and the keys are stored as these exact
 * strings in {@code customer_match_key} and {@code blacklist_entry}, so matching is an equality join
 * on an index.
 *
 * @param idNumber      {@code ID_NUMBER}: the id type and normalized id number, e.g. "RESIDENT_ID|11010519491231002X";
 *                      a valid 15-digit resident ID in its 18-digit form
 * @param nameBirthDate {@code NAME_BIRTH_DATE}: the normalized name and the birth date, e.g. "张三|1949-12-31"
 * @param phone         {@code PHONE}: the digits of the phone without a leading 86 country code, e.g. "13800138000"
 * @param identity      {@code IDENTITY}: "RESIDENT_ID|" and a valid resident ID in 18-digit form, "ORG_CODE|" and the
 *                      organization code of a valid USCC or of an OTHER id that is one, "PASSPORT|" with the number and
 *                      the name; null for other or invalid documents (blacklist entries do not keep it)
 * @param namePhone     {@code NAME_PHONE}: the normalized name and the phone key, e.g. "张三|13800138000"
 */
public record MatchKeys(@Nullable String idNumber, @Nullable String nameBirthDate, @Nullable String phone,
                        @Nullable String identity, @Nullable String namePhone) {

    private static final String SEPARATOR = "|";
    /** The prefix of a resident ID's {@code IDENTITY} key. */
    public static final String RESIDENT_ID_PREFIX = "RESIDENT_ID|";
    /** The prefix of an organization code's {@code IDENTITY} key. */
    public static final String ORG_CODE_PREFIX = "ORG_CODE|";
    /** The prefix of a passport's {@code IDENTITY} key. */
    public static final String PASSPORT_PREFIX = "PASSPORT|";

    public MatchKeys {
        idNumber = blankToNull(idNumber);
        nameBirthDate = blankToNull(nameBirthDate);
        phone = blankToNull(phone);
        identity = blankToNull(identity);
        namePhone = blankToNull(namePhone);
    }

    /** The blacklist's keys alone (a blacklist entry's). */
    public MatchKeys(@Nullable String idNumber, @Nullable String nameBirthDate, @Nullable String phone) {
        this(idNumber, nameBirthDate, phone, null, null);
    }

    /**
     * The keys of a customer, applicant or entry; a key whose parts are missing is null. Each part is normalized
     * once (a nightly run computes the keys of every customer of the book).
     */
    public static MatchKeys of(@Nullable String idType, @Nullable String idNumber, @Nullable String name,
                               @Nullable LocalDate birthDate, @Nullable String phone) {
        String type = normalize(idType);
        String number = normalize(idNumber);
        String normalizedName = normalize(name);
        String phoneKey = phoneKey(phone);
        String comparable = comparable(type, number);
        return new MatchKeys(type.isEmpty() || comparable.isEmpty() ? null : type + SEPARATOR + comparable,
                normalizedName.isEmpty() || birthDate == null ? null : normalizedName + SEPARATOR + birthDate,
                phoneKey, identity(type, number, normalizedName),
                normalizedName.isEmpty() || phoneKey == null ? null : normalizedName + SEPARATOR + phoneKey);
    }

    /**
     * {@code ID_NUMBER}: idType + normalized idNumber; null unless both are given. A valid resident ID of
     * 15 digits gives the key of its 18-digit form, so the old and the new card match.
     */
    public static @Nullable String idNumberKey(@Nullable String idType, @Nullable String idNumber) {
        String type = normalize(idType);
        String number = comparableNumber(idType, idNumber);
        return type.isEmpty() || number.isEmpty() ? null : type + SEPARATOR + number;
    }

    /**
     * The id number as keys compare it: normalized, and a valid 15-digit resident ID in its 18-digit
     * form. "" for null.
     */
    public static String comparableNumber(@Nullable String idType, @Nullable String idNumber) {
        return comparable(normalize(idType), normalize(idNumber));
    }

    private static String comparable(String type, String number) {
        if (number.length() == 15 && type.equals(IdType.RESIDENT_ID.name())) {
            ResidentId resident = ResidentId.parseOrNull(number);
            if (resident != null) {
                return resident.value();
            }
        }
        return number;
    }

    /**
     * {@code IDENTITY} (DESIGN.md section 10): what says two records are one person or organization,
     * whatever the document type they were entered with; null when the document says nothing certain.
     */
    public static @Nullable String identityKey(@Nullable String idType, @Nullable String idNumber, @Nullable String name) {
        return identity(normalize(idType), normalize(idNumber), normalize(name));
    }

    private static @Nullable String identity(String type, String number, String normalizedName) {
        if (number.isEmpty()) {
            return null;
        }
        if (type.equals(IdType.RESIDENT_ID.name())) {
            ResidentId resident = ResidentId.parseOrNull(number);
            return resident == null ? null : RESIDENT_ID_PREFIX + resident.value();
        }
        if (type.equals(IdType.USCC.name())) {
            return UnifiedSocialCreditCode.isValid(number)
                    ? ORG_CODE_PREFIX + OrganizationCode.of(UnifiedSocialCreditCode.parse(number)) : null;
        }
        if (type.equals(IdType.OTHER.name())) {
            String code = OrganizationCode.validOrNull(number);
            return code == null ? null : ORG_CODE_PREFIX + code;
        }
        if (type.equals(IdType.PASSPORT.name())) {
            return normalizedName.isEmpty() ? null : PASSPORT_PREFIX + number + SEPARATOR + normalizedName;
        }
        return null;
    }

    /** {@code NAME_BIRTH_DATE}: normalized name + birth date; null unless both are given. */
    public static @Nullable String nameBirthDateKey(@Nullable String name, @Nullable LocalDate birthDate) {
        String normalized = normalize(name);
        return normalized.isEmpty() || birthDate == null ? null : normalized + SEPARATOR + birthDate;
    }

    /** {@code PHONE}: the normalized phone; null when it has no digits. */
    public static @Nullable String phoneKey(@Nullable String phone) {
        String normalized = normalizePhone(phone);
        return normalized.isEmpty() ? null : normalized;
    }

    /**
     * Full-width to half-width (U+FF01..U+FF5E and the ideographic space), upper case, without
     * spaces and '-'. Null becomes "".
     */
    public static String normalize(@Nullable String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(raw.length());
        for (char c : HalfWidth.of(raw).toCharArray()) {
            if (c != '-' && !Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                text.append(c);
            }
        }
        return text.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * The digits of a phone number (full-width digits included) without a leading 86 or 0086
     * country code, which is dropped only when a full number remains: "+86 138-0013-8000" and
     * "0086 13800138000" become "13800138000", while "86123456" stays. Null becomes "".
     */
    public static String normalizePhone(@Nullable String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder digits = new StringBuilder();
        for (char c : HalfWidth.of(raw).toCharArray()) {
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        String phone = digits.toString();
        if (phone.startsWith("0086") && phone.length() > 13) {
            return phone.substring(4);
        }
        if (phone.startsWith("86") && phone.length() > 11) {
            return phone.substring(2);
        }
        return phone;
    }

    /** The fields on which these keys and {@code other} are equal, in the order of {@link MatchField}. */
    public List<MatchField> fieldsMatching(MatchKeys other) {
        List<MatchField> fields = new ArrayList<>(3);
        if (idNumber != null && idNumber.equals(other.idNumber)) {
            fields.add(MatchField.ID_NUMBER);
        }
        if (nameBirthDate != null && nameBirthDate.equals(other.nameBirthDate)) {
            fields.add(MatchField.NAME_BIRTH_DATE);
        }
        if (phone != null && phone.equals(other.phone)) {
            fields.add(MatchField.PHONE);
        }
        return fields;
    }

    /** The key of one blacklist field, or null. */
    public @Nullable String key(MatchField field) {
        return key(KeyType.of(field));
    }

    /** The key of one type, or null. */
    public @Nullable String key(KeyType type) {
        return switch (type) {
            case ID_NUMBER -> idNumber;
            case NAME_BIRTH_DATE -> nameBirthDate;
            case PHONE -> phone;
            case IDENTITY -> identity;
            case NAME_PHONE -> namePhone;
        };
    }

    /** Whether none of the blacklist's keys is given. */
    public boolean isEmpty() {
        return idNumber == null && nameBirthDate == null && phone == null;
    }


    private static @Nullable String blankToNull(@Nullable String key) {
        return key == null || key.isBlank() ? null : key;
    }
}
