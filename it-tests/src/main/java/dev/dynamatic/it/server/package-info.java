/**
 * Test servers: a {@link dev.dynamatic.it.server.DynamoDbServer} is either a
 * {@link dev.dynamatic.it.server.LocalDynamoDb} child process (dynoxide or dynalite from
 * {@code it-tests/node_modules}) or an {@link dev.dynamatic.it.server.ExternalDynamoDb} named by
 * {@code DYNAMODB_ENDPOINT}; {@link dev.dynamatic.it.server.DynamoDbClients} builds SDK clients for either.
 *
 * <p>Environment: {@code DYNAMODB_ENGINE=dynoxide|dynalite} picks the engine (default dynoxide; the Maven
 * build passes it per failsafe execution as the system property {@code dynamatic.it.engine});
 * {@code DYNAMODB_ENDPOINT} starts nothing and uses that endpoint; with it, {@code AWS_REGION} sets the
 * region and {@code DYNAMODB_CREDENTIALS=default} switches from dummy credentials to the SDK's default
 * credential chain.
 */
package dev.dynamatic.it.server;
