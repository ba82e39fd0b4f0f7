package dev.dynamatic.it.server;

import java.util.Optional;

/** An open-source DynamoDB-compatible server that {@link LocalDynamoDb} can start. */
public enum Engine {

    /** dynoxide ({@code @dynoxide/linux-x64}): a static binary, in-memory, with transactions, PartiQL and TTL. */
    DYNOXIDE("dynoxide"),

    /** dynalite ({@code dynalite} on Node.js): DynamoDB's validation messages, no transactions or TTL. */
    DYNALITE("dynalite");

    /** Environment variable that selects the engine: {@code dynoxide} or {@code dynalite}. */
    public static final String ENVIRONMENT_VARIABLE = "DYNAMODB_ENGINE";

    /** System property that selects the engine; the Maven build sets it per failsafe execution. */
    public static final String SYSTEM_PROPERTY = "dynamatic.it.engine";

    private final String id;

    Engine(String id) {
        this.id = id;
    }

    /** {@return the lower-case name used in {@code DYNAMODB_ENGINE}, tags and log file names} */
    public String id() {
        return id;
    }

    /**
     * {@return the engine named by {@code id}}
     *
     * @throws IllegalArgumentException if {@code id} is neither {@code dynoxide} nor {@code dynalite}
     */
    public static Engine parse(String id) {
        for (Engine engine : values()) {
            if (engine.id.equals(id)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown DynamoDB engine '" + id + "': expected dynoxide or dynalite");
    }

    /**
     * {@return the engine this run asks for: {@code DYNAMODB_ENGINE}, else the system property
     * {@code dynamatic.it.engine}, else dynoxide}
     *
     * @throws IllegalStateException if both are set and disagree (a failsafe execution meant for one engine
     *                               would otherwise run the other one's tests)
     */
    public static Engine selected() {
        Optional<Engine> fromEnvironment = nonBlank(System.getenv(ENVIRONMENT_VARIABLE)).map(Engine::parse);
        Optional<Engine> fromProperty = nonBlank(System.getProperty(SYSTEM_PROPERTY)).map(Engine::parse);
        if (fromEnvironment.isPresent() && fromProperty.isPresent() && fromEnvironment.get() != fromProperty.get()) {
            throw new IllegalStateException(ENVIRONMENT_VARIABLE + "=" + fromEnvironment.get().id
                    + " but this test run is configured for " + fromProperty.get().id + " (system property "
                    + SYSTEM_PROPERTY + "); with " + ENVIRONMENT_VARIABLE
                    + " set, the Maven build runs only that engine's failsafe execution");
        }
        return fromEnvironment.or(() -> fromProperty).orElse(DYNOXIDE);
    }

    static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
