package io.decisioning.service.warning;

import java.util.List;

/** One page of warnings, newest first, and how many match the filter in all. */
record WarningPage(List<Warning> items, long total) {

    WarningPage {
        items = List.copyOf(items);
    }
}
