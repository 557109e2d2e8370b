package io.decisioning.service;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** The API's paged answers: {@code {"items": [...], "total": n, ...}}. */
public final class Pages {

    private Pages() {
    }

    public static List<JsonNode> items(JsonNode page) {
        return page.get("items").valueStream().toList();
    }

    /** The {@code id} of each item, in the page's order. */
    public static List<Long> ids(JsonNode page) {
        return page.get("items").valueStream().map(item -> item.get("id").asLong()).toList();
    }
}
