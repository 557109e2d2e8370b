package io.decisioning.service.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Download;
import io.decisioning.service.ApiClient.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A version's table files as grids of cells over HTTP: CSV tables and uploaded workbooks. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TableGridTests {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCsvTableIsReadCellByCell() {
        Response response = api().get("/api/v1/rule-packs/grading/versions/1/files/grade-thresholds.drl.csv/grid", "analyst");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode sheet = response.json().get("sheets").get(0);
        assertThat(sheet.get("name").isNull()).isTrue();
        assertThat(sheet.get("rows").get(0).get(0).asString()).isEqualTo("RuleSet");
        assertThat(sheet.get("rows").get(10).get(3).asString()).isEqualTo("500000");   // D11
    }

    @Test
    void anUploadedWorkbookIsReadSheetBySheetWithNumbersAsTyped() throws IOException {
        String workbook = Base64.getEncoder().encodeToString(workbook());
        Response created = api().post("/api/v1/rule-packs/tiering/versions",
                "{\"files\": {\"extra.drl.xlsx\": \"" + workbook + "\"}, \"comment\": \"workbook\", \"baseVersion\": 1}", "analyst");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        int version = created.json().get("version").asInt();

        Response response = api().get("/api/v1/rule-packs/tiering/versions/" + version + "/files/extra.drl.xlsx/grid", "approver");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode sheet = response.json().get("sheets").get(0);
        assertThat(sheet.get("name").asString()).isEqualTo("Thresholds");
        assertThat(sheet.get("rows").get(0).get(0).asString()).isEqualTo("threshold");
        assertThat(sheet.get("rows").get(1).get(0).asString()).isEqualTo("3");
        assertThat(sheet.get("rows").get(1).get(1).asString()).isEqualTo("0.25");
    }

    @Test
    void aFileThatIsNotATableIs400AndAnUnknownFile404() {
        Response drl = api().get("/api/v1/rule-packs/grading/versions/1/files/grading.drl/grid", "analyst");
        assertThat(drl.status()).isEqualTo(400);
        assertThat(drl.body()).contains("file");

        assertThat(api().get("/api/v1/rule-packs/grading/versions/1/files/none.drl.csv/grid", "analyst").status()).isEqualTo(404);
        assertThat(api().get("/api/v1/rule-packs/grading/versions/999/files/grade-thresholds.drl.csv/grid", "analyst").status())
                .isEqualTo(404);
    }

    /**
     * Every CSV decision table of the shipped packs downloads as a workbook with the same cells (read back with POI),
     * and a draft with the workbook in the CSV file's place compiles and passes every scenario the published version
     * passes: the table round-trips through Excel.
     */
    @Test
    void everyShippedCsvTableRoundTripsThroughAWorkbook() throws IOException {
        int tables = 0;
        int merged = 0;
        for (JsonNode pack : api().getJson("/api/v1/rule-packs", "analyst")) {
            String name = pack.get("name").asString();
            int published = pack.get("publishedVersion").asInt();
            String base = "/api/v1/rule-packs/" + name + "/versions/" + published;
            List<String> csvTables = api().getJson(base, "analyst").get("files").propertyNames().stream()
                    .filter(file -> file.endsWith(".drl.csv")).toList();
            if (csvTables.isEmpty()) {
                continue;
            }
            Map<String, Object> files = new HashMap<>();
            for (String csv : csvTables) {
                Download xlsx = api().download(base + "/files/" + csv, XLSX, "analyst");
                assertThat(xlsx.status()).as(xlsx.toString()).isEqualTo(200);
                assertThat(xlsx.contentType()).isEqualTo(XLSX);
                String workbookName = csv.replace(".drl.csv", ".drl.xlsx");
                assertThat(xlsx.contentDisposition()).isEqualTo("attachment; filename=\"" + workbookName + "\"");
                JsonNode grid = api().getJson(base + "/files/" + csv + "/grid", "analyst").get("sheets").get(0).get("rows");
                try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
                    Sheet sheet = workbook.getSheetAt(0);
                    DataFormatter text = new DataFormatter();
                    for (int r = 0; r < grid.size(); r++) {
                        for (int c = 0; c < grid.get(r).size(); c++) {
                            Row row = sheet.getRow(r);
                            String cell = row == null || row.getCell(c) == null ? "" : text.formatCellValue(row.getCell(c));
                            assertThat(cell).as(name + " " + csv + " row " + (r + 1) + " column " + (c + 1))
                                    .isEqualTo(expectedCell(grid.get(r), c));
                        }
                    }
                    merged += sheet.getNumMergedRegions();
                }
                files.put(csv, null);
                files.put(workbookName, Base64.getEncoder().encodeToString(xlsx.body()));
                tables++;
            }
            int version = new RulePackFixtures(api(), jdbc).draft(name, published, "tables as workbooks", files, "analyst");
            JsonNode asWorkbooks = api().post("/api/v1/rule-packs/" + name + "/versions/" + version + "/test", null, "analyst").json();
            JsonNode asCsv = api().post(base + "/test", null, "analyst").json();
            assertThat(asWorkbooks.get("failed").asInt()).as(name + ": " + asWorkbooks).isEqualTo(asCsv.get("failed").asInt()).isZero();
            assertThat(asWorkbooks.get("passed").asInt()).as(name).isEqualTo(asCsv.get("passed").asInt()).isPositive();
        }
        assertThat(tables).as("the shipped packs' CSV decision tables").isGreaterThanOrEqualTo(7);
        assertThat(merged).as("the identity table's fact pattern over five columns ('$p : RecordPair...') is merged")
                .isPositive();
    }

    /**
     * A CSV cell as the workbook holds it: a run of cells ending with "..." (Drools' CSV merge) is one merged range,
     * the text without the dots in its first cell and its other cells empty.
     */
    private static String expectedCell(JsonNode row, int c) {
        String cell = row.get(c).asString();
        if (!cell.endsWith("...")) {
            return cell;
        }
        return c > 0 && row.get(c - 1).asString().endsWith("...") ? "" : cell.substring(0, cell.length() - 3);
    }

    @Test
    void aFileDownloadsAsStoredAndAnUnknownOneIs404() {
        JsonNode version = api().getJson("/api/v1/rule-packs/grading/versions/1", "analyst");

        Download drl = api().download("/api/v1/rule-packs/grading/versions/1/files/grading.drl", "*/*", "approver");
        Download csv = api().download("/api/v1/rule-packs/grading/versions/1/files/grade-thresholds.drl.csv", "text/csv", "analyst");

        assertThat(drl.status()).as(drl.toString()).isEqualTo(200);
        assertThat(drl.contentType()).startsWith("text/plain");
        assertThat(drl.text()).isEqualTo(version.get("files").get("grading.drl").asString());
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).isEqualTo(version.get("files").get("grade-thresholds.drl.csv").asString());
        assertThat(api().download("/api/v1/rule-packs/grading/versions/1/files/none.drl", "*/*", "analyst").status())
                .isEqualTo(404);
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private static byte[] workbook() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Thresholds");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("threshold");
            header.createCell(1).setCellValue("ratio");
            Row values = sheet.createRow(1);
            values.createCell(0).setCellValue(3);
            values.createCell(1).setCellValue(0.25);
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
