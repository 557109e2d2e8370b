package io.decisioning.service.demo;



import io.decisioning.service.blacklist.BlacklistService;
import io.decisioning.service.blacklist.NewBlacklistEntry;
import io.decisioning.service.blacklist.ReasonCode;
import io.decisioning.service.identity.IdType;
import io.decisioning.service.system.StartupOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * When demo data was generated at this start, puts the demo book's few fraudsters and defaulters
 * on the blacklist through the same use case an approver uses, so the demo shows DECLINE and REFER.
 */
@Component
@Order(StartupOrder.DEMO_BLACKLIST)
class DemoBlacklist implements ApplicationRunner {

    static final String DEMO_ACTOR = "demo-data";
    private static final Logger log = LoggerFactory.getLogger(DemoBlacklist.class);

    private final DemoData demoData;
    private final BlacklistService blacklist;

    DemoBlacklist(DemoData demoData, BlacklistService blacklist) {
        this.demoData = demoData;
        this.blacklist = blacklist;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demoData.generatedAtStartup()) {
            return;
        }
        int added = 0;
        for (BlacklistCandidate candidate : demoData.blacklistCandidates()) {
            NewBlacklistEntry entry = new NewBlacklistEntry(
                    candidate.idType() == null ? null : IdType.valueOf(candidate.idType()),
                    candidate.idNumber(), candidate.name(), candidate.birthDate(), candidate.phone(),
                    ReasonCode.valueOf(candidate.reasonCode()), "Demo entry matching " + candidate.customerNo(), null);
            blacklist.add(entry, DEMO_ACTOR);
            added++;
        }
        log.info("Demo data: {} blacklist entries added", added);
    }
}
