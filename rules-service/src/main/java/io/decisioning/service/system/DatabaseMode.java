package io.decisioning.service.system;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Whether the service runs on its embedded MariaDB (demo defaults apply) or on a configured database. */
@Component
public class DatabaseMode {

    /**
     * READ COMMITTED on every connection: InnoDB then takes no gap locks for reads, so concurrent
     * first evaluations of customers (an upsert after {@code SELECT ... FOR UPDATE} on a row that does
     * not exist yet) do not deadlock. The same value is set for a configured datasource in
     * application.properties.
     */
    public static final String ISOLATION = "TRANSACTION_READ_COMMITTED";

    /**
     * Run on every new connection: row estimates for {@code IN (...)} lists from index dives, however
     * long the list. By default MySQL and MariaDB estimate lists of 200 values or more (an event batch,
     * a chunk of customers whose ids are not consecutive, a chunk's identity keys) from index statistics,
     * which a large load (the first nightly run filling match keys, warnings and assessments) leaves
     * stale enough that a list of 200 customer ids is estimated at a million rows: the optimizer then
     * reads (and for {@code FOR UPDATE}, locks) whole tables. Dives cost a few microseconds per value.
     * The same statement is set for a configured datasource in application.properties.
     */
    public static final String CONNECTION_INIT_SQL = "SET SESSION eq_range_index_dive_limit = 0";

    private final boolean embedded;

    DatabaseMode(ObjectProvider<EmbeddedMariaDb> embeddedDb) {
        this.embedded = embeddedDb.getIfAvailable() != null;
    }

    public boolean embedded() {
        return embedded;
    }
}
