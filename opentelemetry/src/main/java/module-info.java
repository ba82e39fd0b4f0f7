/**
 * OpenTelemetry spans and metrics for Dynamatic: {@link dev.dynamatic.opentelemetry.OpenTelemetryListener}, an
 * {@code OperationListener} following the semantic conventions for database clients and AWS DynamoDB.
 */
module dev.dynamatic.opentelemetry {
    requires static transitive org.jspecify; // nullness annotations in the API: compile time only
    requires transitive dev.dynamatic.core;
    requires transitive io.opentelemetry.api; // OpenTelemetry is in our API
    requires io.opentelemetry.context;
    exports dev.dynamatic.opentelemetry;
}
