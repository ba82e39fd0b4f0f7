/**
 * Dynamatic's integration-test infrastructure: DynamoDB-compatible servers started on 127.0.0.1 and SDK
 * clients for them, used by the {@code *IT} suites and the runnable demo.
 */
open module dev.dynamatic.it {
    requires dev.dynamatic.core;
    requires dev.dynamatic.jackson; // JacksonIT
    requires dev.dynamatic.micrometer; // MicrometerIT
    requires dev.dynamatic.opentelemetry; // OpenTelemetryIT
    requires io.opentelemetry.sdk.testing; // OpenTelemetryIT's in-memory exporters (and, automatic, the SDK)
    requires dev.dynamatic.enhanced; // EnhancedIT
    requires transitive software.amazon.awssdk.services.dynamodb; // DynamoDbClient is in our API
    requires transitive software.amazon.awssdk.auth;    // AwsCredentialsProvider, in DynamoDbClients
    requires transitive software.amazon.awssdk.regions; // Region, in DynamoDbClients
    requires software.amazon.awssdk.core;

    exports dev.dynamatic.it.server;
}
