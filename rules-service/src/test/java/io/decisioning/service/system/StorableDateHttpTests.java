package io.decisioning.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A date the database cannot store (before the year 1000, after 9999) in any request body is a 400
 * naming the field, and nothing is stored: not a 500 from the database, nor a date stored differently.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StorableDateHttpTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    record Case(String path, String user, String body, String field) {
        @Override
        public String toString() {
            return field + " in " + body;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("/api/v1/blacklist", "approver",
                        "{\"name\": \"测试\", \"birthDate\": \"0001-01-01\", \"reasonCode\": \"FRAUD\"}", "birthDate"),
                new Case("/api/v1/blacklist", "approver",
                        "{\"name\": \"测试\", \"birthDate\": \"1960-01-01\", \"reasonCode\": \"FRAUD\", \"expiresAt\": \"+12000-01-01\"}",
                        "expiresAt"),
                new Case("/api/v1/blacklist", "approver",
                        "{\"name\": \"测试\", \"birthDate\": \"-5000-01-01\", \"reasonCode\": \"FRAUD\"}", "birthDate"),
                new Case("/api/v1/events", "crm",
                        "{\"eventId\": \"old-1\", \"type\": \"CLAIM_REPORTED\", \"customerNo\": \"C1\", \"occurredAt\": \"0999-12-31T23:00:00Z\"}",
                        "occurredAt"),
                new Case("/api/v1/events", "crm",
                        "{\"eventId\": \"old-2\", \"type\": \"CLAIM_REPORTED\", \"customerNo\": \"C1\", \"occurredAt\": \"+10000-01-01T00:00:00Z\"}",
                        "occurredAt"),
                new Case("/api/v1/checks/pre-bind", "underwriter",
                        "{\"applicant\": {\"idType\": \"PASSPORT\", \"idNumber\": \"E1234567\", \"name\": \"X\", \"birthDate\": \"0500-01-01\"},"
                                + " \"productLine\": \"AUTO\", \"premium\": 100}", "applicant.birthDate"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aDateTheDatabaseCannotStoreIsRefusedNamingTheField(Case request) {
        DatabaseSnapshot before = DatabaseSnapshot.of(jdbc);

        Response response = new ApiClient(port).post(request.path(), request.body(), request.user());

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").toString()).contains("\"field\":\"" + request.field() + "\"")
                .contains("1000-01-01");
        assertThat(DatabaseSnapshot.of(jdbc)).isEqualTo(before);
    }
}
