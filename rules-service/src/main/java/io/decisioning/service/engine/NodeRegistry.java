package io.decisioning.service.engine;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's nodes and the pack versions each has live (table service_node, V7): each node writes
 * its row every few seconds, so an operator sees whether a publish has reached every node.
 */
@Repository
public class NodeRegistry {

    /** A node not heard from for this long is shown as gone (and its row removed after a day). */
    static final Duration GONE = Duration.ofSeconds(30);
    private static final TypeReference<Map<String, Integer>> VERSIONS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final String nodeId;
    private final String host;
    private final Instant startedAt;
    private final Clock clock;

    NodeRegistry(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.json = json;
        this.host = hostName();
        this.nodeId = host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.startedAt = clock.instant();
    }

    public String nodeId() {
        return nodeId;
    }

    void heartbeat(Map<String, Integer> live) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.sql("""
                        INSERT INTO service_node (node_id, host, started_at, heartbeat_at, live_versions)
                        VALUES (:nodeId, :host, :startedAt, :now, :live)
                        ON DUPLICATE KEY UPDATE heartbeat_at = VALUES(heartbeat_at), live_versions = VALUES(live_versions)
                        """)
                .param("nodeId", nodeId)
                .param("host", host)
                .param("startedAt", LocalDateTime.ofInstant(startedAt, ZoneOffset.UTC))
                .param("now", now)
                .param("live", json.writeValueAsString(new TreeMap<>(live)))
                .update();
        jdbc.sql("DELETE FROM service_node WHERE heartbeat_at < :dayAgo")
                .param("dayAgo", now.minusDays(1))
                .update();
    }

    void leave() {
        jdbc.sql("DELETE FROM service_node WHERE node_id = :nodeId").param("nodeId", nodeId).update();
    }

    public List<Node> nodes() {
        Instant now = clock.instant();
        return jdbc.sql("SELECT node_id, host, started_at, heartbeat_at, live_versions FROM service_node ORDER BY node_id")
                .query((rs, row) -> {
                    Instant heartbeat = rs.getObject("heartbeat_at", LocalDateTime.class).toInstant(ZoneOffset.UTC);
                    return new Node(rs.getString("node_id"), rs.getString("host"),
                            rs.getObject("started_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), heartbeat,
                            heartbeat.isAfter(now.minus(GONE)), rs.getString("node_id").equals(nodeId),
                            json.readValue(rs.getString("live_versions"), VERSIONS));
                })
                .list();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /**
     * @param alive    heard from within the last 30 seconds
     * @param thisNode the node that answered
     */
    public record Node(String nodeId, String host, Instant startedAt, Instant heartbeatAt, boolean alive,
                       boolean thisNode, Map<String, Integer> liveVersions) {
    }
}
