package io.decisioning.service.demo;

import io.decisioning.service.system.BulkSql;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a deterministic demo book ({@link DemoBook}) into the CRM tables (premium_due included, unless the
 * book has no premium schedules): streaming, in chunks of
 * {@value #CHUNK} customers, one transaction per chunk, with multi-row inserts ({@link BulkSql#insert}:
 * a few hundred rows per statement, each statement prepared once per connection). A plain class, so that a benchmark's
 * {@code main} can fill a database with a million customers:
 * {@code new DemoDataGenerator(dataSource).generate(1_000_000, 20260101, LocalDate.now())}.
 *
 * <p>Ids are assigned by the database; the ids of each chunk's customers and policies are read back
 * by their (unique) numbers, so the generator works next to concurrent writers.
 */
public final class DemoDataGenerator {

    static final int CHUNK = 2_000;

    private static final String INSERT_CUSTOMER = """
            INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone,
                                  branch_code, account_manager, created_at) VALUES""";
    private static final String INSERT_POLICY = """
            INSERT INTO policy (policy_no, customer_id, product_line, channel, start_date, end_date, premium, status)
            VALUES""";
    private static final String INSERT_CLAIM = """
            INSERT INTO claim (claim_no, policy_id, customer_id, loss_date, reported_at, status, claimed_amount, paid_amount)
            VALUES""";
    private static final String INSERT_INSTALLMENT = """
            INSERT INTO premium_due (policy_id, customer_id, installment_no, due_date, amount, status, paid_at) VALUES""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public DemoDataGenerator(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * What was written: {@code customers} counts CRM records (second records of a customer included),
     * {@code installments} the rows of premium_due.
     */
    public record Summary(int customers, long policies, long claims, long installments, Duration took) {
    }

    /**
     * Generates {@code customers} customers numbered C00000001, C00000002, ... with their policies, claims and
     * premium schedules.
     */
    public Summary generate(int customers, long seed, LocalDate today) {
        return generate(customers, seed, today, 0, true);
    }

    /**
     * The same, with the share {@code duplicates} of the customers entered a second time (numbered D00000042
     * for C00000042), as branches and channels do (DESIGN.md section 10), and with premium schedules
     * (DESIGN.md section 11) or without: the customers, policies and claims are the same either way.
     */
    public Summary generate(int customers, long seed, LocalDate today, double duplicates, boolean premiumSchedules) {
        return write(new DemoBook(customers, seed, today, "", duplicates, seed, premiumSchedules));
    }

    /** Writes the book chunk by chunk; the next chunk is generated on another thread while one is written. */
    Summary write(DemoBook book) {
        long started = System.nanoTime();
        long[] counts = new long[3];
        int records = 0;
        ExecutorService generator = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "demo-data-generator");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<List<DemoCustomer>> next = generator.submit(() -> book.customers(1, CHUNK));
            for (int from = 1; from <= book.size(); from += CHUNK) {
                List<DemoCustomer> rows = next.get();
                int nextFrom = from + CHUNK;
                if (nextFrom <= book.size()) {
                    next = generator.submit(() -> book.customers(nextFrom, nextFrom + CHUNK - 1));
                }
                transaction.executeWithoutResult(status -> writeChunk(rows, counts));
                records += rows.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while generating demo data", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot generate demo data", e.getCause());
        } finally {
            generator.shutdownNow();
        }
        return new Summary(records, counts[0], counts[1], counts[2], Duration.ofNanos(System.nanoTime() - started));
    }

    private void writeChunk(List<DemoCustomer> customers, long[] counts) {
        List<Object[]> customerRows = new ArrayList<>(customers.size());
        for (DemoCustomer c : customers) {
            customerRows.add(new Object[] {c.customerNo(), c.customerType(), c.name(), c.idType(), c.idNumber(),
                    c.birthDate(), c.phone(), c.branchCode(), c.accountManager(), c.createdAt()});
        }
        BulkSql.insert(jdbc, INSERT_CUSTOMER, 10, "", customerRows);
        // the first records (C...) and the second ones (D..., DESIGN.md section 10) are each in the order of their numbers
        Map<String, Long> customerIds = new java.util.HashMap<>();
        for (String letter : List.of("C", "D")) {
            List<String> numbers = customers.stream().map(DemoCustomer::customerNo)
                    .filter(no -> no.startsWith(letter, no.length() - 9)).sorted().toList();
            if (!numbers.isEmpty()) {
                customerIds.putAll(ids("SELECT id, customer_no FROM customer WHERE customer_no BETWEEN ? AND ?",
                        numbers.get(0), numbers.get(numbers.size() - 1)));
            }
        }

        List<Object[]> policyRows = new ArrayList<>(customers.size() * 4);
        String firstPolicy = null;
        String lastPolicy = null;
        for (DemoCustomer c : customers) {
            long customerId = customerIds.get(c.customerNo());
            for (DemoPolicy p : c.policies()) {
                policyRows.add(new Object[] {p.policyNo(), customerId, p.productLine(), p.channel(), p.startDate(),
                        p.endDate(), p.premium(), p.status()});
                // the lowest and highest number (a customer's second record holds some of its policies)
                firstPolicy = firstPolicy == null || p.policyNo().compareTo(firstPolicy) < 0 ? p.policyNo() : firstPolicy;
                lastPolicy = lastPolicy == null || p.policyNo().compareTo(lastPolicy) > 0 ? p.policyNo() : lastPolicy;
            }
        }
        if (policyRows.isEmpty()) {
            return;
        }
        BulkSql.insert(jdbc, INSERT_POLICY, 8, "", policyRows);
        counts[0] += policyRows.size();
        Map<String, Long> policyIds = ids("SELECT id, policy_no FROM policy WHERE policy_no BETWEEN ? AND ?",
                firstPolicy, lastPolicy);

        List<Object[]> claimRows = new ArrayList<>(customers.size() * 2);
        List<Object[]> installmentRows = new ArrayList<>(customers.size() * 12);
        for (DemoCustomer c : customers) {
            Long customerId = customerIds.get(c.customerNo());
            for (DemoPolicy p : c.policies()) {
                Long policyId = policyIds.get(p.policyNo());
                for (DemoClaim claim : p.claims()) {
                    claimRows.add(new Object[] {claim.claimNo(), policyId, customerId,
                            claim.lossDate(), claim.reportedAt(), claim.status(), claim.claimedAmount(), claim.paidAmount()});
                }
                for (DemoInstallment i : p.installments()) {
                    installmentRows.add(new Object[] {policyId, customerId, i.installmentNo(), i.dueDate(), i.amount(),
                            i.status(), i.paidAt()});
                }
            }
        }
        if (!claimRows.isEmpty()) {
            BulkSql.insert(jdbc, INSERT_CLAIM, 8, "", claimRows);
            counts[1] += claimRows.size();
        }
        if (!installmentRows.isEmpty()) {
            BulkSql.insert(jdbc, INSERT_INSTALLMENT, 7, "", installmentRows);
            counts[2] += installmentRows.size();
        }
    }

    private Map<String, Long> ids(String sql, String from, String to) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.query(sql, rs -> {
            ids.put(rs.getString(2), rs.getLong(1));
        }, from, to);
        return ids;
    }
}
