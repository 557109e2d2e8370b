package io.decisioning.service.system;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url} configured, the service starts an embedded MariaDB and
 * uses it (DESIGN.md section 7). With one configured, this configuration stays out of the way and
 * Spring Boot's own DataSource is used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedMariaDb embeddedMariaDb(RulesProperties properties) {
        return EmbeddedMariaDb.start(properties.embedded().dataDir(), properties.embedded().port());
    }

    @Bean
    DataSource dataSource(EmbeddedMariaDb db) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(db.jdbcUrl());
        dataSource.setUsername("root");
        dataSource.setPassword("");
        dataSource.setPoolName("embedded-mariadb");
        dataSource.setMaximumPoolSize(16);
        dataSource.setTransactionIsolation(DatabaseMode.ISOLATION);
        dataSource.setConnectionInitSql(DatabaseMode.CONNECTION_INIT_SQL);
        return dataSource;
    }
}
