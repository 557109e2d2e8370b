package io.decisioning.service.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The id conditions of set-based statements (their use against the database is tested with each repository). */
class BulkSqlTests {

    @Test
    void oneIdIsAnEquality() {
        BulkSql.IdCondition one = BulkSql.ids("c.id", List.of(42L), "id");

        assertThat(one.sql()).isEqualTo("(c.id = :id0a)");
        assertThat(one.params()).isEqualTo(Map.of("id0a", 42L));
    }

    @Test
    void runsOfConsecutiveIdsAreRangesAndLoneIdsEqualities() {
        BulkSql.IdCondition ids = BulkSql.ids("c.id", List.of(7L, 3L, 4L, 5L, 5L, 10L), "k");

        assertThat(ids.sql()).isEqualTo("(c.id BETWEEN :k0a AND :k0b OR c.id = :k1a OR c.id = :k2a)");
        assertThat(ids.params()).isEqualTo(Map.of("k0a", 3L, "k0b", 5L, "k1a", 7L, "k2a", 10L));
    }

    @Test
    void idsInMoreRunsThanARangeConditionTakesAreAnInList() {
        List<Long> scattered = LongStream.range(0, BulkSql.MAX_RANGES + 1).map(i -> i * 10).boxed().toList();

        BulkSql.IdCondition ids = BulkSql.ids("c.id", scattered, "p");

        assertThat(ids.sql()).isEqualTo("c.id IN (:p)");
        assertThat(ids.params()).isEqualTo(Map.of("p", scattered));
    }

    @Test
    void noIdsAreRefused() {
        assertThatThrownBy(() -> BulkSql.ids("c.id", List.of(), "p")).isInstanceOf(IllegalArgumentException.class);
    }
}
