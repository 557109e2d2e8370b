package io.decisioning.service.customer;

import java.util.Objects;

/** A customer's CRM row and its features, read together by one query. */
public record CustomerSnapshot(Customer customer, CustomerFeatures features) {

    public CustomerSnapshot {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(features, "features");
    }
}
