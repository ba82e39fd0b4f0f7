package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

/** A reference to a binary attribute ({@link Bytes} or {@code byte[]} in Java); the {@code Dsl} takes {@link Bytes}. */
public final class BinaryRef extends ScalarRef<Bytes> {

    /**
     * Binds a binary reference to a path.
     *
     * @param path the attribute's path
     * @param javaType {@code Bytes} or {@code byte[]}
     * @throws IllegalArgumentException if the Java type is not stored as binary
     */
    public BinaryRef(Path path, Class<?> javaType) {
        super(path, javaType, scalarType(path, javaType, Value.Type.B));
    }

    @Override
    Value.B value(Bytes javaValue) {
        return new Value.B(requireNonNull(javaValue, "value is null"));
    }
}
