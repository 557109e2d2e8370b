package io.decisioning.service.complaint;

import java.util.List;

/** One page of the work queue, in its order, and how many complaints match the filter in all. */
record QueuePage(List<QueueItem> items, long total) {

    QueuePage {
        items = List.copyOf(items);
    }
}
