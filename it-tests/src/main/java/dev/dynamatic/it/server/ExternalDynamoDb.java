package dev.dynamatic.it.server;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * A server this code did not start and does not manage, named by {@code DYNAMODB_ENDPOINT}: real DynamoDB,
 * ScyllaDB Alternator, or an engine the user runs.
 *
 * @param endpoint the {@code http} or {@code https} endpoint
 */
public record ExternalDynamoDb(URI endpoint) implements DynamoDbServer {

    /** Environment variable whose value, when set, is used as the endpoint and no server is started. */
    public static final String ENVIRONMENT_VARIABLE = "DYNAMODB_ENDPOINT";

    /** Checks that the endpoint is an absolute http(s) URI. */
    public ExternalDynamoDb {
        requireNonNull(endpoint, "endpoint is null");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())
                || endpoint.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) endpoint: " + endpoint);
        }
    }

    /** {@return the external server named by {@code DYNAMODB_ENDPOINT}, if that variable is set} */
    public static Optional<ExternalDynamoDb> configured() {
        return Engine.nonBlank(System.getenv(ENVIRONMENT_VARIABLE)).map(URI::create).map(ExternalDynamoDb::new);
    }

    /** {@return true: an external server's health is not ours to judge} */
    @Override
    public boolean isAlive() {
        return true;
    }

    /** {@return an empty string: an external server's log is not available here} */
    @Override
    public String log() {
        return "";
    }

    /** Does nothing: an external server is not ours to restart. */
    @Override
    public void restart() {
    }

    /** Does nothing: an external server is not ours to stop. */
    @Override
    public void close() {
    }
}
