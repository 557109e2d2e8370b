package io.decisioning.service.blacklist;

import io.decisioning.service.identity.IdType;
import io.decisioning.service.identity.ResidentId;
import io.decisioning.service.identity.UnifiedSocialCreditCode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Random but valid identities, so tests never collide with each other or with rows already in a
 * shared database.
 */
final class BlacklistFixtures {

    private static final String LETTERS = "ABCDEFGHJKLMNPQRTUWXY";

    private BlacklistFixtures() {
    }

    static LocalDate birthDate() {
        return LocalDate.of(1940, 1, 1).plusDays(random().nextInt(60 * 365));
    }

    static String residentId(LocalDate birthDate) {
        String first17 = "4403%02d%s%03d".formatted(random().nextInt(1, 100), birthDate.toString().replace("-", ""),
                random().nextInt(1000));
        return first17 + ResidentId.checkCharacter(first17);
    }

    static String residentId() {
        return residentId(birthDate());
    }

    static String uscc() {
        StringBuilder first17 = new StringBuilder("91440300");
        while (first17.length() < 17) {
            first17.append(LETTERS.charAt(random().nextInt(LETTERS.length())));
        }
        return first17.toString() + UnifiedSocialCreditCode.checkCharacter(first17.toString());
    }

    static String phone() {
        return "139" + "%08d".formatted(random().nextInt(100_000_000));
    }

    /** A Chinese surname and a random Latin tail, e.g. "王 KXQTPW". */
    static String name() {
        StringBuilder name = new StringBuilder("王 ");
        for (int i = 0; i < 8; i++) {
            name.append(LETTERS.charAt(random().nextInt(LETTERS.length())));
        }
        return name.toString();
    }

    static String customerNo() {
        return "BLT" + Long.toString(random().nextLong(Long.MAX_VALUE), 36).toUpperCase();
    }

    /** Full-width spelling of ASCII text, as some CRMs and users type it. */
    static String fullWidth(String text) {
        StringBuilder wide = new StringBuilder();
        for (char c : text.toCharArray()) {
            wide.append(c == ' ' ? '\u3000' : c > ' ' && c <= '~' ? (char) (c + 0xFEE0) : c);
        }
        return wide.toString();
    }

    static NewBlacklistEntry entry(@Nullable IdType idType, @Nullable String idNumber, @Nullable String name,
                                   @Nullable LocalDate birthDate, @Nullable String phone, @Nullable LocalDate expiresAt) {
        return new NewBlacklistEntry(idType, idNumber, name, birthDate, phone, ReasonCode.FRAUD, "test", expiresAt);
    }

    /** A CRM customer as the CRM inserts it; returns its id. */
    static long insertCustomer(JdbcClient jdbc, String customerNo, String name, String idType, String idNumber,
                               @Nullable LocalDate birthDate, @Nullable String phone) {
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone,
                                              branch_code, created_at)
                        VALUES (:customerNo, :type, :name, :idType, :idNumber, :birthDate, :phone, 'HQ', :createdAt)
                        """)
                .param("customerNo", customerNo)
                .param("type", "USCC".equals(idType) ? "ORGANIZATION" : "PERSON")
                .param("name", name)
                .param("idType", idType)
                .param("idNumber", idNumber)
                .param("birthDate", birthDate)
                .param("phone", phone)
                .param("createdAt", LocalDateTime.now())
                .update(id);
        return Objects.requireNonNull(id.getKey()).longValue();
    }

    private static ThreadLocalRandom random() {
        return ThreadLocalRandom.current();
    }
}
