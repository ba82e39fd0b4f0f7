/**
 * Renders expression trees into DynamoDB's expression strings and placeholder maps, parses expression text
 * back into trees, and converts between Java values and {@code AttributeValue}.
 */
module dev.dynamatic.render {
    requires static transitive org.jspecify; // nullness annotations: compile time only, shown in the API (@Nullable)
    requires transitive dev.dynamatic.ast;
    requires transitive software.amazon.awssdk.services.dynamodb;
    requires software.amazon.awssdk.core;   // SdkBytes (B/BS values); an automatic module Maven would otherwise leave on the class path
    exports dev.dynamatic.render;
}
