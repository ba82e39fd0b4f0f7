package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

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
        // the common cases, as value(int) and value(long) build them, without the general type switch
        if (javaValue instanceof Integer i) {
            return new Value.N(BigDecimal.valueOf(i.longValue()));
        }
        if (javaValue instanceof Long l) {
            return new Value.N(BigDecimal.valueOf(l.longValue()));
        }
        return Conversions.number(requireNonNull(javaValue, "value is null"), path());
    }
}
