package dev.dynamatic.render;

import static java.util.Objects.requireNonNull;

/**
 * Expression text (or its names and values maps) that DynamoDB would reject, found before anything is sent.
 *
 * <p>The message is in the spirit of DynamoDB's own, e.g.
 * {@code Invalid UpdateExpression: Syntax error; token: "+", near: ":w + :x", offset: 16}: it names the
 * request parameter, the rule broken, the offending token, the text around it and the offset of the token.
 * The same facts are available as {@link #kind()}, {@link #token()} and {@link #offset()}.
 */
public final class ExpressionParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The request parameter the error is in. */
    public enum Kind {
        /** {@code KeyConditionExpression} (Query). */
        KEY_CONDITION("KeyConditionExpression"),
        /** {@code UpdateExpression} (UpdateItem). */
        UPDATE("UpdateExpression"),
        /** {@code ConditionExpression} (PutItem, UpdateItem, DeleteItem). */
        CONDITION("ConditionExpression"),
        /** {@code FilterExpression} (Query, Scan). */
        FILTER("FilterExpression"),
        /** {@code ProjectionExpression} (GetItem, Query, Scan). */
        PROJECTION("ProjectionExpression"),
        /** The {@code ExpressionAttributeNames} map. */
        ATTRIBUTE_NAMES("ExpressionAttributeNames"),
        /** The {@code ExpressionAttributeValues} map. */
        ATTRIBUTE_VALUES("ExpressionAttributeValues");

        private final String parameterName;

        Kind(String parameterName) {
            this.parameterName = parameterName;
        }

        /** {@return the name of the request parameter, as DynamoDB spells it, e.g. {@code UpdateExpression}} */
        public String parameterName() {
            return parameterName;
        }
    }

    /** The kind of expression (or map) at fault. */
    private final Kind kind;
    /** The char index of the offending token in the expression, or -1. */
    private final int offset;
    /** The offending token. */
    private final String token;

    ExpressionParseException(Kind kind, int offset, String token, String message) {
        super(message);
        this.kind = requireNonNull(kind, "kind is null");
        this.offset = offset;
        this.token = requireNonNull(token, "token is null");
    }

    /** {@return the request parameter the error is in} */
    public Kind kind() {
        return kind;
    }

    /**
     * {@return the zero-based char index of the offending token in the expression string}; {@code -1} when the
     * error is about a map entry ({@link Kind#ATTRIBUTE_NAMES}, {@link Kind#ATTRIBUTE_VALUES}) rather than a
     * place in an expression. At the end of the text it is the text's length.
     */
    public int offset() {
        return offset;
    }

    /**
     * {@return the offending token as written}, {@code <EOF>} when the text ended too early, or the map key
     * for an error about a map entry
     */
    public String token() {
        return token;
    }
}
