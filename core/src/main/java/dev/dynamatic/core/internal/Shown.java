package dev.dynamatic.core.internal;

import dev.dynamatic.ast.Redaction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How core's {@code toString()}s and its request log show an attribute value: by its DynamoDB type
 * ({@code <S>}, {@code <NULL>}) unless values were switched on with {@link Redaction}, then as the SDK prints it.
 */
public final class Shown {

    private Shown() {
    }

    /**
     * {@return the attribute value as text}: {@code <S>} while values are redacted (the default), the SDK's own
     * text of the value when {@link Redaction#showsValues()}
     *
     * @param v the value
     */
    public static String attribute(AttributeValue v) {
        return Redaction.showsValues() ? v.toString() : "<" + type(v) + ">";
    }

    /**
     * {@return the DynamoDB type's name}: {@code S}, {@code N}, …, {@code NULL}, or {@code ?} for a value without one
     *
     * @param v the value
     */
    public static String type(AttributeValue v) {
        AttributeValue.Type t = v.type();
        return t == null ? "?" : t == AttributeValue.Type.NUL ? "NULL" : t.toString();
    }
}
