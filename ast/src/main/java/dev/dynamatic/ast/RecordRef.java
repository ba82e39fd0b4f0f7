package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

/**
 * A reference to a nested record, a map attribute: the base of the generated classes whose fields are the
 * references of the record's components under this one's path.
 *
 * {@snippet :
 * UpdateAction a = set(OrderAttributes.shipping.city, "Paris");   // SET shipping.city = :v
 * }
 */
public abstract non-sealed class RecordRef extends Ref {

    /**
     * Binds a record reference to a path.
     *
     * @param path the attribute's path
     * @param recordType the record class
     */
    protected RecordRef(Path path, Class<? extends Record> recordType) {
        super(path, recordType, Value.Type.M);
    }

    /**
     * {@return the path of a component of this record}: this reference's path with the attribute name as a map key
     *
     * @param attributeName the component's attribute name, taken verbatim
     */
    protected final Path component(String attributeName) {
        return path().key(requireNonNull(attributeName, "attributeName is null"));
    }
}
