package io.decisioning.service.system;

import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.assessment.EvaluationsStored;
import io.decisioning.service.assessment.FactSource;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.book.BookStatistics;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.engine.RuleMetrics;
import io.decisioning.service.export.StreamingJdbc;
import io.decisioning.service.identity.PartyResolver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the database layer needs, and nothing else ({@link DatabaseTest}): the service's own DataSource
 * (the embedded MariaDB, or Spring Boot's for a configured URL, either wrapped by {@link DataSourceSettings}),
 * Flyway with the real migrations, JdbcClient and NamedParameterJdbcTemplate, transactions, Jackson's
 * JsonMapper (with the service's {@code @JacksonMixin}s, found in the application's packages as they are in the
 * application), {@link RulesProperties} and the {@link ClockConfiguration Clock}.
 *
 * <p>The beans under test: every {@code @Repository} of the service (each needs only JDBC, JSON, the clock,
 * the audit trail or the pack store; several are package-private, so they are scanned by their stereotype
 * rather than named), the book statistics, the evaluation date, and the evaluation pipeline's reads (its fact sources, what keeps something of stored evaluations, and the rule
 * engine it is built with). One set for every database test, so that they share one context and one
 * embedded MariaDB: each distinct configuration would start a server of its own.
 *
 * <p>Deliberately not a {@code @Configuration}: the application's own component scan (in the full-context
 * tests) would pick that up, and a {@code @TestConfiguration} given to {@code @SpringBootTest} is added to
 * the application instead of replacing it. Its annotations and bean method work on a plain class all the same.
 */
@AutoConfigurationPackage(basePackages = "io.decisioning.service")
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, TransactionAutoConfiguration.class,
        FlywayAutoConfiguration.class, JacksonAutoConfiguration.class, ValidationAutoConfiguration.class})
@EnableConfigurationProperties(RulesProperties.class)
@Import({EmbeddedDatabaseConfiguration.class, DataSourceSettings.class, ClockConfiguration.class})
@ComponentScan(basePackages = "io.decisioning.service", useDefaultFilters = false, includeFilters = {
        @Filter(Repository.class),
        @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = {FactSource.class, EvaluationsStored.class, AssessmentPipeline.class, RuleEngine.class,
                RuleMetrics.class, AuditTrail.class, BookStatistics.class, EvaluationDate.class,
                PartyResolver.class, StreamingJdbc.class})})
class DatabaseTestConfiguration {

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    /** The CRM rows the tests insert, injected where a test needs them. */
    @Bean
    CrmFixtures crmFixtures(JdbcClient jdbc) {
        return new CrmFixtures(jdbc);
    }
}
