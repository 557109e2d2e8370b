package io.decisioning.service.system;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Whether the service runs on its embedded MariaDB (demo defaults apply) or on a configured database. */
@Component
public class DatabaseMode {

    private final boolean embedded;

    DatabaseMode(ObjectProvider<EmbeddedMariaDb> embeddedDb) {
        this.embedded = embeddedDb.getIfAvailable() != null;
    }

    public boolean embedded() {
        return embedded;
    }
}
