package io.decisioning.service.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A version's table files as grids of cells over HTTP: CSV tables and uploaded workbooks. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TableGridTests {

    @LocalServerPort
    int port;

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
