package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

/**
 * A typed attribute reference: a document path that knows the Java type stored there and its DynamoDB type.
 *
 * <p>A reference is bound to its whole path, so the references of a nested record carry their parent's prefix
 * ({@code OrderAttributes.shipping.city} is {@code shipping.city}). The {@code Dsl} overloads that take references
 * accept only values of the reference's type, and build exactly the tree the equivalent string path builds:
 * {@code set(OrderAttributes.status, "SHIPPED")} equals {@code set(path("status"), value("SHIPPED"))}.
 * References are usually generated from records by {@code dynamatic-processor}. They are immutable.
 */
public abstract sealed class Ref permits ValueRef, RecordRef {

    private final Path path;
    private final Class<?> javaType;
    private final Value.Type type;

    Ref(Path path, Class<?> javaType, Value.Type type) {
        this.path = requireNonNull(path, "path is null");
        this.javaType = requireNonNull(javaType, "javaType is null");
        this.type = type;
    }

    /** {@return the attribute's document path} */
    public final Path path() {
        return path;
    }

    /** {@return the Java type stored at the path (a box for a primitive, {@code List} for a list)} */
    public final Class<?> javaType() {
        return javaType;
    }

    /** {@return the attribute's DynamoDB type} */
    public final Value.Type type() {
        return type;
    }

    /** {@return the path, the DynamoDB type and the Java type, e.g. {@code status: S (String)}} */
    @Override
    public String toString() {
        return path + ": " + type + " (" + javaType.getSimpleName() + ")";
    }

    /** {@return the DynamoDB type of a Java class}, failing with the class and the path if it has none */
    static Value.Type scalarType(Path path, Class<?> javaType, Value.Type expected) {
        requireNonNull(path, "path is null");
        Value.Type type = JavaTypes.scalar(requireNonNull(javaType, "javaType is null")).orElse(null);
        if (type != expected) {
            throw new IllegalArgumentException("a reference of type " + expected + " at " + path + " cannot hold "
                    + javaType.getTypeName() + (type == null ? ", which has no DynamoDB type" : ", which is " + type));
        }
        return type;
    }
}
