package dev.dynamatic.ast;

import java.math.BigDecimal;

/**
 * DynamoDB's limits, every one the library checks, in one place.
 *
 * <p>Each constant names where DynamoDB documents it: a section of the Developer Guide's page
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html">Constraints in
 * Amazon DynamoDB</a> (called "Service, account, and table quotas in Amazon DynamoDB" in earlier editions), or a
 * parameter of the <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/">API Reference</a>.
 * Sizes use DynamoDB's binary units (1 KB = 1,024 bytes, 1 MB = 1,024 KB) and count UTF-8 bytes.
 *
 * {@snippet :
 * if (token.length() > Limits.MAX_CLIENT_REQUEST_TOKEN_LENGTH) {
 *     throw new IllegalArgumentException("the token is longer than DynamoDB allows");
 * }
 * }
 */
public final class Limits {

    // ---- expression parameters (Constraints, "Expression parameters")

    /**
     * The longest expression string, in bytes (4 KB): each of {@code KeyConditionExpression},
     * {@code UpdateExpression}, {@code ConditionExpression}, {@code FilterExpression} and
     * {@code ProjectionExpression}. Source: Constraints, "Expression parameters", "Lengths".
     */
    public static final int MAX_EXPRESSION_BYTES = 4 * 1024;

    /**
     * The longest expression attribute name or value placeholder, in bytes ({@code #name} is 5 bytes,
     * {@code :val} 4). Source: Constraints, "Expression parameters", "Lengths".
     */
    public static final int MAX_PLACEHOLDER_BYTES = 255;

    /**
     * The most bytes of names and values substituted into one request's expressions (2 MB): the sum of the
     * lengths of all {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues}. Source:
     * Constraints, "Expression parameters", "Lengths".
     */
    public static final int MAX_SUBSTITUTION_BYTES = 2 * 1024 * 1024;

    /**
     * The most operators and functions in one {@code UpdateExpression} ({@code SET a = :x + :y + :z} has two).
     * Source: Constraints, "Expression parameters", "Operators and operands".
     */
    public static final int MAX_UPDATE_OPERATORS = 300;

    /**
     * The most candidates of one {@code IN} comparison (DynamoDB: "operands for the {@code IN} comparator").
     * Source: Constraints, "Expression parameters", "Operators and operands".
     */
    public static final int MAX_IN_OPERANDS = 100;

    // ---- nesting of expression trees (derived from MAX_EXPRESSION_BYTES)

    /**
     * How deep conditions nest: at most this many levels of {@code NOT}, fewer of {@code AND} and {@code OR}.
     * Derived from {@link #MAX_EXPRESSION_BYTES} (4 KB) and the least text each level adds to the rendering: 6 bytes
     * for a {@code NOT} ({@code NOT (…)}), 13 for an {@code AND} or {@code OR} ({@code " OR "} and a sibling
     * condition), above the shortest condition ({@code #n0 = :v0}, 9 bytes). A condition whose deepest path adds up
     * to more than 4 KB this way could never be sent, and is rejected when it is built: 681 {@code NOT}s fit
     * (9 + 6 × 681 = 4,095 bytes), and 314 {@code AND}s and {@code OR}s (9 + 13 × 314 = 4,091). So no walk over a
     * tree (rendering, {@code equals}, {@code hashCode}, {@code toString}) can exhaust the stack.
     */
    public static final int MAX_CONDITION_DEPTH = 681;

    /**
     * How deep the operands of a {@code SET} value nest: {@code if_not_exists} and {@code list_append} stacked at
     * most this many levels above a path or value. Derived from {@link #MAX_EXPRESSION_BYTES} (4 KB): each level
     * adds at least 18 bytes ({@code list_append(…, :v0)}; {@code if_not_exists(#n0, …)} adds 20), the shortest
     * operand ({@code :v0}) is 3 bytes and the action around it ({@code SET #n0 = }) 10, so
     * 10 + 3 + 18 × 226 = 4,081 bytes is as deep as an update DynamoDB accepts can nest (the
     * {@value #MAX_UPDATE_OPERATORS} operators and functions of {@link #MAX_UPDATE_OPERATORS} allow more). A deeper
     * operand is rejected when it is built.
     */
    public static final int MAX_OPERAND_DEPTH = 226;

    // ---- attributes and items (Constraints, "Attributes", "Items", "Naming rules", "Partition keys and sort keys")

    /**
     * How deep documents nest: a list or map value holds lists and maps at most this many levels deep, and a
     * document path has at most this many segments. Source: Constraints, "Attributes", "Nested attribute
     * depth" ("nested attributes up to 32 levels deep").
     */
    public static final int MAX_NESTING = 32;

    /**
     * The largest item, in bytes (400 KB), attribute names (UTF-8) and values together. Source: Constraints,
     * "Items", "Item size".
     */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    /**
     * The longest attribute name, in bytes (64 KB; the API Reference gives a maximum length of 65,535).
     * Source: Constraints, "Naming rules", "Attribute names", and the API Reference's {@code AttributeValue}
     * map key constraint.
     */
    public static final int MAX_ATTRIBUTE_NAME_BYTES = 65_535;

    /**
     * The longest name, in bytes, of a key attribute (of a table or an index) and of an attribute projected
     * into a local secondary index ({@code NonKeyAttributes}). Source: Constraints, "Naming rules", "Attribute
     * names", and the API Reference's {@code KeySchemaElement} ({@code AttributeName} at most 255).
     */
    public static final int MAX_KEY_ATTRIBUTE_NAME_BYTES = 255;

    /**
     * The longest partition key value, in bytes (the shortest is 1). Source: Constraints, "Partition keys and
     * sort keys", "Partition key length".
     */
    public static final int MAX_PARTITION_KEY_BYTES = 2048;

    /**
     * The longest sort key value, in bytes (the shortest is 1). Source: Constraints, "Partition keys and sort
     * keys", "Sort key length".
     */
    public static final int MAX_SORT_KEY_BYTES = 1024;

    // ---- numbers (Constraints, "Data types", "Number")

    /** The most significant digits of a number ("up to 38 digits of precision"). Source: Constraints, "Data types", "Number". */
    public static final int MAX_NUMBER_DIGITS = 38;

    /**
     * The smallest magnitude of a number other than zero, {@code 1E-130} (inclusive). Source: Constraints,
     * "Data types", "Number" (positive range {@code 1E-130} to {@code 9.9999999999999999999999999999999999999E+125}).
     */
    public static final BigDecimal MIN_NUMBER_MAGNITUDE = new BigDecimal("1E-130");

    /**
     * The largest magnitude of a number, {@code 9.9999999999999999999999999999999999999E+125} (inclusive): with
     * at most {@value #MAX_NUMBER_DIGITS} digits, every number is below {@code 1E+126}. Source: Constraints,
     * "Data types", "Number".
     */
    public static final BigDecimal MAX_NUMBER_MAGNITUDE = new BigDecimal("9.9999999999999999999999999999999999999E+125");

    /**
     * The smallest decimal exponent of a number's leading digit ({@code d.ddd×10^e}): the bound of
     * {@link #MIN_NUMBER_MAGNITUDE}, as an exponent. Source: Constraints, "Data types", "Number".
     */
    public static final int MIN_NUMBER_EXPONENT = -130;

    /**
     * The largest decimal exponent of a number's leading digit ({@code d.ddd×10^e}): the bound of
     * {@link #MAX_NUMBER_MAGNITUDE}, as an exponent. Source: Constraints, "Data types", "Number".
     */
    public static final int MAX_NUMBER_EXPONENT = 125;

    // ---- operations (Constraints, "API-specific constraints", "DynamoDB transactions"; API Reference)

    /** The most keys one {@code BatchGetItem} request reads. Source: Constraints, "API-specific constraints", "BatchGetItem". */
    public static final int MAX_BATCH_GET_KEYS = 100;

    /**
     * The most bytes of items one {@code BatchGetItem} returns (16 MB; DynamoDB returns the rest as
     * {@code UnprocessedKeys}). Source: Constraints, "API-specific constraints", "BatchGetItem".
     */
    public static final int MAX_BATCH_GET_BYTES = 16 * 1024 * 1024;

    /**
     * The most put and delete requests in one {@code BatchWriteItem}. Source: Constraints, "API-specific
     * constraints", "BatchWriteItem".
     */
    public static final int MAX_BATCH_WRITE_REQUESTS = 25;

    /**
     * The most bytes of items one {@code BatchWriteItem} writes (16 MB). Source: Constraints, "API-specific
     * constraints", "BatchWriteItem".
     */
    public static final int MAX_BATCH_WRITE_BYTES = 16 * 1024 * 1024;

    /**
     * The most actions (distinct items) in one transaction, {@code TransactWriteItems} or
     * {@code TransactGetItems}. Source: Constraints, "DynamoDB transactions".
     */
    public static final int MAX_TRANSACTION_ACTIONS = 100;

    /** The most bytes of data in one transaction (4 MB). Source: Constraints, "DynamoDB transactions". */
    public static final int MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;

    /**
     * The longest {@code ClientRequestToken} of a {@code TransactWriteItems}, in characters (the shortest is 1).
     * Source: API Reference, {@code TransactWriteItems}, request parameter {@code ClientRequestToken}.
     */
    public static final int MAX_CLIENT_REQUEST_TOKEN_LENGTH = 36;

    /**
     * The most segments of a parallel scan ({@code TotalSegments} from 1 to this). Source: API Reference,
     * {@code Scan}, request parameter {@code TotalSegments}.
     */
    public static final int MAX_TOTAL_SEGMENTS = 1_000_000;

    private Limits() {
    }
}
