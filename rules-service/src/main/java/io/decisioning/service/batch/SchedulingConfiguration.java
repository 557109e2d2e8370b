package io.decisioning.service.batch;

import io.decisioning.scheduler.RunScheduler;
import io.decisioning.service.system.RulesProperties;
import java.time.Clock;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Quartz for the nightly run: the scheduler module's {@link RunScheduler} over Boot's clustered
 * scheduler, and the nightly trigger from {@code rules.batch.cron} in {@code rules.zone}. With
 * {@code rules.scheduler.enabled=false} this node runs no jobs (Quartz does not start here) but can
 * still start runs that other nodes carry out.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchedulingConfiguration.class);

    @Bean
    RunScheduler runScheduler(Scheduler scheduler, Clock clock) {
        return new RunScheduler(scheduler, clock);
    }

    @Bean
    NightlySchedule nightlySchedule(RunScheduler runScheduler, BatchRunService runs, RulesProperties properties) {
        return new NightlySchedule(runScheduler, runs, properties);
    }

    static final class NightlySchedule {

        private final RunScheduler runScheduler;
        private final BatchRunService runs;
        private final RulesProperties properties;

        NightlySchedule(RunScheduler runScheduler, BatchRunService runs, RulesProperties properties) {
            this.runScheduler = runScheduler;
            this.runs = runs;
            this.properties = properties;
        }

        @EventListener(ApplicationReadyEvent.class)
        void ready() {
            if (!properties.scheduler().enabled()) {
                log.info("rules.scheduler.enabled=false: this node runs no batch jobs");
                return;
            }
            runScheduler.scheduleNightly(properties.batch().cron(), properties.zone());
            runScheduler.scheduleSupervisor();
            runs.recoverOrphans();
        }
    }
}
