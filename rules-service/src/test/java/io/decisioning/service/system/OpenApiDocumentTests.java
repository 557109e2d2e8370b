package io.decisioning.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.ApiClient;
import io.decisioning.service.export.Download;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The API description clients build on ({@code /v3/api-docs}): every operation has a summary and an operation id,
 * the HTTP Basic scheme is declared and required, each operation lists its 4xx answers as RFC 9457 problems, the
 * contract's requests carry examples, and the exported lists declare their CSV and workbook answers. The document is written to {@code target/openapi.json}, where CI lints it
 * with Redocly's recommended rules.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTests {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @LocalServerPort
    int port;

    JsonNode document;

    @BeforeAll
    void readTheDocument() throws IOException {
        Response response = new ApiClient(port).get("/v3/api-docs", null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Files.writeString(Path.of("target", "openapi.json"), response.body(), StandardCharsets.UTF_8);
        document = response.json();
    }

    @Test
    void everyOperationHasASummaryAUniqueIdAndItsProblemAnswers() {
        List<String> missing = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        forEachOperation((name, operation) -> {
            if (!operation.hasNonNull("summary") || operation.get("summary").asString().isBlank()) {
                missing.add(name + ": no summary");
            }
            if (!operation.hasNonNull("operationId")) {
                missing.add(name + ": no operationId");
            } else {
                ids.add(operation.get("operationId").asString());
            }
            JsonNode responses = operation.get("responses");
            boolean problem4xx = responses.propertyNames().stream().filter(code -> code.startsWith("4"))
                    .anyMatch(code -> responses.get(code).path("content").has("application/problem+json"));
            if (!problem4xx) {
                missing.add(name + ": no 4xx problem answer");
            }
        });
        assertThat(missing).isEmpty();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void httpBasicIsDeclaredAndRequiredAndTheProblemSchemaIsRfc9457s() {
        assertThat(document.at("/components/securitySchemes/basicAuth/type").asString()).isEqualTo("http");
        assertThat(document.at("/components/securitySchemes/basicAuth/scheme").asString()).isEqualTo("basic");
        assertThat(document.at("/security/0").has("basicAuth")).isTrue();
        JsonNode problem = document.at("/components/schemas/Problem/properties");
        assertThat(problem.propertyNames()).contains("type", "title", "status", "detail", "instance", "errors");
    }

    @Test
    void theContractsRequestsCarryExamples() {
        for (String path : List.of("/api/v1/checks/pre-bind", "/api/v1/events", "/api/v1/blacklist")) {
            JsonNode media = document.at("/paths/" + path.replace("/", "~1") + "/post/requestBody/content/application~1json");
            assertThat(media.has("example") || media.has("examples")).as(path).isTrue();
        }
    }

    @Test
    void theListsPeopleWorkFromAlsoAnswerAsCsvAndAsAWorkbook() {
        List<String> lists = List.of("/api/v1/customers", "/api/v1/warnings", "/api/v1/blacklist", "/api/v1/audit",
                "/api/v1/complaints", "/api/v1/due-lists/{month}", "/api/v1/assignment-proposals",
                "/api/v1/assignment-proposals/unplaced", "/api/v1/identity/candidates",
                "/api/v1/rule-packs/{name}/versions/{version}/simulation/changes");
        for (String path : lists) {
            JsonNode answer = document.at("/paths/" + path.replace("/", "~1") + "/get/responses/200");
            assertThat(answer.path("description").asString()).as(path).startsWith("a header row and a row per ");
            assertThat(answer.at("/content/text~1csv/schema/type").asString()).as(path).isEqualTo("string");
            assertThat(answer.at("/content/" + Download.XLSX.replace("/", "~1") + "/schema/format").asString()).as(path)
                    .isEqualTo("binary");
        }
    }

    private void forEachOperation(BiConsumer<String, JsonNode> each) {
        document.get("paths").propertyNames().forEach(path -> {
            JsonNode item = document.get("paths").get(path);
            item.propertyNames().stream().filter(METHODS::contains)
                    .forEach(method -> each.accept(method.toUpperCase() + " " + path, item.get(method)));
        });
    }
}
