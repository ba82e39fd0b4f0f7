/**
 * Micrometer meters for Dynamatic: {@link dev.dynamatic.micrometer.MicrometerListener}, an
 * {@code OperationListener} that records each operation and attempt in a {@code MeterRegistry}.
 */
module dev.dynamatic.micrometer {
    requires static transitive org.jspecify; // nullness annotations in the API: compile time only
    requires transitive dev.dynamatic.core;
    requires transitive micrometer.core; // MeterRegistry is in our API
    exports dev.dynamatic.micrometer;
}
