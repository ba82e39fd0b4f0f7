package dev.dynamatic.it.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SDK clients for a {@link DynamoDbServer}, configured explicitly so that nothing is looked up in the
 * environment by accident (no instance-metadata calls, no region or credential chain, unless asked for).
 *
 * <ul>
 *   <li>{@link LocalDynamoDb}: region {@code us-east-1}, static dummy credentials.</li>
 *   <li>{@link ExternalDynamoDb}: region {@code AWS_REGION} (default {@code us-east-1}); the SDK's default
 *       credential chain if {@code DYNAMODB_CREDENTIALS=default}, static dummy credentials otherwise.</li>
 * </ul>
 *
 * <p>HTTP: the SDK's default clients that the {@code dynamodb} artifact brings (Apache 5 for sync, Netty for
 * async). Every call gives up after {@link #API_CALL_TIMEOUT}, so that a hung server fails a test instead of
 * stalling the build.
 */
public final class DynamoDbClients {

    /** Region used with local engines, and with an external endpoint when {@code AWS_REGION} is unset. */
    public static final Region DEFAULT_REGION = Region.US_EAST_1;

    /** Environment variable: {@code default} makes external-endpoint clients use the default credential chain. */
    public static final String CREDENTIALS_VARIABLE = "DYNAMODB_CREDENTIALS";

    /** Upper bound of one SDK call, retries included. */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);

    private static final AwsCredentialsProvider DUMMY_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("dynamatic", "dynamatic"));

    private DynamoDbClients() {
    }

    /** {@return a new synchronous client for {@code server}; the caller closes it} */
    public static DynamoDbClient sync(DynamoDbServer server) {
        requireNonNull(server, "server is null");
        return DynamoDbClient.builder()
                .endpointOverride(server.endpoint())
                .region(region(server))
                .credentialsProvider(credentials(server))
                .overrideConfiguration(overrides())
                .build();
    }

    /** {@return a new asynchronous client for {@code server}; the caller closes it} */
    public static DynamoDbAsyncClient async(DynamoDbServer server) {
        requireNonNull(server, "server is null");
        return DynamoDbAsyncClient.builder()
                .endpointOverride(server.endpoint())
                .region(region(server))
                .credentialsProvider(credentials(server))
                .overrideConfiguration(overrides())
                .build();
    }

    /** {@return the region clients for {@code server} sign requests for} */
    public static Region region(DynamoDbServer server) {
        return switch (server) {
            case LocalDynamoDb local -> DEFAULT_REGION;
            case ExternalDynamoDb external ->
                    Engine.nonBlank(System.getenv("AWS_REGION")).map(Region::of).orElse(DEFAULT_REGION);
        };
    }

    /** {@return the credentials clients for {@code server} sign requests with} */
    public static AwsCredentialsProvider credentials(DynamoDbServer server) {
        return switch (server) {
            case LocalDynamoDb local -> DUMMY_CREDENTIALS;
            case ExternalDynamoDb external ->
                    Engine.nonBlank(System.getenv(CREDENTIALS_VARIABLE)).filter("default"::equals).isPresent()
                            ? DefaultCredentialsProvider.builder().build()
                            : DUMMY_CREDENTIALS;
        };
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(API_CALL_TIMEOUT).build();
    }
}
