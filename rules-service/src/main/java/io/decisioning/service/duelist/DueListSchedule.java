package io.decisioning.service.duelist;

import io.decisioning.scheduler.RunScheduler;
import io.decisioning.scheduler.RunScheduler.MissedFiring;
import io.decisioning.service.system.RulesProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The monthly trigger of the due list: {@code rules.retention.due-list-cron} (by default 03:00 on the 25th) in
 * {@code rules.zone}, stored in Quartz's clustered job store, so that one node of the cluster generates next month's
 * list. A firing missed while the whole cluster was down is made up once a node is up. With
 * {@code rules.scheduler.enabled=false} this node schedules nothing (it may still generate a list on request).
 */
@Component
class DueListSchedule {

    /** The trigger's and the job's name in Quartz. */
    static final String NAME = "due-list";

    private final RunScheduler scheduler;
    private final RulesProperties properties;

    DueListSchedule(RunScheduler scheduler, RulesProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (properties.scheduler().enabled()) {
            scheduler.scheduleCron(NAME, DueListJob.class, properties.retention().dueListCron(), properties.zone(),
                    MissedFiring.FIRE_ONCE);
        }
    }
}
