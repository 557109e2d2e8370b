package io.decisioning.service.identity;

import java.util.List;

/**
 * Published when people changed parties (a merge, a split) or kept records apart: the records whose
 * party or candidates changed, to be evaluated again once the change commits (their outcomes are their
 * party's, DESIGN.md section 10).
 */
public record PartiesChanged(List<Long> customerIds, String cause) {

    public PartiesChanged {
        customerIds = List.copyOf(customerIds);
    }
}
