package io.decisioning.service.demo;

import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.demo.DemoDataGenerator;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Generated books for tests outside this package: the demo generator with a unique customer-number prefix. */
public final class DemoBooks {

    private DemoBooks() {
    }

    /**
     * Writes {@code customers} demo customers (with policies and claims) numbered with a fresh prefix,
     * so the book can be added to a database other tests share.
     *
     * @return the prefix of the customer numbers
     */
    public static String write(DataSource dataSource, int customers, long seed, LocalDate today) {
        return writeWithProfiles(dataSource, customers, seed, today).prefix();
    }

    /** {@link #write}, also telling what each customer was generated to look like (DemoProfile's names). */
    public static Written writeWithProfiles(DataSource dataSource, int customers, long seed, LocalDate today) {
        String prefix = CrmFixtures.uniquePrefix();
        DemoBook book = new DemoBook(customers, seed, today, prefix);
        new DemoDataGenerator(dataSource).write(book);
        Map<String, String> profiles = new LinkedHashMap<>();
        book.customers().forEach(customer -> profiles.put(customer.customerNo(), customer.profile().name()));
        return new Written(prefix, profiles);
    }

    /** A written book: its customer-number prefix and each customer's profile by customer number. */
    public record Written(String prefix, Map<String, String> profiles) {
    }
}
