package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.Value;
import java.nio.charset.StandardCharsets;

/**
 * One key attribute of a table or index: its name and its DynamoDB type, {@code S}, {@code N} or {@code B}
 * (DynamoDB's {@code AttributeDefinition}).
 *
 * {@snippet :
 * KeySchema events = KeySchema.of(KeyAttribute.string("deviceId"), KeyAttribute.number("timestamp"));
 * }
 *
 * @param name the attribute name, 1 to 255 bytes of UTF-8 (DynamoDB's limit for key attribute names)
 * @param type {@code S}, {@code N} or {@code B}
 */
public record KeyAttribute(String name, Value.Type type) {

    /** Checks the name is 1 to 255 bytes and the type a scalar one. */
    public KeyAttribute {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("key attribute name is empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > Limits.MAX_KEY_ATTRIBUTE_NAME_BYTES) {
            throw new IllegalArgumentException("key attribute name of " + bytes + " bytes; DynamoDB allows "
                    + Limits.MAX_KEY_ATTRIBUTE_NAME_BYTES + " for key attribute names");
        }
        if (!type.isScalar()) {
            throw new IllegalArgumentException("key attribute \"" + name + "\" has type " + type
                    + "; a key attribute is S, N or B");
        }
    }

    /**
     * {@return a string (S) key attribute}
     *
     * @param name the attribute name
     */
    public static KeyAttribute string(String name) {
        return new KeyAttribute(name, Value.Type.S);
    }

    /**
     * {@return a number (N) key attribute}
     *
     * @param name the attribute name
     */
    public static KeyAttribute number(String name) {
        return new KeyAttribute(name, Value.Type.N);
    }

    /**
     * {@return a binary (B) key attribute}
     *
     * @param name the attribute name
     */
    public static KeyAttribute binary(String name) {
        return new KeyAttribute(name, Value.Type.B);
    }

    /** {@return the name and type, e.g. {@code PK:S}} */
    @Override
    public String toString() {
        return name + ":" + type;
    }
}
