package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

/**
 * A reference to a string attribute holding a {@code String}, an enum ({@code name()}), a {@code UUID} or an
 * {@code Instant} (fixed-width ISO-8601 UTC text).
 *
 * @param <T> the Java type stored
 */
public final class StringRef<T> extends ScalarRef<T> {

    /**
     * Binds a string reference to a path.
     *
     * @param path the attribute's path
     * @param javaType {@code String}, an enum, {@code UUID} or {@code Instant}
     * @throws IllegalArgumentException if the Java type is not stored as a string
     */
    public StringRef(Path path, Class<T> javaType) {
        super(path, javaType, scalarType(path, javaType, Value.Type.S));
    }

    @Override
    Value value(T javaValue) {
        return Conversions.toValue(requireNonNull(javaValue, "value is null"), path());
    }
}
