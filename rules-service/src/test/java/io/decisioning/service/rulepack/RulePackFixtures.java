package io.decisioning.service.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rule pack versions for the tests over HTTP, as the demo users: the published version of a pack, drafts that
 * compile, and the runs over the book (simulations, back-tests) awaited until they end.
 */
final class RulePackFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiClient api;
    private final JdbcClient jdbc;

    RulePackFixtures(ApiClient api, JdbcClient jdbc) {
        this.api = api;
        this.jdbc = jdbc;
    }

    /** The version of the pack that is published now. */
    int publishedVersion(String pack) {
        return jdbc.sql("SELECT version FROM rule_pack_version WHERE pack = :pack AND status = 'PUBLISHED'")
                .param("pack", pack).query(Integer.class).single();
    }

    /** POSTs {@code body} as JSON. */
    Response post(String path, Map<String, ?> body, String user) {
        return api.post(path, JSON.writeValueAsString(body), user);
    }

    /**
     * A new draft of the pack by {@code author}: {@code baseVersion} with these files (a null file removes it), and
     * the comment unless null; its version. Fails the test unless the draft is stored and compiles.
     */
    int draft(String pack, int baseVersion, @Nullable String comment, Map<String, ?> files, String author) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("baseVersion", baseVersion);
        if (comment != null) {
            body.put("comment", comment);
        }
        body.put("files", files);
        Response draft = post("/api/v1/rule-packs/" + pack + "/versions", body, author);
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        assertThat(draft.json().get("valid").asBoolean()).as(draft.body()).isTrue();
        return draft.json().get("version").asInt();
    }

    /** A draft that changes nothing of the published version but a note; its version. */
    int copyOfPublished(String pack, String author) {
        return draft(pack, publishedVersion(pack), "unchanged copy", Map.of("notes.md", "A copy for a test."), author);
    }

    /** Starts simulating the version as an analyst and waits for the simulation's end (DONE or FAILED). */
    JsonNode simulateToTheEnd(String pack, int version) {
        Response started = api.post("/api/v1/rule-packs/" + pack + "/versions/" + version + "/simulate", null, "analyst");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return awaitEnd("/api/v1/rule-packs/" + pack + "/versions/" + version + "/simulation", "analyst");
    }

    /** The run at {@code path} (a simulation, a back-test) as {@code user} reads it, once it no longer runs. */
    JsonNode awaitEnd(String path, String user) {
        return await(Duration.ofSeconds(60), () -> {
            JsonNode run = api.getJson(path, user);
            return run.get("status").asString().equals("RUNNING") ? null : run;
        });
    }

    /** The first value of {@code probe} that is not null, asked every 50 ms; fails the test after {@code timeout}. */
    static <T> T await(Duration timeout, Supplier<@Nullable T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not done within " + timeout);
    }
}
