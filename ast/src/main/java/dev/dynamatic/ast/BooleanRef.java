package dev.dynamatic.ast;

/** A reference to a boolean attribute. */
public final class BooleanRef extends ValueRef<Boolean> {

    /**
     * Binds a boolean reference to a path.
     *
     * @param path the attribute's path
     */
    public BooleanRef(Path path) {
        super(path, Boolean.class, Value.Type.BOOL);
    }

    @Override
    Value.Bool value(Boolean javaValue) {
        return new Value.Bool(java.util.Objects.requireNonNull(javaValue, "value is null"));
    }
}
