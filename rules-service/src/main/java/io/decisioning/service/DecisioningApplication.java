package io.decisioning.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The customer decisioning service: one deployable that runs checks, events, batches and the admin UI. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DecisioningApplication {

    public static void main(String[] args) {
        SpringApplication.run(DecisioningApplication.class, args);
    }
}
