package dev.dynamatic.it;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.TableDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The key schema of a test table: string partition key, optional string sort key, and secondary indexes
 * with string keys.
 *
 * {@snippet :
 * TableSpec spec = TableSpec.of("pk", "sk")
 *         .withGlobalIndex("byStatus", "status", "created")
 *         .withLocalIndex("byPrice", "price");
 * }
 *
 * @param partitionKey  the partition key attribute
 * @param sortKey       the sort key attribute, if any
 * @param globalIndexes the global secondary indexes, names unique across both index lists
 * @param localIndexes  the local secondary indexes (only with a sort key)
 */
public record TableSpec(String partitionKey, Optional<String> sortKey, List<GlobalIndex> globalIndexes,
                        List<LocalIndex> localIndexes) {

    /** Validates names and copies the index lists. */
    public TableSpec {
        requireName(partitionKey, "partitionKey");
        requireNonNull(sortKey, "sortKey is null");
        sortKey.ifPresent(sk -> requireName(sk, "sortKey"));
        globalIndexes = List.copyOf(requireNonNull(globalIndexes, "globalIndexes is null"));
        localIndexes = List.copyOf(requireNonNull(localIndexes, "localIndexes is null"));
        if (!localIndexes.isEmpty() && sortKey.isEmpty()) {
            throw new IllegalArgumentException("local secondary indexes need a table sort key: " + localIndexes);
        }
        Set<String> names = new HashSet<>();
        for (String name : Stream.concat(globalIndexes.stream().map(GlobalIndex::name),
                localIndexes.stream().map(LocalIndex::name)).toList()) {
            if (!names.add(name)) {
                throw new IllegalArgumentException("duplicate index name: " + name);
            }
        }
    }

    /** {@return a table keyed by the partition key {@code pk} alone} */
    public static TableSpec of(String pk) {
        return new TableSpec(pk, Optional.empty(), List.of(), List.of());
    }

    /** {@return a table keyed by partition key {@code pk} and sort key {@code sk}} */
    public static TableSpec of(String pk, String sk) {
        return new TableSpec(pk, Optional.of(sk), List.of(), List.of());
    }

    /** {@return the spec declared by {@code annotation}} */
    public static TableSpec of(WithTable annotation) {
        TableSpec spec = new TableSpec(annotation.pk(), Optional.of(annotation.sk()).filter(s -> !s.isEmpty()),
                List.of(), List.of());
        for (WithTable.Gsi gsi : annotation.gsis()) {
            spec = gsi.sk().isEmpty()
                    ? spec.withGlobalIndex(gsi.name(), gsi.pk())
                    : spec.withGlobalIndex(gsi.name(), gsi.pk(), gsi.sk());
        }
        for (WithTable.Lsi lsi : annotation.lsis()) {
            spec = spec.withLocalIndex(lsi.name(), lsi.sk());
        }
        return spec;
    }

    /** {@return this spec plus a global secondary index keyed by {@code pk} alone} */
    public TableSpec withGlobalIndex(String name, String pk) {
        return new TableSpec(partitionKey, sortKey,
                append(globalIndexes, new GlobalIndex(name, pk, Optional.empty())), localIndexes);
    }

    /** {@return this spec plus a global secondary index keyed by {@code pk} and {@code sk}} */
    public TableSpec withGlobalIndex(String name, String pk, String sk) {
        return new TableSpec(partitionKey, sortKey,
                append(globalIndexes, new GlobalIndex(name, pk, Optional.of(sk))), localIndexes);
    }

    /** {@return this spec plus a local secondary index with sort key {@code sk}} */
    public TableSpec withLocalIndex(String name, String sk) {
        return new TableSpec(partitionKey, sortKey, globalIndexes, append(localIndexes, new LocalIndex(name, sk)));
    }

    /** {@return the key schema: table keys and every index's keys, all strings} */
    public KeySchema keySchema() {
        KeySchema schema = sortKey.map(sk -> KeySchema.of(partitionKey, sk)).orElseGet(() -> KeySchema.of(partitionKey));
        for (GlobalIndex gsi : globalIndexes) {
            schema = schema.withIndex(gsi.name(), gsi.sortKey().map(sk -> KeySchema.of(gsi.partitionKey(), sk))
                    .orElseGet(() -> KeySchema.of(gsi.partitionKey())));
        }
        for (LocalIndex lsi : localIndexes) {
            schema = schema.withIndex(lsi.name(), KeySchema.of(partitionKey, lsi.sortKey()));
        }
        return schema;
    }

    /**
     * {@return the definition of table {@code name} with this spec}: on-demand, every index projecting all
     * attributes, the local indexes declared local
     */
    public TableDefinition definition(String name) {
        TableDefinition definition = TableDefinition.of(name, keySchema());
        for (LocalIndex lsi : localIndexes) {
            definition = definition.withLocalIndex(lsi.name());
        }
        return definition;
    }

    /**
     * A global secondary index with string keys.
     *
     * @param name         the index name
     * @param partitionKey the index partition key attribute
     * @param sortKey      the index sort key attribute, if any
     */
    public record GlobalIndex(String name, String partitionKey, Optional<String> sortKey) {

        /** Validates the names. */
        public GlobalIndex {
            requireName(name, "name");
            requireName(partitionKey, "partitionKey");
            requireNonNull(sortKey, "sortKey is null");
            sortKey.ifPresent(sk -> requireName(sk, "sortKey"));
        }
    }

    /**
     * A local secondary index: the table's partition key with another string sort key.
     *
     * @param name    the index name
     * @param sortKey the index sort key attribute
     */
    public record LocalIndex(String name, String sortKey) {

        /** Validates the names. */
        public LocalIndex {
            requireName(name, "name");
            requireName(sortKey, "sortKey");
        }
    }

    private static void requireName(String name, String what) {
        requireNonNull(name, what + " is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> copy = new ArrayList<>(list);
        copy.add(element);
        return copy;
    }
}
