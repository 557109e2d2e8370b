package io.decisioning.service.system;

/**
 * The order of the work done once at start-up, after the context is ready and before the service is
 * left to its requests and jobs ({@code ApplicationRunner}s, lower first): a newcomer's empty CRM is
 * filled with the demo book before anything reads it.
 */
public final class StartupOrder {

    /** The demo book, when an empty CRM should get one. */
    public static final int DEMO_DATA = 100;
    /** The demo blacklist entries, which match customers of the demo book. */
    public static final int DEMO_BLACKLIST = 101;
    /** The first book statistics (premium share and rank), when the database has none. */
    public static final int BOOK_STATISTICS = 200;

    private StartupOrder() {
    }
}
