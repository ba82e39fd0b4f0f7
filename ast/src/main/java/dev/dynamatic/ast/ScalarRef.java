package dev.dynamatic.ast;

/**
 * A reference to a string, number or binary attribute: the types DynamoDB orders, compares with
 * {@code < <= > >= BETWEEN} and keys on.
 *
 * @param <T> the type of the values the {@code Dsl} accepts for it
 */
public abstract sealed class ScalarRef<T> extends ValueRef<T> permits StringRef, NumberRef, BinaryRef {

    ScalarRef(Path path, Class<?> javaType, Value.Type type) {
        super(path, javaType, type);
    }
}
