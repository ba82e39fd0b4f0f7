package dev.dynamatic.ast;

import java.util.Collection;
import java.util.List;

/**
 * Argument checks shared by the records and the {@code Dsl}: a null collection, array or element is reported by
 * the parameter's name, and an element by its index too ({@code members[1] is null}). The checks cost nothing
 * while there is no null: the JDK's immutable copies reject nulls anyway, and the element is looked for only then.
 */
final class Checks {

    // The least text, in bytes, that a condition and its levels render to: how deep a condition can nest and still
    // fit DynamoDB's 4 KB expression limit (Limits.MAX_CONDITION_DEPTH).

    /** The shortest condition's text: {@code #n0 = :v0}. */
    static final int LEAF_BYTES = 9;
    /** The least text a NOT adds: {@code NOT (…)}. */
    static final int NOT_BYTES = 6;
    /** The least text an AND or OR adds: {@code " OR "} and a sibling condition. */
    static final int AND_OR_BYTES = 4 + LEAF_BYTES;

    private Checks() {
    }

    /**
     * {@return an immutable copy of the collection} (the collection itself if it is an immutable list already)
     *
     * @throws NullPointerException naming the parameter ({@code name is null}) or its first null element
     *         ({@code name[2] is null})
     */
    static <T> List<T> copyOf(Collection<? extends T> collection, String name) {
        if (collection == null) {
            // not requireNonNull(x, () -> ..): a lambda capturing the name would be allocated on every call
            throw new NullPointerException(name + " is null");
        }
        try {
            return List.copyOf(collection);
        } catch (NullPointerException e) {
            requireElements(collection, name); // names the null element
            throw e;
        }
    }

    /**
     * {@return the collection itself}, checked to be there and to hold no null (for a caller that copies it anyway)
     *
     * @throws NullPointerException naming the parameter or its first null element, as {@link #copyOf} does
     */
    static <C extends Collection<?>> C requireElements(C collection, String name) {
        if (collection == null) {
            throw new NullPointerException(name + " is null");
        }
        int i = 0;
        for (Object element : collection) {
            if (element == null) {
                throw new NullPointerException(name + "[" + i + "] is null");
            }
            i++;
        }
        return collection;
    }

    /**
     * {@return an immutable list of the array's elements}
     *
     * @throws NullPointerException naming the parameter or its first null element, as {@link #copyOf} does
     */
    static <T> List<T> listOf(T[] array, String name) {
        if (array == null) {
            throw new NullPointerException(name + " is null");
        }
        return listOf(array, 0, name);
    }

    /**
     * {@return an immutable list of the array's elements}, where the elements from {@code offset} on came from the
     * varargs parameter {@code name} (and the ones before it were checked already)
     *
     * @throws NullPointerException naming the first null element by its index in the parameter
     */
    static <T> List<T> listOf(T[] array, int offset, String name) {
        try {
            return List.of(array);
        } catch (NullPointerException e) {
            for (int i = offset; i < array.length; i++) {
                if (array[i] == null) {
                    throw new NullPointerException(name + "[" + (i - offset) + "] is null");
                }
            }
            throw e;
        }
    }
}
