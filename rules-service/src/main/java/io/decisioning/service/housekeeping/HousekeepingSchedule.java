package io.decisioning.service.housekeeping;

import io.decisioning.scheduler.RunScheduler;
import io.decisioning.scheduler.RunScheduler.MissedFiring;
import io.decisioning.service.system.RulesProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The nightly trigger of housekeeping: {@code rules.housekeeping.cron} (by default 04:30) in {@code rules.zone}, in
 * Quartz's clustered job store, so that one node of the cluster runs it. A night missed while the whole cluster was
 * down is skipped: the next night deletes what it would have. With {@code rules.scheduler.enabled=false} this node
 * schedules nothing.
 */
@Component
class HousekeepingSchedule {

    /** The trigger's and the job's name in Quartz. */
    static final String NAME = "housekeeping";

    private final RunScheduler scheduler;
    private final RulesProperties properties;

    HousekeepingSchedule(RunScheduler scheduler, RulesProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (properties.scheduler().enabled()) {
            scheduler.scheduleCron(NAME, HousekeepingJob.class, properties.housekeeping().cron(), properties.zone(),
                    MissedFiring.SKIP);
        }
    }
}
