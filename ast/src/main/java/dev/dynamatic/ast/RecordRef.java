package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

/**
 * A reference to a nested record or class stored as a map attribute: the base of the generated classes whose fields
 * are the references of its components (or, for a class, of its fields) under this one's path.
 *
 * {@snippet :
 * UpdateAction a = set(OrderAttributes.shipping.city, "Paris");   // SET shipping.city = :v
 * }
 */
public abstract non-sealed class RecordRef extends Ref {

    /**
     * Binds a reference to a path.
     *
     * @param path the attribute's path
     * @param type the record or class stored there, as a map; {@link #javaType()} returns it
     */
    protected RecordRef(Path path, Class<?> type) {
        super(path, type, Value.Type.M);
    }

    /**
     * {@return the path of a component (or field) of the record or class}: this reference's path with the attribute
     * name as a map key
     *
     * @param attributeName the component's (or field's) attribute name, taken verbatim
     */
    protected final Path component(String attributeName) {
        return path().key(requireNonNull(attributeName, "attributeName is null"));
    }
}
