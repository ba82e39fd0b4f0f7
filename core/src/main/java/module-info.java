/**
 * The executor: {@link dev.dynamatic.core.Table} and its companions over the AWS SDK v2 DynamoDB clients, rendering
 * every request from expression trees and mapping results back to plain data or the caller's own types; and
 * {@code dev.dynamatic.core.entity}, the single-table toolkit. {@code dev.dynamatic.core.internal} (request
 * assembly, the retrier, the batch runner, cursors) is not exported.
 */
module dev.dynamatic.core {
    requires static transitive org.jspecify; // nullness annotations in the API: compile time only
    requires transitive dev.dynamatic.render;
    requires transitive software.amazon.awssdk.services.dynamodb;
    requires transitive io.vavr;
    requires transitive software.amazon.awssdk.core; // SdkException, in BatchReason.Failed
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.retries.api; // BackoffStrategy, for the table waiter of TableDefinition
    exports dev.dynamatic.core;
    exports dev.dynamatic.core.entity;
}
