package io.decisioning.service.identity;

import java.util.Objects;

/** A customer's match keys, as stored in {@code customer_match_key}. */
public record CustomerKeys(long customerId, MatchKeys keys) {

    public CustomerKeys {
        Objects.requireNonNull(keys, "keys");
    }
}
