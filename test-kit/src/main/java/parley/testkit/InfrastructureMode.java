package parley.testkit;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/** How {@link RealInfrastructure} provides its servers. */
public enum InfrastructureMode {

    /** Embedded servers: PostgreSQL and redis-server as child processes, Kafka inside the JVM. */
    EMBEDDED,

    /** Testcontainers (needs a Docker engine). */
    CONTAINERS;

    /** System property or environment variable: {@code embedded}, {@code containers} or {@code auto} (default). */
    public static final String SELECTOR = "PARLEY_TEST_INFRA";

    /**
     * The mode chosen by {@value #SELECTOR} (system property first, then environment variable); when it is absent or
     * {@code auto}: {@link #CONTAINERS} if Docker is available, otherwise {@link #EMBEDDED}.
     */
    public static InfrastructureMode resolve(BooleanSupplier dockerAvailable) {
        String value = System.getProperty(SELECTOR, System.getenv(SELECTOR));
        String choice = value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "embedded" -> EMBEDDED;
            case "containers", "container", "testcontainers" -> CONTAINERS;
            case "", "auto" -> dockerAvailable.getAsBoolean() ? CONTAINERS : EMBEDDED;
            default -> throw new IllegalArgumentException(SELECTOR + "=" + value
                    + " is not one of embedded, containers, auto");
        };
    }
}
