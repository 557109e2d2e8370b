package io.decisioning.service.customer;

import java.time.LocalDate;
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
        String prefix = CrmFixtures.uniquePrefix();
        new DemoDataGenerator(dataSource).write(new DemoBook(customers, seed, today, prefix));
        return prefix;
    }
}
