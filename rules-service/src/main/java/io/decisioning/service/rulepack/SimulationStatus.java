package io.decisioning.service.rulepack;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Whether a version has a finished simulation, and its stored summary (table rule_pack_simulation). */
@Repository
class SimulationStatus {

    private final JdbcClient jdbc;
    private final SimulationRepository simulations;

    SimulationStatus(JdbcClient jdbc, SimulationRepository simulations) {
        this.jdbc = jdbc;
        this.simulations = simulations;
    }

    boolean done(String pack, int version) {
        return jdbc.sql("SELECT COUNT(*) FROM rule_pack_simulation WHERE pack = :pack AND version = :version AND status = 'DONE'")
                .param("pack", pack)
                .param("version", version)
                .query(Integer.class)
                .single() > 0;
    }

    Optional<Simulation> summary(String pack, int version) {
        return simulations.find(pack, version);
    }
}
