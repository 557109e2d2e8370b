package io.decisioning.service.identity;

import io.decisioning.service.customer.CrmFixtures;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** CRM records written for the tests of parties: people with the identities, names and phones a test needs. */
public final class IdentityRecords {

    private IdentityRecords() {
    }

    /** A valid 18-digit resident ID of someone born on {@code birth} (region and sequence at random). */
    public static String residentId(LocalDate birth) {
        String first17 = "4403%02d%s%03d".formatted(ThreadLocalRandom.current().nextInt(1, 100),
                birth.toString().replace("-", ""), ThreadLocalRandom.current().nextInt(1000));
        return first17 + ResidentId.checkCharacter(first17);
    }

    /** A name no other test uses: {@code first} and eight characters. */
    public static String name(String first) {
        return first + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** A person's CRM record, created 2020-01-01; its id. */
    public static long insert(JdbcClient jdbc, String name, String idType, String idNumber, @Nullable LocalDate birth,
                              @Nullable String phone, String branch) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone, branch_code,
                                              created_at)
                        VALUES (:no, 'PERSON', :name, :idType, :idNumber, :birth, :phone, :branch, :at)
                        """)
                .param("no", CrmFixtures.uniqueNumber()).param("name", name).param("idType", idType).param("idNumber", idNumber)
                .param("birth", birth).param("phone", phone).param("branch", branch).param("at", LocalDateTime.of(2020, 1, 1, 9, 0))
                .update(key);
        return key.getKey().longValue();
    }

    /**
     * Stores the keys an evaluation of these records would store, and lists those whose keys changed as an
     * evaluation does ({@link PartyResolver#keysChanged}).
     *
     * @return the records whose stored keys changed
     */
    public static List<Long> storeKeys(JdbcClient jdbc, MatchKeyRepository keys, PartyResolver resolver, long... ids) {
        List<Long> changed = new ArrayList<>();
        for (long id : ids) {
            changed.addAll(keys.refresh(List.of(jdbc.sql("SELECT id_type, id_number, name, birth_date, phone FROM customer WHERE id = :id")
                    .param("id", id)
                    .query((rs, row) -> new CustomerKeys(id, MatchKeys.of(rs.getString("id_type"), rs.getString("id_number"),
                            rs.getString("name"), rs.getObject("birth_date", LocalDate.class), rs.getString("phone"))))
                    .single())));
        }
        resolver.keysChanged(changed);
        return changed;
    }
}
