package io.decisioning.service.system;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every DataSource of the service, the embedded one or a configured one: its pool hands out connections
 * with autocommit off, and it is wrapped in a {@link CommittingDataSource}, which commits what a
 * statement outside a transaction did when its connection is given back.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceSettings {

    @Bean
    static BeanPostProcessor committingDataSources() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && !pool.isRunning()) {
                    pool.setAutoCommit(false);
                }
                return bean;
            }

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !(bean instanceof CommittingDataSource)
                        ? new CommittingDataSource(dataSource) : bean;
            }
        };
    }
}
