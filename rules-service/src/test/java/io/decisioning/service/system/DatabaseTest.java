package io.decisioning.service.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test of SQL, a repository or the evaluation pipeline's reads against the real database: the embedded
 * MariaDB (or the configured {@code spring.datasource.url}) with the real migrations, and only what the
 * database layer needs ({@link DatabaseTestConfiguration}). No web server, security, scheduler or event
 * workers.
 *
 * <p>Every class so annotated shares one Spring context, and so one embedded MariaDB: keep it that way,
 * and add what a new test needs to {@link DatabaseTestConfiguration} rather than a configuration of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = DatabaseTestConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
public @interface DatabaseTest {
}
