package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A reference to a set attribute: a string set, number set or binary set, by its members' Java type.
 *
 * @param <E> the Java type of the members
 */
public final class SetRef<E> extends ValueRef<Set<E>> {

    private final Class<?> memberType;

    /**
     * Binds a set reference to a path.
     *
     * @param path the attribute's path
     * @param memberType the members' Java type: stored as a string, a number or binary
     * @throws IllegalArgumentException if DynamoDB sets cannot hold members of that type
     */
    public SetRef(Path path, Class<E> memberType) {
        super(path, Set.class, setType(path, memberType));
        this.memberType = memberType;
    }

    private static Value.Type setType(Path path, Class<?> memberType) {
        requireNonNull(path, "path is null");
        Value.Type member = JavaTypes.scalar(requireNonNull(memberType, "memberType is null")).orElse(null);
        if (member == null || memberType == byte[].class) {
            throw new IllegalArgumentException("a set at " + path + " cannot hold " + memberType.getTypeName()
                    + "; DynamoDB sets hold strings, numbers or binary (declare Set<Bytes> for binary)");
        }
        return JavaTypes.setOf(member).orElseThrow(() -> new IllegalArgumentException("a set at " + path
                + " cannot hold " + memberType.getTypeName() + ", which is " + member
                + "; DynamoDB sets hold strings, numbers or binary"));
    }

    /** {@return the members' Java type} */
    public Class<?> memberType() {
        return memberType;
    }

    @Override
    Value value(Set<E> javaValue) {
        return Conversions.set(requireNonNull(javaValue, "value is null"), path());
    }
}
