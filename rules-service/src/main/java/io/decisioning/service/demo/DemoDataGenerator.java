package io.decisioning.service.demo;

import io.decisioning.service.system.BulkSql;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
 * book has no premium schedules, and complaint, when it has complaints): streaming, in chunks of
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
    private static final String INSERT_CONTACT = """
            INSERT INTO customer_contact (customer_id, customer_no, kind, occurred_at, by_user, manager_code, satisfaction,
                                          note, created_at) VALUES""";
    private static final String INSERT_SUMMARY = """
            INSERT INTO customer_contact_summary (customer_id, last_visit_at, last_contact_at) VALUES""";
    private static final String INSERT_MANAGER = """
            INSERT IGNORE INTO account_manager (code, name, branch_code, level, capacity, status, qualified_until, created_at,
                                                created_by, updated_at, updated_by) VALUES""";
    private static final String INSERT_INSTALLMENT = """
            INSERT INTO premium_due (policy_id, customer_id, installment_no, due_date, amount, status, paid_at) VALUES""";
    private static final String INSERT_COMPLAINT = """
            INSERT INTO complaint (complaint_no, customer_id, policy_id, channel, category, complexity, branch_code,
                                   received_at, status, decided_at, root_cause) VALUES""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public DemoDataGenerator(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * What was written: {@code customers} counts CRM records (second records of a customer included),
     * {@code installments} the rows of premium_due, {@code complaints} those of complaint (with or without a customer).
     */
    public record Summary(int customers, long policies, long claims, long installments, long contacts, long complaints,
                          Duration took) {
    }

    /**
     * Generates {@code customers} customers numbered C00000001, C00000002, ... with their policies, claims,
     * premium schedules and complaints.
     */
    public Summary generate(int customers, long seed, LocalDate today) {
        return generate(customers, seed, today, 0, true, true);
    }

    /**
     * The same, with the share {@code duplicates} of the customers entered a second time (numbered D00000042
     * for C00000042), as branches and channels do (DESIGN.md section 10), with premium schedules (DESIGN.md
     * section 11) or without, and with complaints (DESIGN.md section 13) or without: the customers, policies and
     * claims are the same either way.
     */
    public Summary generate(int customers, long seed, LocalDate today, double duplicates, boolean premiumSchedules,
                            boolean complaints) {
        return write(new DemoBook(customers, seed, today, "", duplicates, seed, premiumSchedules, complaints));
    }

    /** Writes the book chunk by chunk; the next chunk is generated on another thread while one is written. */
    Summary write(DemoBook book) {
        long started = System.nanoTime();
        long[] counts = new long[5];
        transaction.executeWithoutResult(status -> writeRegister(book.today()));
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
                transaction.executeWithoutResult(status -> writeChunk(book, rows, counts));
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
        transaction.executeWithoutResult(status -> fillAtCapacity());
        return new Summary(records, counts[0], counts[1], counts[2], counts[3], counts[4],
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The demo register of account managers ({@link DemoManagers}), once: managers already in it are left as they are. */
    private void writeRegister(LocalDate today) {
        LocalDateTime now = LocalDateTime.now(java.time.ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        for (DemoManagers.Manager m : DemoManagers.register(today)) {
            rows.add(new Object[] {m.code(), m.name(), m.branchCode(), m.level(), m.capacity(), m.status(), m.qualifiedUntil(),
                    now, "demo", now, "demo"});
        }
        BulkSql.insert(jdbc, INSERT_MANAGER, 11, "", rows);
    }

    /** The demo managers "at capacity" get exactly as many customers as the CRM names them for (at least one). */
    private void fillAtCapacity() {
        jdbc.update("""
                UPDATE account_manager m
                   SET capacity = GREATEST(1, (SELECT COUNT(*) FROM customer c WHERE c.account_manager = m.code))
                 WHERE m.code LIKE ? AND m.created_by = 'demo'""", "%" + DemoManagers.AT_CAPACITY_SUFFIX);
    }

    private void writeChunk(DemoBook book, List<DemoCustomer> customers, long[] counts) {
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
        writeContacts(book, customers, customerIds, counts);
        writeComplaints(book, customers, customerIds, policyIds, counts);
    }

    /** The contacts of the chunk's managed customers, and each one's summary (latest visit and contact). */
    private void writeContacts(DemoBook book, List<DemoCustomer> customers, Map<String, Long> customerIds, long[] counts) {
        List<Object[]> contactRows = new ArrayList<>();
        List<Object[]> summaryRows = new ArrayList<>();
        for (DemoCustomer c : customers) {
            List<DemoContact> contacts = book.contacts(c);
            if (contacts.isEmpty()) {
                continue;
            }
            long customerId = customerIds.get(c.customerNo());
            LocalDateTime lastVisit = null;
            LocalDateTime lastContact = null;
            for (DemoContact contact : contacts) {
                contactRows.add(new Object[] {customerId, c.customerNo(), contact.kind(), contact.occurredAt(),
                        c.accountManager(), c.accountManager(), contact.satisfaction(), contact.note(), contact.occurredAt()});
                if (contact.kind().equals("VISIT") && (lastVisit == null || contact.occurredAt().isAfter(lastVisit))) {
                    lastVisit = contact.occurredAt();
                }
                if (lastContact == null || contact.occurredAt().isAfter(lastContact)) {
                    lastContact = contact.occurredAt();
                }
            }
            summaryRows.add(new Object[] {customerId, lastVisit, lastContact});
        }
        if (!contactRows.isEmpty()) {
            BulkSql.insert(jdbc, INSERT_CONTACT, 9, "", contactRows);
            BulkSql.insert(jdbc, INSERT_SUMMARY, 3, "", summaryRows);
            counts[3] += contactRows.size();
        }
    }

    /** The complaints of the chunk's customers, and those without a customer that come with them. */
    private void writeComplaints(DemoBook book, List<DemoCustomer> customers, Map<String, Long> customerIds,
                                 Map<String, Long> policyIds, long[] counts) {
        List<Object[]> rows = new ArrayList<>();
        for (DemoCustomer c : customers) {
            for (DemoComplaint k : book.complaints(c)) {
                rows.add(new Object[] {k.complaintNo(), k.customerNo() == null ? null : customerIds.get(k.customerNo()),
                        k.policyNo() == null ? null : policyIds.get(k.policyNo()), k.channel(), k.category(), k.complexity(),
                        k.branchCode(), k.receivedAt(), k.status(), k.decidedAt(), k.rootCause()});
            }
        }
        BulkSql.insert(jdbc, INSERT_COMPLAINT, 11, "", rows);
        counts[4] += rows.size();
    }

    private Map<String, Long> ids(String sql, String from, String to) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.query(sql, rs -> {
            ids.put(rs.getString(2), rs.getLong(1));
        }, from, to);
        return ids;
    }
}
