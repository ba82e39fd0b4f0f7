/**
 * The consumer check as a named module: the README's examples, compiled and run with Dynamatic on the module path,
 * as a user's module gets it.
 */
module dev.dynamatic.consumer {
    requires dev.dynamatic.core;
    requires dev.dynamatic.jackson;
    requires dev.dynamatic.micrometer;
    requires dev.dynamatic.opentelemetry;
    requires dev.dynamatic.enhanced;
    // As README.md's Install section tells module users: the codecs read the examples' records and classes.
    opens com.example to dev.dynamatic.core, tools.jackson.databind, software.amazon.awssdk.enhanced.dynamodb;
    // Not what a user requires: the demo's model (the README's single-table examples use it; its package is
    // exported to this module by the build) and the local test server.
    requires dev.dynamatic.it;
}
