package io.decisioning.service.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.ApiClient;
import io.decisioning.service.Await;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.demo.DemoDataGenerator;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;

/** Generated books for tests outside this package: the demo generator with a unique customer-number prefix. */
public final class DemoBooks {

    private DemoBooks() {
    }

    /**
     * Writes {@code customers} demo customers (with policies, claims and premium schedules) numbered with a
     * fresh prefix, so the book can be added to a database other tests share.
     *
     * @return the prefix of the customer numbers
     */
    public static String write(DataSource dataSource, int customers, long seed, LocalDate today) {
        return writeWithProfiles(dataSource, customers, seed, today).prefix();
    }

    /**
     * Runs the night over the whole book as an administrator would (POST /api/v1/batch-runs) and returns once the run
     * has SUCCEEDED: a FAILED run, or one still running after 5 minutes, fails the test.
     */
    public static void runTheNight(ApiClient api) {
        Response started = api.post("/api/v1/batch-runs", null, "admin");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String run = "/api/v1/batch-runs/" + started.json().get("id").asLong();
        Await.until(Duration.ofMinutes(5), () -> !api.getJson(run, "admin").get("status").asString().equals("RUNNING"));
        JsonNode finished = api.getJson(run, "admin");
        assertThat(finished.get("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");
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

    /**
     * Writes {@code customers} demo customers of whom the share {@code duplicates} have a second record (DESIGN.md
     * section 10), numbered with a fresh prefix. Who they are depends on {@code seed} alone (not on the prefix),
     * so the figures of a test are the same on every run; no other test may write a book of this seed.
     *
     * @return the prefix, and for each second record the number of the first: the truth resolution should find
     */
    public static Duplicated writeWithDuplicates(DataSource dataSource, int customers, long seed, LocalDate today,
                                                 double duplicates) {
        String prefix = CrmFixtures.uniquePrefix();
        DemoBook book = new DemoBook(customers, seed, today, prefix, duplicates, seed);
        DemoDataGenerator.Summary summary = new DemoDataGenerator(dataSource).write(book);
        Map<String, String> firstOf = new LinkedHashMap<>();
        book.customers().filter(customer -> customer.duplicateOf() != null)
                .forEach(customer -> firstOf.put(customer.customerNo(), customer.duplicateOf()));
        return new Duplicated(prefix, summary.customers(), firstOf);
    }

    /** A written book: its customer-number prefix and each customer's profile by customer number. */
    public record Written(String prefix, Map<String, String> profiles) {
    }

    /** A book with second records: its prefix, its records, and the first record of each second one, by number. */
    public record Duplicated(String prefix, int records, Map<String, String> firstOf) {
    }
}
