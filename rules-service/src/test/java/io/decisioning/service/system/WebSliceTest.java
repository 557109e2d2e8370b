package io.decisioning.service.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A test of how requests map to answers (status, problem body, headers) for the given controllers, over
 * MockMvc: Spring MVC with the service's {@code ProblemAdvice}, filters and security configuration
 * ({@link WebSliceConfiguration}), and no database. What the controllers call is the test's own stand-in
 * ({@code @MockitoBean}): the mapping is the subject, not the service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@Import(WebSliceConfiguration.class)
public @interface WebSliceTest {

    /** The controllers under test; no others are started. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}
