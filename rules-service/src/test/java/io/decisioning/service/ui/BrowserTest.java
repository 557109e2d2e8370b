package io.decisioning.service.ui;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A browser test of the admin UI: the service on a random port over the embedded MariaDB with a small
 * demo book (400 customers) and its scheduler on, one Spring context shared by every browser test
 * class. The class drives the UI through a {@link Browser} registered as a static extension field.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rules.demo.data=400", "rules.scheduler.enabled=true"})
@interface BrowserTest {
}
