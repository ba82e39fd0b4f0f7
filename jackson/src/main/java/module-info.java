/**
 * An item codec for the caller's own classes, driven by the caller's Jackson 3 {@code ObjectMapper}: see
 * {@link dev.dynamatic.jackson.JacksonCodec}.
 */
module dev.dynamatic.jackson {
    requires static transitive org.jspecify; // nullness annotations in the API: compile time only
    requires transitive dev.dynamatic.core;
    requires transitive tools.jackson.databind; // ObjectMapper is in our API
    requires software.amazon.awssdk.core;       // SdkBytes
    exports dev.dynamatic.jackson;
}
