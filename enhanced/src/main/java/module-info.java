/**
 * The Enhanced Client's models as Dynamatic item codecs: any {@code TableSchema} of the AWS SDK's DynamoDB Enhanced
 * Client (beans, immutables, static schemas) used where Dynamatic takes a codec; see
 * {@link dev.dynamatic.enhanced.EnhancedCodec}.
 */
module dev.dynamatic.enhanced {
    requires static transitive org.jspecify; // nullness annotations in the API: compile time only
    requires transitive dev.dynamatic.core;  // ItemCodec, KeySchema, TableDefinition are in our API
    requires transitive software.amazon.awssdk.enhanced.dynamodb; // TableSchema is in our API
    exports dev.dynamatic.enhanced;
}
