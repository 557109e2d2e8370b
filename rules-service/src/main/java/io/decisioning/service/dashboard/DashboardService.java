package io.decisioning.service.dashboard;

import io.decisioning.rules.Grade;
import io.decisioning.rules.Severity;
import io.decisioning.rules.Tier;
import io.decisioning.rules.WarningType;
import io.decisioning.service.batch.BatchRun;
import io.decisioning.service.batch.BatchRunService;
import io.decisioning.service.dashboard.Dashboard.Count;
import io.decisioning.service.dashboard.Dashboard.LivePack;
import io.decisioning.service.dashboard.Dashboard.WarningCount;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.rulepack.RulePackService;
import io.decisioning.service.system.BranchScope;
import io.decisioning.service.system.UserAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the dashboard with three grouped queries over the user's branch scope: customers, the
 * current assessments grouped by grade, tier, VIP and blacklisted (one pass over the table), and the
 * open warnings grouped by type and severity. Head office reads the service's tables without the
 * join to {@code customer} that scoping needs.
 */
@Service
class DashboardService {

    private final JdbcClient jdbc;
    private final BatchRunService batchRuns;
    private final RulePackService packs;
    private final RuleEngine engine;

    DashboardService(JdbcClient jdbc, BatchRunService batchRuns, RulePackService packs, RuleEngine engine) {
        this.jdbc = jdbc;
        this.batchRuns = batchRuns;
        this.packs = packs;
        this.engine = engine;
    }

    @Transactional(readOnly = true)
    Dashboard dashboard(UserAccount user) {
        boolean all = BranchScope.seesAll(user);
        long customers = all
                ? jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single()
                : BranchScope.bind(jdbc.sql("SELECT COUNT(*) FROM customer c WHERE " + BranchScope.visible("c")), user)
                        .query(Long.class).single();

        Map<String, Long> grades = zeros(Grade.values());
        Map<String, Long> tiers = zeros(Tier.values());
        long[] assessed = new long[1];
        long[] vip = new long[1];
        long[] blacklisted = new long[1];
        String assessments = all
                ? "SELECT a.grade, a.tier, a.vip, a.blacklisted, COUNT(*) AS n FROM assessment a GROUP BY a.grade, a.tier, a.vip, a.blacklisted"
                : "SELECT a.grade, a.tier, a.vip, a.blacklisted, COUNT(*) AS n FROM assessment a JOIN customer c ON c.id = a.customer_id"
                        + " WHERE " + BranchScope.visible("c") + " GROUP BY a.grade, a.tier, a.vip, a.blacklisted";
        scoped(jdbc.sql(assessments), user, all).query((rs, row) -> {
            long n = rs.getLong("n");
            grades.merge(rs.getString("grade"), n, Long::sum);
            tiers.merge(rs.getString("tier"), n, Long::sum);
            assessed[0] += n;
            if (rs.getBoolean("vip")) {
                vip[0] += n;
            }
            if (rs.getBoolean("blacklisted")) {
                blacklisted[0] += n;
            }
            return null;
        }).list();

        String warnings = all
                ? "SELECT w.type, w.severity, COUNT(*) AS n FROM warning w WHERE w.status IN ('OPEN', 'ACKNOWLEDGED')"
                        + " GROUP BY w.type, w.severity"
                : "SELECT w.type, w.severity, COUNT(*) AS n FROM warning w JOIN customer c ON c.id = w.customer_id"
                        + " WHERE w.status IN ('OPEN', 'ACKNOWLEDGED') AND " + BranchScope.visible("c")
                        + " GROUP BY w.type, w.severity";
        List<WarningCount> openWarnings = new ArrayList<>(scoped(jdbc.sql(warnings), user, all)
                .query((rs, row) -> new WarningCount(WarningType.valueOf(rs.getString("type")),
                        Severity.valueOf(rs.getString("severity")), rs.getLong("n")))
                .list());
        openWarnings.sort((x, y) -> x.type() != y.type() ? x.type().compareTo(y.type()) : y.severity().compareTo(x.severity()));

        List<BatchRun> latest = batchRuns.latest(1);
        Map<String, Integer> live = engine.versions();
        List<LivePack> rulePacks = packs.list().stream()
                .map(pack -> new LivePack(pack.name(), pack.publishedVersion(), live.get(pack.name())))
                .toList();
        return new Dashboard(customers, assessed[0], counts(grades), counts(tiers), vip[0], blacklisted[0],
                openWarnings, latest.isEmpty() ? null : latest.get(0), rulePacks);
    }

    private static JdbcClient.StatementSpec scoped(JdbcClient.StatementSpec statement, UserAccount user, boolean all) {
        return all ? statement : BranchScope.bind(statement, user);
    }

    private static Map<String, Long> zeros(Enum<?>[] values) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Enum<?> value : values) {
            counts.put(value.name(), 0L);
        }
        return counts;
    }

    private static List<Count> counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue())).toList();
    }
}
