package dev.dynamatic.core.internal;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.core.ConditionCheck;
import dev.dynamatic.core.DeleteItem;
import dev.dynamatic.core.GetItem;
import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.Scan;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.render.Rendered;
import dev.dynamatic.render.Renderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The one place a request is assembled: for one table, each operation's parts (table, key, item, rendered
 * expressions) are checked, rendered and logged once, and each front-end applies them to its own SDK builder —
 * a single-item request, a transaction action, a batch entry. Front-ends apply the spec's customizer themselves.
 *
 * <p>Immutable and thread-safe.
 */
public final class Requests {

    private final String table;
    private final KeySchema schema;
    /** The table's key attribute names, partition key first. */
    private final List<String> keyNames;

    private Requests(String table, KeySchema schema) {
        this.table = table;
        this.schema = schema;
        this.keyNames = schema.names();
    }

    /** {@return the request assembly of one table} */
    public static Requests of(String table, KeySchema schema) {
        requireNonNull(table, "name is null");
        requireNonNull(schema, "schema is null");
        if (table.isEmpty()) {
            throw new IllegalArgumentException("table name is empty");
        }
        return new Requests(table, schema);
    }

    /** {@return the table name} */
    public String table() {
        return table;
    }

    /** {@return the table's key schema} */
    public KeySchema schema() {
        return schema;
    }

    // ---- keys

    /** {@return the key as attributes, checked against the schema, errors naming the table} */
    public Map<String, AttributeValue> key(Key key) {
        Map<String, AttributeValue> attributes;
        try {
            attributes = schema.attributesOf(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("table " + table + ": " + e.getMessage(), e);
        }
        ItemChecks.checkKey(table, schema, attributes);
        return attributes;
    }

    /**
     * {@return the item's key attributes}, after checking the item as DynamoDB would: key attributes present, of
     * their declared types, not empty and within the size limits; index key attributes of their types and not
     * empty; the item not larger than 400 KB; its strings valid UTF-16 (see {@link ItemChecks})
     *
     * @throws IllegalArgumentException naming the table and the attribute otherwise
     */
    public Map<String, AttributeValue> keyOfItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = LinkedHashMap.newLinkedHashMap(keyNames.size());
        for (String name : keyNames) {
            AttributeValue v = item.get(name);
            if (v == null) {
                throw new IllegalArgumentException("item for table " + table + " lacks its key attribute \"" + name + "\"");
            }
            key.put(name, v);
        }
        ItemChecks.checkItem(table, schema, item);
        return key;
    }

    // ---- single-item operations

    /** What a GetItem (or a transaction's Get) sends. */
    public record GetParts(String table, Map<String, AttributeValue> key, @Nullable Rendered rendered,
                           boolean consistentRead) {
        /** {@return the builder with every part set} */
        public GetItemRequest.Builder applyTo(GetItemRequest.Builder b) {
            b.tableName(table).key(key);
            if (consistentRead) {
                b.consistentRead(Boolean.TRUE);
            }
            if (rendered != null) {
                rendered.applyTo(b);
            }
            return b;
        }

        /** {@return the transaction builder with every part set} */
        public Get.Builder applyTo(Get.Builder b) {
            b.tableName(table).key(key);
            if (rendered != null) {
                rendered.applyTo(b);
            }
            return b;
        }
    }

    /** {@return the parts of a get} */
    public GetParts get(GetItem g) {
        return new GetParts(table, key(g.key()),
                g.projection().map(Renderer::projection).orElse(null), g.consistentRead());
    }

    /** {@return the parts of a transaction's read} */
    public GetParts get(Key key, Optional<Projection> projection) {
        return new GetParts(table, key(key),
                projection.map(Renderer::projection).orElse(null), false);
    }

    /** What a PutItem (or a transaction's Put) sends. */
    public record PutParts(String table, Map<String, AttributeValue> item, Map<String, AttributeValue> key,
                           @Nullable Rendered rendered, boolean returnOld) {
        /** {@return the builder with every part set} */
        public PutItemRequest.Builder applyTo(PutItemRequest.Builder b) {
            b.tableName(table).item(item);
            if (rendered != null) {
                rendered.applyTo(b);
                b.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            }
            if (returnOld) {
                b.returnValues(ReturnValue.ALL_OLD);
            }
            return b;
        }

        /** {@return the transaction action} */
        public TransactWriteItem transactItem() {
            Put.Builder b = Put.builder().tableName(table).item(item);
            if (rendered != null) {
                rendered.applyTo(b);
                b.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            }
            return TransactWriteItem.builder().put(b.build()).build();
        }

        /** {@return the bytes this action adds to a transaction: the item and the expression values} */
        public long size() {
            return ItemIds.size(item) + values(rendered);
        }
    }

    /**
     * {@return the parts of a put}: the item encoded by the put's codec now, the codec's and then the put's
     * behaviours applied (once: this is the write's stamp), its key checked
     */
    public <T> PutParts put(PutItem<T> p) {
        BehaviourWrites.Put stamped = BehaviourWrites.put(p.codec().encode(p.item()), p.condition(),
                p.codec().behaviours().and(p.behaviours()));
        Map<String, AttributeValue> item = stamped.item();
        Map<String, AttributeValue> key = keyOfItem(item);
        return new PutParts(table, item, key, stamped.condition().map(Renderer::condition).orElse(null),
                p.returnOld());
    }

    /**
     * {@return the item of a batch put}: encoded by the codec now, its behaviours applied
     *
     * @throws IllegalArgumentException if the codec's behaviours keep a creation time, which needs a condition
     */
    public <T> Map<String, AttributeValue> batchItem(T value, ItemCodec<T> codec) {
        return BehaviourWrites.batchPut(table, codec.encode(value), codec.behaviours());
    }

    /** What an UpdateItem (or a transaction's Update) sends. */
    public record UpdateParts(String table, Map<String, AttributeValue> key, Rendered rendered, boolean conditional,
                              ReturnValue returnValues) {
        /** {@return the builder with every part set} */
        public UpdateItemRequest.Builder applyTo(UpdateItemRequest.Builder b) {
            rendered.applyTo(b.tableName(table).key(key));
            if (conditional) {
                b.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            }
            if (returnValues != ReturnValue.NONE) {
                b.returnValues(returnValues);
            }
            return b;
        }

        /** {@return the transaction action} */
        public TransactWriteItem transactItem() {
            Update.Builder b = Update.builder().tableName(table).key(key);
            rendered.applyTo(b);
            if (conditional) {
                b.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            }
            return TransactWriteItem.builder().update(b.build()).build();
        }

        /** {@return the bytes this action adds to a transaction: the key and the expression values} */
        public long size() {
            return ItemIds.size(key) + values(rendered);
        }
    }

    /**
     * {@return the parts of an update}
     *
     * @throws IllegalArgumentException if an action touches a key attribute of the table
     */
    public UpdateParts update(UpdateItem u) {
        dev.dynamatic.ast.Update actions = BehaviourWrites.update(table, u.update(), u.behaviours(), keyNames);
        for (UpdateAction a : actions.actions()) {
            // DynamoDB rejects any action on a primary-key attribute ("This attribute is part of the key").
            if (keyNames.contains(a.path().attributeName())) {
                throw new IllegalArgumentException("UpdateItem on table " + table + ": \"" + a.path().attributeName()
                        + "\" is part of the table's key and cannot be updated (delete the item and put a new one)");
            }
        }
        Rendered r = u.condition().isPresent() ? Renderer.update(actions, u.condition().get())
                : Renderer.update(actions);
        return new UpdateParts(table, key(u.key()), r, u.condition().isPresent(), u.returnValues());
    }

    /** What a DeleteItem (or a transaction's Delete) sends. */
    public record DeleteParts(String table, Map<String, AttributeValue> key, @Nullable Rendered rendered,
                              boolean returnOld) {
        /** {@return the builder with every part set} */
        public DeleteItemRequest.Builder applyTo(DeleteItemRequest.Builder b) {
            b.tableName(table).key(key);
            if (rendered != null) {
                rendered.applyTo(b);
                b.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            }
            if (returnOld) {
                b.returnValues(ReturnValue.ALL_OLD);
            }
            return b;
        }

        /** {@return the transaction action} */
        public TransactWriteItem transactItem() {
            Delete.Builder b = Delete.builder().tableName(table).key(key);
            if (rendered != null) {
                rendered.applyTo(b);
                b.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            }
            return TransactWriteItem.builder().delete(b.build()).build();
        }

        /** {@return the bytes this action adds to a transaction: the key and the expression values} */
        public long size() {
            return ItemIds.size(key) + values(rendered);
        }
    }

    /** {@return the parts of a delete} */
    public DeleteParts delete(DeleteItem d) {
        return new DeleteParts(table, key(d.key()),
                d.condition().map(Renderer::condition).orElse(null), d.returnOld());
    }

    /** What a transaction's ConditionCheck sends. */
    public record CheckParts(String table, Map<String, AttributeValue> key, Rendered rendered) {
        /** {@return the transaction action} */
        public TransactWriteItem transactItem() {
            software.amazon.awssdk.services.dynamodb.model.ConditionCheck.Builder b =
                    software.amazon.awssdk.services.dynamodb.model.ConditionCheck.builder().tableName(table).key(key)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            rendered.applyTo(b);
            return TransactWriteItem.builder().conditionCheck(b.build()).build();
        }

        /** {@return the bytes this action adds to a transaction: the key and the expression values} */
        public long size() {
            return ItemIds.size(key) + values(rendered);
        }
    }

    /** {@return the parts of a condition check} */
    public CheckParts check(ConditionCheck c) {
        return new CheckParts(table, key(c.key()), Renderer.condition(c.condition()));
    }

    private static long values(@Nullable Rendered r) {
        return r == null ? 0 : ItemIds.size(r.values());
    }

    // ---- queries and scans

    /** Builds one page's request: from where (an exclusive start key, or null) and how many items are still wanted. */
    @FunctionalInterface
    public interface PageRequest<B> {
        /** {@return the request for the next page} */
        B page(@Nullable Map<String, AttributeValue> exclusiveStart, long remaining);
    }

    /**
     * A query or scan ready to page: each page's request, the key names a cursor records, the attributes added to
     * the projection for the cursor (removed again before decoding), the start key.
     *
     * @param page each page's request
     * @param keyNames the key attributes a cursor records: the table's, then the index's
     * @param added key attributes the projection lacked, added for the cursor, to strip before decoding
     * @param startKey where the first page starts, or null for the beginning
     * @param limit the most items wanted in all ({@code Long.MAX_VALUE} without a limit)
     * @param <B> the SDK request type
     */
    public record Plan<B>(PageRequest<B> page, List<String> keyNames, Set<String> added,
                          @Nullable Map<String, AttributeValue> startKey, long limit) {

        /** {@return the item as the caller's codec should see it: without the attributes added for the cursor} */
        public Map<String, AttributeValue> strip(Map<String, AttributeValue> item) {
            if (added.isEmpty()) {
                return item;
            }
            Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
            copy.keySet().removeAll(added);
            return copy;
        }
    }

    /**
     * {@return the query ready to page}; with {@code count}, {@code Select=COUNT} and no projection
     *
     * @throws IllegalArgumentException if the key condition does not name the table's (or index's) keys, the index
     *                                  is unknown, or the cursor is not one of this table or index
     */
    public Plan<QueryRequest> query(Query q, boolean count) {
        Optional<String> index = q.index();
        KeySchema keys = index.map(schema::index).orElse(schema);
        checkKeyCondition(q.keyCondition(), keys, index);
        // the key values against the key types (a number for a string key; begins_with on a number sort key)
        keys.keyTypes().check(q.keyCondition());
        // "A filter expression cannot contain partition key or sort key attributes" (Developer Guide, Query).
        q.filter().flatMap(f -> Conditions.firstNamed(f, Set.copyOf(keys.names()))).ifPresent(k -> {
            throw new IllegalArgumentException("Query on " + where(index) + ": the filter reads the key attribute \""
                    + k + "\"; DynamoDB takes key attributes only in the key condition");
        });
        List<String> names = keyNames(index);
        Projection asked = count ? null : q.projection().orElse(null);
        Set<String> added = asked == null ? Set.of() : missingKeys(asked, names);
        Optional<Projection> projection = Optional.ofNullable(withKeys(asked, added));
        Rendered r = Renderer.query(q.keyCondition(), q.filter(), projection);
        Map<String, AttributeValue> start = q.startAfter().map(c -> startKey(c, names, index)).orElse(null);
        String indexName = index.orElse(null);
        boolean filtered = q.filter().isPresent();
        OptionalInt pageSize = q.pageSize();
        PageRequest<QueryRequest> page = (exclusiveStart, remaining) -> {
            QueryRequest.Builder b = QueryRequest.builder().tableName(table);
            r.applyTo(b);
            if (indexName != null) {
                b.indexName(indexName);
            }
            if (q.descending()) {
                b.scanIndexForward(false);
            }
            if (q.consistentRead()) {
                b.consistentRead(true);
            }
            if (count) {
                b.select(Select.COUNT);
            }
            Integer limit = pageLimit(pageSize, remaining, filtered);
            if (limit != null) {
                b.limit(limit);
            }
            if (exclusiveStart != null) {
                b.exclusiveStartKey(exclusiveStart);
            }
            q.customizer().ifPresent(c -> c.accept(b));
            return b.build();
        };
        return new Plan<>(page, names, added, start, limit(q.limit()));
    }

    /**
     * {@return the scan ready to page}; with {@code count}, {@code Select=COUNT} and no projection
     *
     * @throws IllegalArgumentException if the index is unknown, or the cursor is not one of this table or index
     */
    public Plan<ScanRequest> scan(Scan s, boolean count) {
        Optional<String> index = s.index();
        index.ifPresent(schema::index);
        List<String> names = keyNames(index);
        Projection asked = count ? null : s.projection().orElse(null);
        Set<String> added = asked == null ? Set.of() : missingKeys(asked, names);
        Optional<Projection> projection = Optional.ofNullable(withKeys(asked, added));
        Rendered r = Renderer.scan(s.filter(), projection);
        Map<String, AttributeValue> start = s.startAfter().map(c -> startKey(c, names, index)).orElse(null);
        String indexName = index.orElse(null);
        boolean filtered = s.filter().isPresent();
        OptionalInt pageSize = s.pageSize();
        PageRequest<ScanRequest> page = (exclusiveStart, remaining) -> {
            ScanRequest.Builder b = ScanRequest.builder().tableName(table);
            r.applyTo(b);
            if (indexName != null) {
                b.indexName(indexName);
            }
            if (s.consistentRead()) {
                b.consistentRead(true);
            }
            if (count) {
                b.select(Select.COUNT);
            }
            s.segment().ifPresent(b::segment);
            s.totalSegments().ifPresent(b::totalSegments);
            Integer limit = pageLimit(pageSize, remaining, filtered);
            if (limit != null) {
                b.limit(limit);
            }
            if (exclusiveStart != null) {
                b.exclusiveStartKey(exclusiveStart);
            }
            s.customizer().ifPresent(c -> c.accept(b));
            return b.build();
        };
        return new Plan<>(page, names, added, start, limit(s.limit()));
    }

    private static long limit(OptionalInt limit) {
        return limit.isPresent() ? limit.getAsInt() : Long.MAX_VALUE;
    }

    /** Page size for the next request: never more than the items still wanted, unless a filter drops some. */
    static @Nullable Integer pageLimit(OptionalInt configured, long remaining, boolean filtered) {
        Integer c = configured.isPresent() ? configured.getAsInt() : null;
        if (filtered || remaining >= Integer.MAX_VALUE) {
            return c;
        }
        int r = (int) remaining;
        return c == null ? r : Math.min(c, r);
    }

    /** The cursor's key, checked to be one of this table or index: another's would make DynamoDB reject the request. */
    private @Nullable Map<String, AttributeValue> startKey(String cursor, List<String> names, Optional<String> index) {
        Map<String, AttributeValue> key = Cursors.decode(cursor);
        if (key.isEmpty()) {
            return null;
        }
        if (!key.keySet().equals(new LinkedHashSet<>(names))) {
            throw new IllegalArgumentException("cursor holds the key attributes " + key.keySet() + ", but a resume on "
                    + index.map(i -> "index " + i + " of table " + table).orElse("table " + table) + " needs " + names
                    + ": pass a cursor from the same table or index");
        }
        return key;
    }

    /** {@return the table's keys, then the index's: what an ExclusiveStartKey on that index needs} */
    public List<String> keyNames(Optional<String> index) {
        if (index.isEmpty()) {
            return keyNames;
        }
        List<String> names = new ArrayList<>(keyNames);
        for (String n : schema.index(index.get()).names()) {
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        return List.copyOf(names);
    }

    /** {@return the projection with the given key attributes added} (itself when there are none, or no projection) */
    private static @Nullable Projection withKeys(@Nullable Projection p, Set<String> added) {
        return p == null || added.isEmpty() ? p : p.and(added.stream().map(Path::attribute).toArray(Path[]::new));
    }

    /**
     * {@return the key attributes the projection does not name at the top level}, in key order: a cursor needs
     * them, so they are added to the projection and removed again before decoding. A nested path under a key
     * attribute does not count (it would overlap; keys are scalars, so it cannot be valid anyway).
     */
    private static Set<String> missingKeys(Projection p, List<String> names) {
        Set<String> missing = null;
        for (String k : names) {
            boolean named = false;
            for (Path path : p.paths()) {
                if (path.isTopLevel() && path.attributeName().equals(k)) {
                    named = true;
                    break;
                }
            }
            if (!named) {
                if (missing == null) {
                    missing = new LinkedHashSet<>();
                }
                missing.add(k);
            }
        }
        return missing == null ? Set.of() : missing;
    }

    private void checkKeyCondition(KeyCondition k, KeySchema keys, Optional<String> index) {
        if (!k.partitionKey().equals(keys.partitionKey().name())) {
            throw new IllegalArgumentException("key condition names \"" + k.partitionKey() + "\" as partition key, but "
                    + where(index) + " is partitioned by \"" + keys.partitionKey().name() + "\"");
        }
        k.sortKey().ifPresent(s -> {
            if (keys.sortKey().isEmpty() || !keys.sortKey().get().name().equals(s.name())) {
                throw new IllegalArgumentException("key condition names \"" + s.name() + "\" as sort key, but "
                        + where(index)
                        + keys.sortKey().map(n -> " has the sort key \"" + n.name() + "\"").orElse(" has no sort key"));
            }
        });
    }

    /** {@return the table or index a key condition is checked against, for messages} */
    private String where(Optional<String> index) {
        return index.map(i -> "index " + i).orElse("table " + table);
    }
}
