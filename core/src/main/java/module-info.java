/**
 * The executor: a {@link dev.dynamatic.core.Table} over the AWS SDK v2 DynamoDB clients that renders every
 * request from expression trees and maps results back to plain data or the caller's own types.
 */
module dev.dynamatic.core {
    requires static org.jspecify; // nullness annotations: compile time only
    requires transitive dev.dynamatic.render;
    requires transitive software.amazon.awssdk.services.dynamodb;
    requires transitive io.vavr;
    requires transitive software.amazon.awssdk.core; // SdkException, in Batch.Reason.Failed
    requires software.amazon.awssdk.awscore;
    exports dev.dynamatic.core;
}
