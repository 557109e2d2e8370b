package io.decisioning.service.system;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The row count and checksum of every table of the service's schema, to assert that a refused request
 * changed nothing. Housekeeping that runs on a clock is left out: Quartz's own tables and the nodes'
 * heartbeats ({@code service_node}).
 */
record DatabaseSnapshot(Map<String, String> tables) {

    static DatabaseSnapshot of(JdbcClient jdbc) {
        List<String> names = jdbc.sql("""
                        SELECT table_name FROM information_schema.tables
                         WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'
                           AND LOWER(table_name) NOT LIKE 'qrtz!_%' ESCAPE '!' AND LOWER(table_name) <> 'service_node'
                         ORDER BY table_name""")
                .query(String.class)
                .list();
        Map<String, String> tables = new TreeMap<>();
        for (String name : names) {
            long rows = jdbc.sql("SELECT COUNT(*) FROM `" + name + "`").query(Long.class).single();
            Object checksum = jdbc.sql("CHECKSUM TABLE `" + name + "`").query((rs, row) -> rs.getObject(2)).single();
            tables.put(name, rows + " rows, checksum " + checksum);
        }
        return new DatabaseSnapshot(tables);
    }
}
