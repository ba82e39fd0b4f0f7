package dev.dynamatic.it.server;

import java.net.URI;

/** A DynamoDB-compatible endpoint that tests and the demo talk to: a local child process or an external server. */
public sealed interface DynamoDbServer extends AutoCloseable permits LocalDynamoDb, ExternalDynamoDb {

    /** {@return the HTTP endpoint to point SDK clients at} */
    URI endpoint();

    /** {@return whether the server can still answer: false once a local process has exited} */
    boolean isAlive();

    /** {@return everything the server has logged so far, or an empty string when there is no log} */
    String log();

    /** Restarts a local server (its in-memory data is lost); does nothing for an external one. */
    void restart();

    /** Stops a local server and waits for its process to exit; does nothing for an external one. */
    @Override
    void close();

    /**
     * {@return the server this run asks for: {@code DYNAMODB_ENDPOINT} as given if set, else a started
     * {@link LocalDynamoDb} of the {@linkplain Engine#selected() selected engine}}
     */
    static DynamoDbServer fromEnvironment() {
        return ExternalDynamoDb.configured()
                .<DynamoDbServer>map(external -> external)
                .orElseGet(() -> LocalDynamoDb.start(Engine.selected()));
    }
}
