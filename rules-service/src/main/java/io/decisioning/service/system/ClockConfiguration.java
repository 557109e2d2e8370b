package io.decisioning.service.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the service: every "now" and "today" comes from it, so a test can stand on any date
 * (a grace period, a deadline, a birthday) by replacing this bean, without sleeping.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
