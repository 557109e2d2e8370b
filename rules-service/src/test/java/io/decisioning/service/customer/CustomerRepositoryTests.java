package io.decisioning.service.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.system.DatabaseTest;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@DatabaseTest
class CustomerRepositoryTests {

    @Autowired
    CustomerRepository customers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CrmFixtures crm;

    @Test
    void aCustomerIsFoundByNumberAndById() {
        long id = crm.customer();
        String customerNo = jdbc.sql("SELECT customer_no FROM customer WHERE id = :id").param("id", id).query(String.class).single();

        Customer customer = customers.findByCustomerNo(customerNo).orElseThrow();

        assertThat(customer.id()).isEqualTo(id);
        assertThat(customer.customerType()).isEqualTo("PERSON");
        assertThat(customer.name()).startsWith("测试客户");
        assertThat(customer.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
        assertThat(customer.branchCode()).isEqualTo("GD-SZ");
        assertThat(customer.accountManager()).isNull();
        assertThat(customers.findById(id)).contains(customer);
        assertThat(customers.findByCustomerNo(customerNo + "-NONE")).isEmpty();
    }

    @Test
    void anIdentityNumberIsFoundInItsNormalizedOrLowerCaseFormWithItsType() {
        String number = CrmFixtures.uniqueNumber().replace("-", "") + "X";
        long upper = crm.customer("PERSON", "RESIDENT_ID", number);
        long lower = crm.customer("PERSON", "RESIDENT_ID", number.toLowerCase());
        crm.customer("PERSON", "PASSPORT", number);

        assertThat(customers.findByIdNumber("RESIDENT_ID", number)).extracting(Customer::id).containsExactly(upper, lower);
        assertThat(customers.findByIdNumber("PASSPORT", number)).hasSize(1);
        assertThat(customers.findByIdNumber("USCC", number)).isEmpty();
    }

    @Test
    void anIdentityNumberStoredWithSpacesIsNotFoundByTheIndexedLookup() {
        String number = CrmFixtures.uniqueNumber().replace("-", "");
        crm.customer("PERSON", "RESIDENT_ID", number.substring(0, 6) + " " + number.substring(6));

        assertThat(customers.findByIdNumber("RESIDENT_ID", number)).isEmpty();
    }

    @Test
    void idsAreListedByRange() {
        long first = crm.customer();
        long second = crm.customer();
        long third = crm.customer();

        assertThat(customers.idsIn(new IdRange(first, third))).contains(first, second, third).isSorted();
        assertThat(customers.idsIn(new IdRange(second, second))).containsExactly(second);
        IdRange all = customers.idRange().orElseThrow();
        assertThat(all.fromId()).isLessThanOrEqualTo(first);
        assertThat(all.toId()).isGreaterThanOrEqualTo(third);
        assertThat(customers.count()).isGreaterThanOrEqualTo(3);
    }
}
