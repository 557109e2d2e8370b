package io.decisioning.service.blacklist;

import static io.decisioning.service.Pages.ids;
import static io.decisioning.service.blacklist.BlacklistFixtures.birthDate;
import static io.decisioning.service.blacklist.BlacklistFixtures.customerNo;
import static io.decisioning.service.blacklist.BlacklistFixtures.fullWidth;
import static io.decisioning.service.blacklist.BlacklistFixtures.insertCustomer;
import static io.decisioning.service.blacklist.BlacklistFixtures.name;
import static io.decisioning.service.blacklist.BlacklistFixtures.phone;
import static io.decisioning.service.blacklist.BlacklistFixtures.residentId;
import static io.decisioning.service.blacklist.BlacklistFixtures.uscc;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.system.RulesProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The blacklist API over real HTTP, against the real database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BlacklistControllerTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RulesProperties properties;

    @Autowired
    ConfigurableApplicationContext context;

    final RecordedBlacklistEvents events = new RecordedBlacklistEvents();

    @BeforeEach
    void recordEvents() {
        context.addApplicationListener(events);
    }

    @AfterEach
    void stopRecording() {
        context.removeApplicationListener(events);
    }

    @Test
    void addingAnEntryAnswers201WithTheEntryAndItsLocation() {
        LocalDate birth = birthDate();
        String id = residentId(birth);
        String phone = phone();
        LocalDate expiresAt = today().plusYears(1);

        Response response = post("/api/v1/blacklist", "approver", """
                {"idType": "RESIDENT_ID", "idNumber": "%s", "name": " 王 五 ", "birthDate": "%s", "phone": "+86 %s",
                 "reasonCode": "FRAUD", "note": "staged accident", "expiresAt": "%s"}
                """.formatted(id.toLowerCase(), birth, phone, expiresAt));

        assertThat(response.status()).isEqualTo(201);
        JsonNode entry = response.body();
        long entryId = entry.get("id").asLong();
        assertThat(entryId).isPositive();
        assertThat(response.location()).endsWith("/api/v1/blacklist/" + entryId);
        assertThat(entry.get("idType").asString()).isEqualTo("RESIDENT_ID");
        assertThat(entry.get("idNumber").asString()).isEqualTo(id);
        assertThat(entry.get("name").asString()).isEqualTo("王 五");
        assertThat(entry.get("birthDate").asString()).isEqualTo(birth.toString());
        assertThat(entry.get("phone").asString()).isEqualTo("+86 " + phone);
        assertThat(entry.get("reasonCode").asString()).isEqualTo("FRAUD");
        assertThat(entry.get("note").asString()).isEqualTo("staged accident");
        assertThat(entry.get("expiresAt").asString()).isEqualTo(expiresAt.toString());
        assertThat(entry.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(entry.get("createdBy").asString()).isEqualTo("approver");
        assertThat(entry.get("createdAt").asString()).isNotBlank();
        assertThat(entry.has("liftedBy") && entry.get("liftedBy").isNull()).isTrue();
        assertThat(entry.has("liftedAt") && entry.get("liftedAt").isNull()).isTrue();
        assertThat(entry.has("liftReason") && entry.get("liftReason").isNull()).isTrue();
        assertThat(get(response.location(), "approver").body()).isEqualTo(entry);
        assertThat(auditActions(entryId)).containsExactly("BLACKLIST_ADD");
    }

    @Test
    void rolesThatOnlyLookSeeIdNumbersAndPhonesMaskedButForTheLastFourAndSoDoesTheAuditTrail() {
        LocalDate birth = birthDate();
        String id = residentId(birth);
        String phone = phone();
        Response added = post("/api/v1/blacklist", "approver", """
                {"idType": "RESIDENT_ID", "idNumber": "%s", "name": "赵 六", "birthDate": "%s", "phone": "+86 %s",
                 "reasonCode": "FRAUD"}
                """.formatted(id, birth, phone));
        assertThat(added.status()).isEqualTo(201);
        long entryId = added.body().get("id").asLong();
        String maskedId = "*".repeat(id.length() - 4) + id.substring(id.length() - 4);

        for (String user : List.of("underwriter", "analyst")) {
            JsonNode seen = get("/api/v1/blacklist/" + entryId, user).body();
            assertThat(seen.get("idNumber").asString()).as(user).isEqualTo(maskedId);
            assertThat(seen.get("phone").asString()).as(user)
                    .startsWith("+** ").endsWith(phone.substring(phone.length() - 4)).doesNotContain(phone.substring(0, 7));
            assertThat(seen.get("name").asString()).isEqualTo("赵 六");
            JsonNode listed = get("/api/v1/blacklist?query=" + encode(id), user).body().get("items").get(0);
            assertThat(listed.get("id").asLong()).as("found by the whole number").isEqualTo(entryId);
            assertThat(listed.get("idNumber").asString()).isEqualTo(maskedId);
        }
        assertThat(get("/api/v1/blacklist/" + entryId, "admin").body().get("idNumber").asString()).isEqualTo(id);
        String detail = jdbc.sql("SELECT detail FROM audit_event WHERE target_type = 'BLACKLIST_ENTRY' AND target_id = :id")
                .param("id", Long.toString(entryId)).query(String.class).single();
        assertThat(detail).contains(maskedId).doesNotContain(id).doesNotContain(phone);
    }

    @Test
    void aResidentIdWithAWrongCheckDigitIs400NamingIdNumberAndNothingIsStored() {
        String valid = residentId();
        String wrong = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        long before = entryCount();

        Response response = post("/api/v1/blacklist", "approver", """
                {"idType": "RESIDENT_ID", "idNumber": "%s", "reasonCode": "FRAUD"}
                """.formatted(wrong));

        assertInvalid(response, "idNumber");
        assertThat(entryCount()).isEqualTo(before);
    }

    @Test
    void aUsccWithAWrongCheckCharacterIs400NamingIdNumber() {
        String valid = uscc();
        String wrong = valid.substring(0, 17) + (valid.charAt(17) == 'A' ? 'B' : 'A');

        assertInvalid(post("/api/v1/blacklist", "approver", """
                {"idType": "USCC", "idNumber": "%s", "reasonCode": "SANCTIONS"}
                """.formatted(wrong)), "idNumber");
        assertThat(post("/api/v1/blacklist", "approver", """
                {"idType": "USCC", "idNumber": "%s", "reasonCode": "SANCTIONS"}
                """.formatted(valid)).status()).isEqualTo(201);
    }

    @Test
    void anUnknownReasonCodeIs400() {
        assertInvalid(post("/api/v1/blacklist", "approver", """
                {"phone": "%s", "reasonCode": "GOSSIP"}
                """.formatted(phone())), "reasonCode");
    }

    @Test
    void aMissingReasonCodeIs400() {
        assertInvalid(post("/api/v1/blacklist", "approver", """
                {"phone": "%s"}
                """.formatted(phone())), "reasonCode");
    }

    @Test
    void anUnknownIdTypeIs400() {
        assertInvalid(post("/api/v1/blacklist", "approver", """
                {"idType": "DRIVING_LICENSE", "idNumber": "D1", "reasonCode": "FRAUD"}
                """), "idType");
    }

    @Test
    void anUnknownJsonFieldIs400() {
        assertInvalid(post("/api/v1/blacklist", "approver", """
                {"phone": "%s", "reasonCode": "FRAUD", "severity": "HIGH"}
                """.formatted(phone())), "severity");
    }

    @Test
    void anEntryWithoutAnyMatchKeyIs400() {
        long before = entryCount();

        assertInvalid(post("/api/v1/blacklist", "approver", """
                {"name": "%s", "reasonCode": "FRAUD", "note": "a name alone matches nobody"}
                """.formatted(name())), "body");
        assertInvalid(post("/api/v1/blacklist", "approver", """
                {"idNumber": "E123", "reasonCode": "FRAUD"}
                """), "idType");
        assertThat(entryCount()).isEqualTo(before);
    }

    @Test
    void anExpiryTodayOrInThePastIs400() {
        assertInvalid(post("/api/v1/blacklist", "approver", """
                {"phone": "%s", "reasonCode": "FRAUD", "expiresAt": "%s"}
                """.formatted(phone(), today().minusDays(1))), "expiresAt");
        assertInvalid(post("/api/v1/blacklist", "approver", """
                {"phone": "%s", "reasonCode": "FRAUD", "expiresAt": "%s"}
                """.formatted(phone(), today())), "expiresAt");
    }

    @Test
    void tooLongFieldsAre400() {
        assertInvalid(post("/api/v1/blacklist", "approver", """
                {"phone": "%s", "reasonCode": "FRAUD", "note": "%s"}
                """.formatted(phone(), "x".repeat(2001))), "note");
    }

    @Test
    void withoutCredentialsTheApiIs401() {
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/blacklist")).GET(), null).status()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/blacklist"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"phone\": \"13800138000\", \"reasonCode\": \"FRAUD\"}")), null)
                .status()).isEqualTo(401);
    }

    @Test
    void underwritersMaySearchButNotAddOrLift() {
        long before = entryCount();

        assertThat(post("/api/v1/blacklist", "underwriter", """
                {"phone": "%s", "reasonCode": "FRAUD"}
                """.formatted(phone())).status()).isEqualTo(403);
        assertThat(post("/api/v1/blacklist/1/lift", "underwriter", "{\"reason\": \"no\"}").status()).isEqualTo(403);
        assertThat(get("/api/v1/blacklist", "underwriter").status()).isEqualTo(200);
        assertThat(get("/api/v1/blacklist", "auditor").status()).isEqualTo(403);
        assertThat(entryCount()).isEqualTo(before);
    }

    @Test
    void anUnknownEntryIs404() {
        assertThat(get("/api/v1/blacklist/" + Long.MAX_VALUE, "analyst").status()).isEqualTo(404);
        assertThat(post("/api/v1/blacklist/" + Long.MAX_VALUE + "/lift", "approver", "{\"reason\": \"gone\"}").status())
                .isEqualTo(404);
    }

    @Test
    void liftingKeepsTheEntryAndLiftingTwiceIs409() {
        long entryId = addByPhone(phone());

        Response lifted = post("/api/v1/blacklist/" + entryId + "/lift", "admin", "{\"reason\": \"court ruling\"}");

        assertThat(lifted.status()).isEqualTo(200);
        assertThat(lifted.body().get("status").asString()).isEqualTo("LIFTED");
        assertThat(lifted.body().get("liftedBy").asString()).isEqualTo("admin");
        assertThat(lifted.body().get("liftReason").asString()).isEqualTo("court ruling");
        assertThat(lifted.body().get("liftedAt").isNull()).isFalse();
        assertThat(post("/api/v1/blacklist/" + entryId + "/lift", "approver", "{\"reason\": \"again\"}").status())
                .isEqualTo(409);
        assertThat(get("/api/v1/blacklist/" + entryId, "analyst").body().get("status").asString()).isEqualTo("LIFTED");
        assertThat(auditActions(entryId)).containsExactly("BLACKLIST_ADD", "BLACKLIST_LIFT");
    }

    @Test
    void liftingNeedsAReason() {
        long entryId = addByPhone(phone());

        assertInvalid(post("/api/v1/blacklist/" + entryId + "/lift", "approver", "{\"reason\": \" \"}"), "reason");
        assertInvalid(post("/api/v1/blacklist/" + entryId + "/lift", "approver", "{}"), "reason");
        assertThat(get("/api/v1/blacklist/" + entryId, "approver").body().get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void searchingByAFullWidthPartOfTheNameFindsTheEntry() {
        String name = name();
        long entryId = created(post("/api/v1/blacklist", "approver", """
                {"name": "%s", "birthDate": "1980-05-06", "reasonCode": "MISREPRESENTATION"}
                """.formatted(name)));

        JsonNode found = search(fullWidth(name.substring(2, 8).toLowerCase()));

        assertThat(ids(found)).containsExactly(entryId);
        assertThat(found.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void searchingByPhoneWithTheCountryCodeOrByIdNumberFindsTheEntry() {
        String phone = phone();
        String id = residentId();
        long byPhone = addByPhone(phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7));
        long byId = created(post("/api/v1/blacklist", "approver", """
                {"idType": "RESIDENT_ID", "idNumber": "%s", "reasonCode": "PREMIUM_DEFAULT"}
                """.formatted(id)));

        assertThat(ids(search("+86 " + phone))).containsExactly(byPhone);
        assertThat(ids(search(fullWidth("86" + phone)))).containsExactly(byPhone);
        assertThat(ids(search(id.toLowerCase()))).containsExactly(byId);
    }

    @Test
    void searchResultsArePagedNewestFirst() {
        String name = name();
        long first = created(post("/api/v1/blacklist", "approver", """
                {"name": "%s", "phone": "%s", "reasonCode": "OTHER"}
                """.formatted(name, phone())));
        long second = created(post("/api/v1/blacklist", "approver", """
                {"name": "%s", "phone": "%s", "reasonCode": "OTHER"}
                """.formatted(name, phone())));

        JsonNode page0 = get("/api/v1/blacklist?size=1&query=" + encode(name), "analyst").body();
        JsonNode page1 = get("/api/v1/blacklist?size=1&page=1&query=" + encode(name), "analyst").body();

        assertThat(ids(page0)).containsExactly(second);
        assertThat(ids(page1)).containsExactly(first);
        assertThat(page0.get("total").asLong()).isEqualTo(2);
        assertInvalid(get("/api/v1/blacklist?size=1000", "analyst"), "size");
        assertInvalid(get("/api/v1/blacklist?page=-1", "analyst"), "page");
    }

    @Test
    void addingAnEntryAnnouncesTheCustomersItMatches() {
        LocalDate birth = birthDate();
        String id = residentId(birth);
        String name = name();
        String phone = phone();
        long sameId = insertCustomer(jdbc, customerNo(), name(), "RESIDENT_ID", id.toLowerCase(), null, null);
        long samePhone = insertCustomer(jdbc, customerNo(), name(), "PASSPORT", "E" + phone(), null, "0086 " + phone);
        long sameNameAndBirth = insertCustomer(jdbc, customerNo(), fullWidth(name), "PASSPORT", "E" + phone(), birth, null);
        insertCustomer(jdbc, customerNo(), name(), "PASSPORT", "E" + phone(), birth, phone());

        long entryId = created(post("/api/v1/blacklist", "approver", """
                {"idType": "RESIDENT_ID", "idNumber": "%s", "name": "%s", "birthDate": "%s", "phone": "%s",
                 "reasonCode": "FRAUD"}
                """.formatted(id, name, birth, phone)));

        assertThat(events.forEntry(entryId))
                .containsExactly(new BlacklistChanged(List.of(sameId, samePhone, sameNameAndBirth), entryId));

        post("/api/v1/blacklist/" + entryId + "/lift", "approver", "{\"reason\": \"mistaken identity\"}");

        assertThat(events.forEntry(entryId)).hasSize(2)
                .last().isEqualTo(new BlacklistChanged(List.of(sameId, samePhone, sameNameAndBirth), entryId));
    }

    @Test
    void aFifteenDigitResidentIdIsKeptAsTypedAndMatchesTheCustomersOfBothForms() {
        LocalDate birth = LocalDate.of(1961, 2, 3);
        String eighteen = residentId(birth);
        String fifteen = io.decisioning.service.identity.ResidentId.parse(eighteen).fifteenDigits();
        long newCard = insertCustomer(jdbc, customerNo(), name(), "RESIDENT_ID", eighteen, null, null);
        long oldCard = insertCustomer(jdbc, customerNo(), name(), "RESIDENT_ID", fifteen, null, null);

        long entryId = created(post("/api/v1/blacklist", "approver", """
                {"idType": "RESIDENT_ID", "idNumber": "%s", "birthDate": "%s", "reasonCode": "FRAUD"}
                """.formatted(fullWidth(fifteen), birth)));

        assertThat(events.forEntry(entryId)).containsExactly(new BlacklistChanged(List.of(newCard, oldCard), entryId));
        assertThat(get("/api/v1/blacklist/" + entryId, "approver").body().get("idNumber").asString()).isEqualTo(fifteen);
        assertThat(ids(search(eighteen))).containsExactly(entryId);
        assertThat(ids(search(fifteen))).containsExactly(entryId);
    }

    @Test
    void aBirthDateThatDisagreesWithTheResidentIdIs400NamingBothFields() {
        Response response = post("/api/v1/blacklist", "approver", """
                {"idType": "RESIDENT_ID", "idNumber": "%s", "birthDate": "1971-05-06", "reasonCode": "FRAUD"}
                """.formatted(residentId(LocalDate.of(1971, 5, 5))));

        assertInvalid(response, "birthDate");
        assertInvalid(response, "idNumber");
        assertInvalid(post("/api/v1/blacklist", "approver", """
                {"idType": "RESIDENT_ID", "idNumber": "110105710230002", "reasonCode": "FRAUD"}
                """), "idNumber");
    }

    @Test
    void invalidInputStoresAndAnnouncesNothing() {
        String phone = phone();
        long customer = insertCustomer(jdbc, customerNo(), name(), "PASSPORT", "E" + phone(), null, phone);

        Response response = post("/api/v1/blacklist", "approver", """
                {"phone": "%s", "reasonCode": "FRAUD", "expiresAt": "2000-01-01"}
                """.formatted(phone));

        assertInvalid(response, "expiresAt");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM blacklist_entry WHERE phone_key = :phone").param("phone", phone)
                .query(Long.class).single()).isZero();
        assertThat(events.forCustomer(customer)).isEmpty();
    }

    private long addByPhone(String phone) {
        return created(post("/api/v1/blacklist", "approver", """
                {"phone": "%s", "reasonCode": "FRAUD"}
                """.formatted(phone)));
    }

    private static long created(Response response) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.body().get("id").asLong();
    }

    private JsonNode search(String query) {
        Response response = get("/api/v1/blacklist?query=" + encode(query), "analyst");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static void assertInvalid(Response response, String field) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("type").asString()).endsWith("/invalid-input");
        assertThat(response.body().get("errors").valueStream().map(error -> error.get("field").asString()))
                .as(response.body().toString())
                .contains(field);
    }

    private long entryCount() {
        return jdbc.sql("SELECT COUNT(*) FROM blacklist_entry").query(Long.class).single();
    }

    private List<String> auditActions(long entryId) {
        return jdbc.sql("""
                        SELECT action FROM audit_event WHERE target_type = 'BLACKLIST_ENTRY' AND target_id = :id ORDER BY id
                        """)
                .param("id", Long.toString(entryId))
                .query(String.class)
                .list();
    }

    private LocalDate today() {
        return LocalDate.now(properties.zone());
    }

    private Response post(String path, String user, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), user);
    }

    private Response get(String path, String user) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), user);
    }

    private Response send(HttpRequest.Builder request, @Nullable String user) {
        if (user != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(""),
                    response.body().isEmpty() ? json.nullNode() : json.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return path.startsWith("http") ? URI.create(path) : URI.create("http://localhost:" + port + path);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private record Response(int status, String contentType, String location, JsonNode body) {
    }
}
