package io.decisioning.service.blacklist;

import java.util.List;

/** One page of a blacklist search, newest first, and how many entries match in all. */
record BlacklistPage(List<BlacklistEntry> items, long total) {

    BlacklistPage {
        items = List.copyOf(items);
    }
}
