package io.decisioning.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata the build generates from {@link RulesProperties} (Spring Boot's configuration processor),
 * which IDEs read to complete {@code rules.*} in application.properties and explain each setting: every setting is
 * there, with its type, default and the description written in RulesProperties.
 */
class ConfigurationMetadataTests {

    @Test
    void everyRulesSettingIsDescribedWithItsTypeAndDefault() throws Exception {
        Map<String, JsonNode> properties = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json on the classpath").isNotNull();
            JsonMapper.builder().build().readTree(in).get("properties").forEach(p -> properties.put(p.get("name").asString(), p));
        }

        assertThat(properties).containsKeys("rules.zone", "rules.batch.cron", "rules.batch.chunk-size",
                "rules.events.max-attempts", "rules.retention.due-list-cron", "rules.demo.complaints",
                "rules.housekeeping.cron", "rules.housekeeping.audit-age", "rules.housekeeping.batch-size");
        JsonNode auditAge = properties.get("rules.housekeeping.audit-age");
        assertThat(auditAge.get("type").asString()).isEqualTo("java.time.Period");
        assertThat(auditAge.get("defaultValue").asString()).isEqualTo("7y");
        assertThat(auditAge.get("description").asString()).contains("audit trail");
        assertThat(properties.get("rules.batch.cron").get("defaultValue").asString()).isEqualTo("0 0 2 * * ?");
        assertThat(properties.get("rules.housekeeping.cron").get("defaultValue").asString()).isEqualTo("0 30 4 * * ?");
        assertThat(properties.get("rules.retention.due-list-cron").get("defaultValue").asString()).isEqualTo("0 0 3 25 * ?");
        assertThat(properties.get("rules.batch.cron").get("description").asString()).isNotBlank();
    }
}
