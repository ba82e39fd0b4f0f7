package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which attributes a secondary index holds besides the keys (DynamoDB's {@code Projection}): all of them, none, or
 * the ones named. Part of a {@link TableDefinition}; an index projects {@linkplain #all() all} attributes unless the
 * definition says otherwise.
 *
 * {@snippet :
 * TableDefinition shop = TableDefinition.of("Shop", KEYS)
 *         .withProjection("GSI1", IndexProjection.include("status", "total"))
 *         .withProjection("GSI2", IndexProjection.keysOnly());
 * }
 */
public sealed interface IndexProjection permits IndexProjection.All, IndexProjection.KeysOnly, IndexProjection.Include {

    /** {@return the projection of every attribute ({@code ALL})} */
    static IndexProjection all() {
        return new All();
    }

    /** {@return the projection of the table's and the index's key attributes only ({@code KEYS_ONLY})} */
    static IndexProjection keysOnly() {
        return new KeysOnly();
    }

    /**
     * {@return the projection of the key attributes and the named ones ({@code INCLUDE})}
     *
     * @param attributes the non-key attributes the index holds, at least one
     * @throws IllegalArgumentException if there are none, or a name is empty
     */
    static IndexProjection include(String... attributes) {
        return new Include(new LinkedHashSet<>(Arrays.asList(requireNonNull(attributes, "attributes is null"))));
    }

    /**
     * {@return the projection of the key attributes and the named ones ({@code INCLUDE})}
     *
     * @param attributes the non-key attributes the index holds, at least one
     * @throws IllegalArgumentException as for {@link #include(String...)}
     */
    static IndexProjection include(Collection<String> attributes) {
        return new Include(new LinkedHashSet<>(requireNonNull(attributes, "attributes is null")));
    }

    /** Every attribute of the item ({@code ALL}). */
    record All() implements IndexProjection {
        /** {@return {@code ALL}} */
        @Override
        public String toString() {
            return "ALL";
        }
    }

    /** The table's and the index's key attributes only ({@code KEYS_ONLY}). */
    record KeysOnly() implements IndexProjection {
        /** {@return {@code KEYS_ONLY}} */
        @Override
        public String toString() {
            return "KEYS_ONLY";
        }
    }

    /**
     * The key attributes and the named non-key attributes ({@code INCLUDE}).
     *
     * @param attributes the non-key attributes, at least one, in the order given; equal as sets
     */
    record Include(Set<String> attributes) implements IndexProjection {
        /** Checks the names and copies them. */
        public Include {
            requireNonNull(attributes, "attributes is null");
            if (attributes.isEmpty()) {
                throw new IllegalArgumentException("an INCLUDE projection names at least one attribute; project no"
                        + " other attribute with keysOnly()");
            }
            for (String name : attributes) {
                requireNonNull(name, "an attribute name is null");
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("a projected attribute name is empty");
                }
            }
            attributes = Collections.unmodifiableSet(new LinkedHashSet<>(attributes));
        }

        /** {@return {@code INCLUDE} and the attribute names} */
        @Override
        public String toString() {
            return "INCLUDE" + attributes;
        }
    }
}
