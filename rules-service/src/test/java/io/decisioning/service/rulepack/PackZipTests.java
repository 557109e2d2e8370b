package io.decisioning.service.rulepack;

import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Download;
import io.decisioning.service.ApiClient.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Packs in git (DESIGN.md section 14): a version exported as a zip of its files, the same bytes every time, and a
 * zip imported as a draft checked as any draft; a zip with a path outside the pack, an unknown kind of file or too
 * many bytes unpacked is refused with 400 naming the entry, and nothing is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PackZipTests {

    private static final String ZIP = "application/zip";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void aVersionExportsAsAZipOfItsFilesTheSameBytesEveryTimeAndImportsBackAsAnEqualDraft() throws IOException {
        JsonNode published = api.getJson("/api/v1/rule-packs/grading/versions/1", "analyst");

        Download zip = api.download("/api/v1/rule-packs/grading/versions/1/export", ZIP, "approver");

        assertThat(zip.status()).as(zip.toString()).isEqualTo(200);
        assertThat(zip.contentType()).isEqualTo(ZIP);
        assertThat(zip.contentDisposition()).isEqualTo("attachment; filename=\"grading-v1.zip\"");
        Map<String, String> entries = unzip(zip.body());
        assertThat(entries.keySet()).containsExactlyElementsOf(new TreeMap<>(fileMap(published)).keySet())
                .contains("pack.properties", "grading.drl", "grade-thresholds.drl.csv");
        entries.forEach((name, text) -> assertThat(text).as(name).isEqualTo(published.get("files").get(name).asString()));
        assertThat(api.download("/api/v1/rule-packs/grading/versions/1/export", ZIP, "analyst").body())
                .as("the same files, the same bytes").isEqualTo(zip.body());

        Response imported = api.send("POST", "/api/v1/rule-packs/grading/versions/import?comment=from%20git", ZIP, zip.body(),
                "analyst");

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().get("status").asString()).isEqualTo("DRAFT");
        assertThat(imported.json().get("valid").asBoolean()).isTrue();
        int version = imported.json().get("version").asInt();
        JsonNode draft = api.getJson("/api/v1/rule-packs/grading/versions/" + version, "analyst");
        assertThat(fileMap(draft)).isEqualTo(fileMap(published));
        assertThat(draft.get("version").get("comment").asString()).isEqualTo("from git");
        assertThat(draft.get("version").get("author").asString()).isEqualTo("analyst");
        JsonNode audit = api.getJson("/api/v1/audit?action=RULE_PACK_DRAFT&targetId=grading:" + version, "auditor");
        assertThat(audit.get("items").get(0).get("detail").get("from").asString()).isEqualTo("zip");
    }

    @Test
    void aPacksFolderZippedWholeImportsAndADraftThatDoesNotCompileIsStoredWithItsErrors() throws IOException {
        Map<String, String> files = new LinkedHashMap<>(fileMap(api.getJson("/api/v1/rule-packs/tiering/versions/1", "analyst")));
        files.put("broken.drl", "package packs.tiering;\nrule \"broken\" when then oops end\n");
        Map<String, String> inFolder = new LinkedHashMap<>();
        files.forEach((name, text) -> inFolder.put("tiering/" + name, text));

        Response imported = api.send("POST", "/api/v1/rule-packs/tiering/versions/import", ZIP, zip(inFolder), "analyst");

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().get("valid").asBoolean()).isFalse();
        assertThat(imported.json().get("errors").get(0).get("file").asString()).isEqualTo("broken.drl");
    }

    @Test
    void aZipWithAPathOutsideThePackAnUnknownKindOrTooManyBytesIsRefusedNamingTheEntryAndNothingIsStored() throws IOException {
        long versionsBefore = versions();
        String drl = "package packs.grading;\n";

        assertInvalid(importing(Map.of("../evil.drl", drl)), "../evil.drl");
        assertInvalid(importing(Map.of("grading.drl", drl, "rules/extra.drl", drl)), "rules/extra.drl");
        assertInvalid(importing(Map.of("/etc/passwd.drl", drl)), "/etc/passwd.drl");
        Response unknownKind = importing(Map.of("grading.drl", drl, "notes.txt", "hello"));
        assertInvalid(unknownKind, "notes.txt");
        assertThat(unknownKind.body()).contains(".drl.csv");
        String large = "x".repeat(2 * 1024 * 1024 + 1);   // compresses to a few KiB
        assertInvalid(importing(Map.of("large.drl", large)), "large.drl");
        String big = "y".repeat(2 * 1024 * 1024 - 10);
        Map<String, String> together = new TreeMap<>(Map.of("a.drl", big, "b.drl", big, "c.drl", big));
        assertInvalid(importing(together), "c.drl");
        Response notAZip = api.send("POST", "/api/v1/rule-packs/grading/versions/import", ZIP,
                "not a zip".getBytes(StandardCharsets.UTF_8), "analyst");
        assertInvalid(notAZip, "body");

        assertThat(versions()).as("nothing stored").isEqualTo(versionsBefore);
        assertThat(api.send("POST", "/api/v1/rule-packs/grading/versions/import", ZIP, zip(Map.of("a.drl", drl)), "underwriter")
                .status()).isEqualTo(403);
        assertThat(api.send("POST", "/api/v1/rule-packs/no-such-pack/versions/import", ZIP, zip(Map.of("a.drl", drl)), "analyst")
                .status()).isEqualTo(404);
        assertThat(api.download("/api/v1/rule-packs/grading/versions/999/export", ZIP, "analyst").status()).isEqualTo(404);
    }

    private Response importing(Map<String, String> files) throws IOException {
        return api.send("POST", "/api/v1/rule-packs/grading/versions/import", ZIP, zip(files), "analyst");
    }

    private long versions() {
        return jdbc.sql("SELECT COUNT(*) FROM rule_pack_version").query(Long.class).single();
    }

    private static Map<String, String> fileMap(JsonNode version) {
        Map<String, String> files = new TreeMap<>();
        version.get("files").propertyNames().forEach(name -> files.put(name, version.get("files").get(name).asString()));
        return files;
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
