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

    private final boolean embedded;

    DatabaseMode(ObjectProvider<EmbeddedMariaDb> embeddedDb) {
        this.embedded = embeddedDb.getIfAvailable() != null;
    }

    public boolean embedded() {
        return embedded;
    }
}
