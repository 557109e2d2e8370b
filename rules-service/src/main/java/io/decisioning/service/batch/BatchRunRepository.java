package io.decisioning.service.batch;

import io.decisioning.service.assessment.Assessed;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** batch_run, batch_partition and batch_failure (V6). */
@Repository
class BatchRunRepository {

    private static final TypeReference<Map<String, Integer>> PACKS = new TypeReference<>() { };
    private static final String RUN = """
            SELECT r.id, r.status, r.phase, r.run_trigger, r.requested_by, r.as_of_date, r.started_at, r.finished_at,
                   r.total, r.partitions, r.rule_packs, r.error,
                   COALESCE(SUM(p.processed), 0) AS processed, COALESCE(SUM(p.changed), 0) AS changed,
                   COALESCE(SUM(p.failed), 0) AS failed,
                   COALESCE(SUM(CASE WHEN p.status = :partitionDone THEN 1 ELSE 0 END), 0) AS partitions_done
              FROM batch_run r LEFT JOIN batch_partition p ON p.run_id = r.id
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final JsonMapper json;

    BatchRunRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    /** Inserts a RUNNING run; a DuplicateKeyException means another run is RUNNING. */
    long insertRunning(RunTrigger trigger, String requestedBy, LocalDate asOf, Instant now, Map<String, Integer> rulePacks) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO batch_run (status, phase, run_trigger, requested_by, as_of_date, started_at, rule_packs, running)
                        VALUES (:status, :phase, :trigger, :requestedBy, :asOf, :startedAt, :rulePacks, 1)
                        """)
                .param("status", RunStatus.RUNNING.name())
                .param("phase", RunPhase.STARTING.name())
                .param("trigger", trigger.name())
                .param("requestedBy", requestedBy)
                .param("asOf", asOf)
                .param("startedAt", utc(now))
                .param("rulePacks", json.writeValueAsString(new TreeMap<>(rulePacks)))
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<RunState> lockRun(long runId) {
        return jdbc.sql("SELECT id, status, phase, as_of_date FROM batch_run WHERE id = :id FOR UPDATE")
                .param("id", runId)
                .query(BatchRunRepository::runState)
                .optional();
    }

    Optional<RunState> run(long runId) {
        return jdbc.sql("SELECT id, status, phase, as_of_date FROM batch_run WHERE id = :id")
                .param("id", runId)
                .query(BatchRunRepository::runState)
                .optional();
    }

    List<RunState> running() {
        return jdbc.sql("SELECT id, status, phase, as_of_date FROM batch_run WHERE status = :running ORDER BY id")
                .param("running", RunStatus.RUNNING.name())
                .query(BatchRunRepository::runState)
                .list();
    }

    /**
     * Splits the book into partitions of about {@code size} customers each, by id: the first id of every
     * size-th customer starts a partition, found by stepping {@code size} entries along the primary key
     * from the previous start: one short index walk a partition, where a {@code ROW_NUMBER()} over the
     * whole customer table would materialize and number every row first, in the run's serial preparation.
     */
    List<Partition> insertPartitions(long runId, int size) {
        List<Long> starts = new java.util.ArrayList<>();
        Optional<Long> start = jdbc.sql("SELECT id FROM customer ORDER BY id LIMIT 1").query(Long.class).optional();
        while (start.isPresent()) {
            starts.add(start.get());
            start = jdbc.sql("SELECT id FROM customer WHERE id >= :fromId ORDER BY id LIMIT 1 OFFSET :skip")
                    .param("fromId", start.get())
                    .param("skip", size)
                    .query(Long.class)
                    .optional();
        }
        if (starts.isEmpty()) {
            return List.of();
        }
        long maxId = jdbc.sql("SELECT MAX(id) FROM customer").query(Long.class).single();
        List<Partition> partitions = new java.util.ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            long from = starts.get(i);
            long to = i + 1 < starts.size() ? starts.get(i + 1) - 1 : maxId;
            partitions.add(new Partition(runId, i, from, to, PartitionStatus.PENDING, from - 1));
        }
        batch.batchUpdate("""
                INSERT INTO batch_partition (run_id, partition_no, from_id, to_id, status, checkpoint_id)
                VALUES (:runId, :partitionNo, :fromId, :toId, :status, :checkpointId)
                """, partitions.stream().map(p -> new MapSqlParameterSource()
                .addValue("runId", p.runId())
                .addValue("partitionNo", p.partitionNo())
                .addValue("fromId", p.fromId())
                .addValue("toId", p.toId())
                .addValue("status", p.status().name())
                .addValue("checkpointId", p.checkpointId())).toArray(SqlParameterSource[]::new));
        return partitions;
    }

    void markPartitioned(long runId, long total, int partitions, @Nullable Long bookStatsId) {
        jdbc.sql("""
                        UPDATE batch_run SET phase = :phase, total = :total, partitions = :partitions,
                               book_stats_id = :bookStatsId
                         WHERE id = :id
                        """)
                .param("phase", RunPhase.PARTITIONED.name())
                .param("total", total)
                .param("partitions", partitions)
                .param("bookStatsId", bookStatsId)
                .param("id", runId)
                .update();
    }

    void finish(long runId, RunStatus status, Instant now, @Nullable String error) {
        jdbc.sql("""
                        UPDATE batch_run SET status = :status, phase = :phase, finished_at = :finishedAt,
                               error = :error, running = NULL
                         WHERE id = :id
                        """)
                .param("status", status.name())
                .param("phase", RunPhase.FINISHED.name())
                .param("finishedAt", utc(now))
                .param("error", error == null ? null : truncate(error))
                .param("id", runId)
                .update();
    }

    Optional<Partition> lockPartition(long runId, int partitionNo) {
        return jdbc.sql("""
                        SELECT run_id, partition_no, from_id, to_id, status, checkpoint_id
                          FROM batch_partition WHERE run_id = :runId AND partition_no = :partitionNo FOR UPDATE
                        """)
                .param("runId", runId)
                .param("partitionNo", partitionNo)
                .query((rs, row) -> new Partition(rs.getLong("run_id"), rs.getInt("partition_no"), rs.getLong("from_id"),
                        rs.getLong("to_id"), PartitionStatus.valueOf(rs.getString("status")), rs.getLong("checkpoint_id")))
                .optional();
    }

    void startPartition(long runId, int partitionNo, String node, Instant now) {
        jdbc.sql("""
                        UPDATE batch_partition SET status = :status, node = :node,
                               started_at = COALESCE(started_at, :now)
                         WHERE run_id = :runId AND partition_no = :partitionNo
                        """)
                .param("status", PartitionStatus.RUNNING.name())
                .param("node", node)
                .param("now", utc(now))
                .param("runId", runId)
                .param("partitionNo", partitionNo)
                .update();
    }

    /** Commits a chunk's checkpoint and counts (in the chunk's transaction). */
    void checkpoint(long runId, int partitionNo, long checkpointId, int processed, int changed, int failed, String node) {
        jdbc.sql("""
                        UPDATE batch_partition SET checkpoint_id = :checkpointId, processed = processed + :processed,
                               changed = changed + :changed, failed = failed + :failed, node = :node
                         WHERE run_id = :runId AND partition_no = :partitionNo
                        """)
                .param("checkpointId", checkpointId)
                .param("processed", processed)
                .param("changed", changed)
                .param("failed", failed)
                .param("node", node)
                .param("runId", runId)
                .param("partitionNo", partitionNo)
                .update();
    }

    void partitionDone(long runId, int partitionNo, Instant now) {
        jdbc.sql("""
                        UPDATE batch_partition SET status = :status, finished_at = :now
                         WHERE run_id = :runId AND partition_no = :partitionNo
                        """)
                .param("status", PartitionStatus.DONE.name())
                .param("now", utc(now))
                .param("runId", runId)
                .param("partitionNo", partitionNo)
                .update();
    }

    int partitionsNotDone(long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM batch_partition WHERE run_id = :runId AND status <> :done")
                .param("runId", runId)
                .param("done", PartitionStatus.DONE.name())
                .query(Integer.class)
                .single();
    }

    List<Integer> unfinishedPartitions(long runId) {
        return jdbc.sql("""
                        SELECT partition_no FROM batch_partition WHERE run_id = :runId AND status <> :done ORDER BY partition_no
                        """)
                .param("runId", runId)
                .param("done", PartitionStatus.DONE.name())
                .query(Integer.class)
                .list();
    }

    /** Counts a failed attempt of a partition; returns the attempts so far. */
    int partitionFailed(long runId, int partitionNo) {
        jdbc.sql("UPDATE batch_partition SET attempts = attempts + 1 WHERE run_id = :runId AND partition_no = :partitionNo")
                .param("runId", runId)
                .param("partitionNo", partitionNo)
                .update();
        return jdbc.sql("SELECT attempts FROM batch_partition WHERE run_id = :runId AND partition_no = :partitionNo")
                .param("runId", runId)
                .param("partitionNo", partitionNo)
                .query(Integer.class)
                .optional()
                .orElse(Integer.MAX_VALUE);
    }

    void insertFailures(long runId, List<Assessed.Failure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        batch.batchUpdate("INSERT INTO batch_failure (run_id, customer_id, error) VALUES (:runId, :customerId, :error)",
                failures.stream().map(f -> new MapSqlParameterSource()
                        .addValue("runId", runId)
                        .addValue("customerId", f.subject().customerId())
                        .addValue("error", truncate(f.message()))).toArray(SqlParameterSource[]::new));
    }

    /** The first id of the chunk after {@code afterId} that ends {@code chunkSize} customers later (or at {@code toId}). */
    long chunkEnd(long afterId, long toId, int chunkSize) {
        return jdbc.sql("""
                        SELECT id FROM customer WHERE id > :afterId AND id <= :toId ORDER BY id LIMIT 1 OFFSET :skip
                        """)
                .param("afterId", afterId)
                .param("toId", toId)
                .param("skip", chunkSize - 1)
                .query(Long.class)
                .optional()
                .orElse(toId);
    }

    Optional<BatchRun> find(long runId) {
        return jdbc.sql(RUN + " WHERE r.id = :id GROUP BY r.id")
                .param("partitionDone", PartitionStatus.DONE.name())
                .param("id", runId)
                .query(this::batchRun)
                .optional();
    }

    List<BatchRun> latest(int limit) {
        return jdbc.sql(RUN + " GROUP BY r.id ORDER BY r.id DESC LIMIT :limit")
                .param("partitionDone", PartitionStatus.DONE.name())
                .param("limit", limit)
                .query(this::batchRun)
                .list();
    }

    private BatchRun batchRun(ResultSet rs, int row) throws SQLException {
        String packs = rs.getString("rule_packs");
        LocalDateTime finished = rs.getObject("finished_at", LocalDateTime.class);
        return new BatchRun(
                rs.getLong("id"),
                RunStatus.valueOf(rs.getString("status")),
                rs.getLong("total"),
                rs.getLong("processed"),
                rs.getLong("changed"),
                rs.getLong("failed"),
                rs.getObject("started_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                finished == null ? null : finished.toInstant(ZoneOffset.UTC),
                packs == null ? Map.of() : json.readValue(packs, PACKS),
                RunTrigger.valueOf(rs.getString("run_trigger")),
                rs.getString("requested_by"),
                rs.getObject("as_of_date", LocalDate.class).toString(),
                rs.getInt("partitions"),
                rs.getInt("partitions_done"),
                rs.getString("error"));
    }

    private static RunState runState(ResultSet rs, int row) throws SQLException {
        return new RunState(rs.getLong("id"), RunStatus.valueOf(rs.getString("status")), RunPhase.valueOf(rs.getString("phase")),
                rs.getObject("as_of_date", LocalDate.class));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String truncate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    record RunState(long id, RunStatus status, RunPhase phase, LocalDate asOf) {
    }

    record Partition(long runId, int partitionNo, long fromId, long toId, PartitionStatus status, long checkpointId) {
    }
}
