package io.decisioning.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every connection of the pool, on the embedded MariaDB and on a configured database alike (CI runs
 * this against MariaDB 10.11 through a URL), estimates IN lists by index dives (see
 * {@link DatabaseMode#CONNECTION_INIT_SQL}).
 */
@DatabaseTest
class DatabaseSessionTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyConnectionEstimatesInListsByIndexDives() {
        for (int i = 0; i < 20; i++) {   // more than the pool's idle connections, so several are asked
            assertThat(jdbc.sql("SELECT @@SESSION.eq_range_index_dive_limit").query(Long.class).single()).isZero();
        }
    }
}
