package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

/**
 * A reference to a number attribute; the {@code Dsl} accepts any {@link Number} for it (DynamoDB numbers have no
 * Java width), checked against DynamoDB's precision and range.
 *
 * @param <J> the Java type stored (a box for a primitive component)
 */
public final class NumberRef<J extends Number> extends ScalarRef<Number> {

    /**
     * Binds a number reference to a path.
     *
     * @param path the attribute's path
     * @param javaType a primitive number's box, {@code BigDecimal} or {@code BigInteger}
     * @throws IllegalArgumentException if the Java type is not stored as a number
     */
    public NumberRef(Path path, Class<J> javaType) {
        super(path, javaType, scalarType(path, javaType, Value.Type.N));
    }

    @Override
    Value.N value(Number javaValue) {
        return Conversions.number(requireNonNull(javaValue, "value is null"), path());
    }
}
