package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * The one table from Java types to DynamoDB types, shared by typed references, the annotation processor and the
 * record codec, so that they cannot disagree.
 *
 * <p>{@code String}, enums, {@code UUID} and {@code Instant} are {@code S}; {@code boolean} and {@code Boolean}
 * are {@code BOOL}; {@code int long short byte double float}, their boxes, {@code BigDecimal} and
 * {@code BigInteger} are {@code N}; {@link Bytes} and {@code byte[]} are {@code B}. A {@code Set} of an
 * {@code S}, {@code N} or {@code B} type is {@code SS}, {@code NS} or {@code BS}; lists are {@code L}; maps with
 * string keys and records are {@code M}.
 */
public final class JavaTypes {

    private static final Map<String, Value.Type> SCALARS = Map.ofEntries(
            Map.entry("java.lang.String", Value.Type.S),
            Map.entry("java.util.UUID", Value.Type.S),
            Map.entry("java.time.Instant", Value.Type.S),
            Map.entry("boolean", Value.Type.BOOL),
            Map.entry("java.lang.Boolean", Value.Type.BOOL),
            Map.entry("int", Value.Type.N),
            Map.entry("java.lang.Integer", Value.Type.N),
            Map.entry("long", Value.Type.N),
            Map.entry("java.lang.Long", Value.Type.N),
            Map.entry("short", Value.Type.N),
            Map.entry("java.lang.Short", Value.Type.N),
            Map.entry("byte", Value.Type.N),
            Map.entry("java.lang.Byte", Value.Type.N),
            Map.entry("double", Value.Type.N),
            Map.entry("java.lang.Double", Value.Type.N),
            Map.entry("float", Value.Type.N),
            Map.entry("java.lang.Float", Value.Type.N),
            Map.entry("java.math.BigDecimal", Value.Type.N),
            Map.entry("java.math.BigInteger", Value.Type.N),
            Map.entry("dev.dynamatic.ast.Bytes", Value.Type.B),
            Map.entry("byte[]", Value.Type.B));

    private JavaTypes() {
    }

    /**
     * {@return the DynamoDB type of a scalar Java type named as {@link Class#getTypeName()} names it}, e.g.
     * {@code "long"}, {@code "java.lang.String"}, {@code "byte[]"}; empty for enums (always {@code S}) and for
     * types that are not scalars
     *
     * @param typeName the type's name
     */
    public static Optional<Value.Type> scalar(String typeName) {
        return Optional.ofNullable(SCALARS.get(requireNonNull(typeName, "typeName is null")));
    }

    /**
     * {@return the DynamoDB type of a scalar Java class, enums included}; empty for classes that are not scalars
     *
     * @param javaType the class
     */
    public static Optional<Value.Type> scalar(Class<?> javaType) {
        requireNonNull(javaType, "javaType is null");
        return javaType.isEnum() ? Optional.of(Value.Type.S) : scalar(javaType.getTypeName());
    }

    /**
     * {@return the set type holding members of the given type}: {@code SS}, {@code NS} or {@code BS}; empty for
     * other member types, which DynamoDB sets cannot hold
     *
     * @param memberType the members' DynamoDB type
     */
    public static Optional<Value.Type> setOf(Value.Type memberType) {
        return switch (requireNonNull(memberType, "memberType is null")) {
            case S -> Optional.of(Value.Type.SS);
            case N -> Optional.of(Value.Type.NS);
            case B -> Optional.of(Value.Type.BS);
            case BOOL, NULL, L, M, SS, NS, BS -> Optional.empty();
        };
    }
}
