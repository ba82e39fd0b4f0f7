package dev.dynamatic.ast;

/**
 * A reference to an attribute whose Java values convert to DynamoDB values: a scalar, a boolean, a list, a map
 * or a set.
 *
 * @param <T> the type of the values the {@code Dsl} accepts for it
 */
public abstract sealed class ValueRef<T> extends Ref permits ScalarRef, BooleanRef, ListRef, MapRef, SetRef {

    ValueRef(Path path, Class<?> javaType, Value.Type type) {
        super(path, javaType, type);
    }

    /** {@return the DynamoDB value of a Java value of this reference's type} */
    abstract Value value(T javaValue);
}
