package dev.dynamatic.core;

import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.ast.Value;
import dev.dynamatic.render.AttributeValues;
import dev.dynamatic.render.Rendered;
import dev.dynamatic.render.Renderer;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Builds SDK requests from our specs and maps what comes back; shared by {@link Table} and
 * {@link AsyncTable} so both render, validate, log and map identically.
 */
final class Requests {

    static final System.Logger LOG = System.getLogger("dev.dynamatic.core");

    final String table;
    final KeySchema schema;
    final boolean logValues;
    /** The table's key attribute names, partition key first. */
    private final List<String> keyNames;

    Requests(String table, KeySchema schema, boolean logValues) {
        this.table = java.util.Objects.requireNonNull(table, "name is null");
        this.schema = java.util.Objects.requireNonNull(schema, "schema is null");
        this.logValues = logValues;
        this.keyNames = schema.names();
    }

    // ---- keys

    Map<String, AttributeValue> key(Key key) {
        Map<String, AttributeValue> m = LinkedHashMap.newLinkedHashMap(2);
        m.put(schema.partitionKey(), AttributeValues.toSdk(key.partition()));
        if (schema.sortKey().isPresent()) {
            Value sort = key.sort().orElseThrow(() -> new IllegalArgumentException("table " + table
                    + " has the sort key " + schema.sortKey().get() + ": the key needs a sort value"));
            m.put(schema.sortKey().get(), AttributeValues.toSdk(sort));
        } else if (key.sort().isPresent()) {
            throw new IllegalArgumentException("table " + table + " has no sort key, but the key has a sort value");
        }
        return m;
    }

    /** The item's key attributes, checked present and of a key type. */
    void checkItemHasKey(Map<String, AttributeValue> item) {
        for (String name : keyNames) {
            AttributeValue v = item.get(name);
            if (v == null) {
                throw new IllegalArgumentException("item for table " + table + " lacks its key attribute \"" + name + "\"");
            }
            if (v.s() == null && v.n() == null && v.b() == null) {
                throw new IllegalArgumentException("item for table " + table + ": key attribute \"" + name
                        + "\" must be a string, number or binary, not " + v.type());
            }
        }
    }

    // ---- single-item requests

    GetItemRequest get(GetItem g) {
        GetItemRequest.Builder b = GetItemRequest.builder().tableName(table).key(key(g.key()))
                .consistentRead(g.consistentRead() ? Boolean.TRUE : null);
        g.projection().ifPresent(p -> log("GetItem", Renderer.projection(p)).applyTo(b));
        g.customizer().accept(b);
        return b.build();
    }

    <T> PutItemRequest put(PutItem<T> p) {
        Map<String, AttributeValue> item = p.codec().encode(p.item());
        checkItemHasKey(item);
        PutItemRequest.Builder b = PutItemRequest.builder().tableName(table).item(item);
        p.condition().ifPresent(c -> {
            log("PutItem", Renderer.condition(c)).applyTo(b);
            b.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        });
        if (p.returnOld()) {
            b.returnValues(ReturnValue.ALL_OLD);
        }
        p.customizer().accept(b);
        return b.build();
    }

    UpdateItemRequest update(UpdateItem u) {
        for (UpdateAction a : u.update().actions()) {
            // DynamoDB rejects any action on a primary-key attribute ("This attribute is part of the key").
            if (keyNames.contains(a.path().attributeName())) {
                throw new IllegalArgumentException("UpdateItem on table " + table + ": \"" + a.path().attributeName()
                        + "\" is part of the table's key and cannot be updated (delete the item and put a new one)");
            }
        }
        UpdateItemRequest.Builder b = UpdateItemRequest.builder().tableName(table).key(key(u.key()));
        log("UpdateItem", u.condition().isPresent() ? Renderer.update(u.update(), u.condition().get())
                : Renderer.update(u.update())).applyTo(b);
        if (u.condition().isPresent()) {
            b.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        }
        if (u.returnValues() != ReturnValue.NONE) {
            b.returnValues(u.returnValues());
        }
        u.customizer().accept(b);
        return b.build();
    }

    DeleteItemRequest delete(DeleteItem d) {
        DeleteItemRequest.Builder b = DeleteItemRequest.builder().tableName(table).key(key(d.key()));
        d.condition().ifPresent(c -> {
            log("DeleteItem", Renderer.condition(c)).applyTo(b);
            b.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        });
        if (d.returnOld()) {
            b.returnValues(ReturnValue.ALL_OLD);
        }
        d.customizer().accept(b);
        return b.build();
    }

    static Failure conditionFailed(ConditionalCheckFailedException e) {
        Optional<Item> old = e.hasItem() && !e.item().isEmpty() ? Optional.of(Item.fromSdk(e.item())) : Optional.empty();
        return new Failure.ConditionFailed(old, String.valueOf(e.awsErrorDetails() == null
                ? e.getMessage() : e.awsErrorDetails().errorMessage()));
    }

    static <T> Optional<T> attributes(Map<String, AttributeValue> attributes, boolean present, ItemCodec<T> codec) {
        return present && attributes != null && !attributes.isEmpty() ? Optional.of(codec.decode(attributes)) : Optional.empty();
    }

    // ---- queries and scans

    /**
     * A query or scan ready to page: the first request's builder template, the key names a cursor records,
     * the attributes added to the projection for the cursor (removed again before decoding), the start key.
     */
    record Plan<B>(BiFunction<Map<String, AttributeValue>, Long, B> page, List<String> keyNames, Set<String> added,
                   Map<String, AttributeValue> startKey) {
    }

    Plan<QueryRequest> query(Query q, boolean count) {
        KeySchema keys = q.index().map(schema::index).orElse(schema);
        checkKeyCondition(q.keyCondition(), keys, q.index());
        List<String> keyNames = keyNames(q.index());
        Projection asked = count ? null : q.projection().orElse(null);
        Set<String> added = asked == null ? Set.of() : missingKeys(asked, keyNames);
        Projection projection = withKeys(asked, added);
        Rendered r = log("Query", Renderer.query(q.keyCondition(), q.filter(), Optional.ofNullable(projection)));
        Map<String, AttributeValue> start = q.startAfter().map(c -> startKey(c, keyNames, q.index())).orElse(null);
        BiFunction<Map<String, AttributeValue>, Long, QueryRequest> page = (exclusiveStart, remaining) -> {
            QueryRequest.Builder b = QueryRequest.builder().tableName(table);
            r.applyTo(b);
            q.index().ifPresent(b::indexName);
            if (q.descending()) {
                b.scanIndexForward(false);
            }
            if (q.consistentRead()) {
                b.consistentRead(true);
            }
            if (count) {
                b.select(Select.COUNT);
            }
            Integer limit = pageLimit(q.pageSize(), remaining, q.filter().isPresent());
            if (limit != null) {
                b.limit(limit);
            }
            if (exclusiveStart != null) {
                b.exclusiveStartKey(exclusiveStart);
            }
            q.customizer().accept(b);
            return b.build();
        };
        return new Plan<>(page, keyNames, added, start);
    }

    Plan<ScanRequest> scan(Scan s, boolean count) {
        s.index().ifPresent(schema::index);
        List<String> keyNames = keyNames(s.index());
        Projection asked = count ? null : s.projection().orElse(null);
        Set<String> added = asked == null ? Set.of() : missingKeys(asked, keyNames);
        Projection projection = withKeys(asked, added);
        Rendered r = log("Scan", Renderer.scan(s.filter(), Optional.ofNullable(projection)));
        Map<String, AttributeValue> start = s.startAfter().map(c -> startKey(c, keyNames, s.index())).orElse(null);
        BiFunction<Map<String, AttributeValue>, Long, ScanRequest> page = (exclusiveStart, remaining) -> {
            ScanRequest.Builder b = ScanRequest.builder().tableName(table);
            r.applyTo(b);
            s.index().ifPresent(b::indexName);
            if (s.consistentRead()) {
                b.consistentRead(true);
            }
            if (count) {
                b.select(Select.COUNT);
            }
            s.segment().ifPresent(b::segment);
            s.totalSegments().ifPresent(b::totalSegments);
            Integer limit = pageLimit(s.pageSize(), remaining, s.filter().isPresent());
            if (limit != null) {
                b.limit(limit);
            }
            if (exclusiveStart != null) {
                b.exclusiveStartKey(exclusiveStart);
            }
            s.customizer().accept(b);
            return b.build();
        };
        return new Plan<>(page, keyNames, added, start);
    }

    /** Page size for the next request: never more than the items still wanted, unless a filter drops some. */
    static Integer pageLimit(java.util.OptionalInt configured, long remaining, boolean filtered) {
        Integer c = configured.isPresent() ? configured.getAsInt() : null;
        if (filtered || remaining >= Integer.MAX_VALUE) {
            return c;
        }
        int r = (int) remaining;
        return c == null ? r : Math.min(c, r);
    }

    /** The cursor's key, checked to be one of this table or index: another's would make DynamoDB reject the request. */
    private Map<String, AttributeValue> startKey(String cursor, List<String> keyNames, Optional<String> index) {
        Map<String, AttributeValue> key = Cursors.decode(cursor);
        if (key.isEmpty()) {
            return null;
        }
        if (!key.keySet().equals(new LinkedHashSet<>(keyNames))) {
            throw new IllegalArgumentException("cursor holds the key attributes " + key.keySet() + ", but a resume on "
                    + index.map(i -> "index " + i + " of table " + table).orElse("table " + table) + " needs " + keyNames
                    + ": pass a cursor from the same table or index");
        }
        return key;
    }

    /** Table keys, then the index's keys: what an ExclusiveStartKey on that index needs. */
    List<String> keyNames(Optional<String> index) {
        if (index.isEmpty()) {
            return keyNames;
        }
        List<String> names = new ArrayList<>(keyNames);
        index.ifPresent(i -> schema.index(i).names().forEach(n -> {
            if (!names.contains(n)) {
                names.add(n);
            }
        }));
        return names;
    }

    /** {@return the projection with the given key attributes added} (itself when there are none, or no projection) */
    private static Projection withKeys(Projection p, Set<String> added) {
        return added.isEmpty() ? p : p.and(added.stream().map(Path::attribute).toArray(Path[]::new));
    }

    /**
     * {@return the key attributes the projection does not name at the top level}, in key order: a cursor needs
     * them, so they are added to the projection and removed again before decoding. A nested path under a key
     * attribute does not count (it would overlap; keys are scalars, so it cannot be valid anyway).
     */
    private static Set<String> missingKeys(Projection p, List<String> keyNames) {
        Set<String> missing = null;
        for (String k : keyNames) {
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
        if (!k.partitionKey().equals(keys.partitionKey())) {
            throw new IllegalArgumentException("key condition names \"" + k.partitionKey() + "\" as partition key, but "
                    + where(index) + " is partitioned by \"" + keys.partitionKey() + "\"");
        }
        k.sortKey().ifPresent(s -> {
            if (keys.sortKey().isEmpty() || !keys.sortKey().get().equals(s.name())) {
                throw new IllegalArgumentException("key condition names \"" + s.name() + "\" as sort key, but "
                        + where(index)
                        + keys.sortKey().map(n -> " has the sort key \"" + n + "\"").orElse(" has no sort key"));
            }
        });
    }

    /** {@return the table or index a key condition is checked against, for messages} */
    private String where(Optional<String> index) {
        return index.map(i -> "index " + i).orElse("table " + table);
    }

    static Map<String, AttributeValue> strip(Map<String, AttributeValue> item, Set<String> added) {
        if (added.isEmpty()) {
            return item;
        }
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        copy.keySet().removeAll(added);
        return copy;
    }

    // ---- logging

    Rendered log(String operation, Rendered r) {
        if (LOG.isLoggable(Level.DEBUG)) {
            StringBuilder sb = new StringBuilder(operation).append(" table=").append(table);
            append(sb, "KeyConditionExpression", r.keyConditionExpression().orElse(null));
            append(sb, "UpdateExpression", r.updateExpression().orElse(null));
            append(sb, "ConditionExpression", r.conditionExpression().orElse(null));
            append(sb, "ProjectionExpression", r.projectionExpression().orElse(null));
            if (!r.names().isEmpty()) {
                sb.append(" names=").append(r.names());
            }
            if (!r.values().isEmpty()) {
                sb.append(" values=");
                if (logValues) {
                    sb.append(r.values());
                } else {
                    Map<String, String> redacted = new LinkedHashMap<>();
                    r.values().forEach((k, v) -> redacted.put(k, "<" + v.type() + " redacted>"));
                    sb.append(redacted);
                }
            }
            LOG.log(Level.DEBUG, sb.toString());
        }
        return r;
    }

    private static void append(StringBuilder sb, String name, String expression) {
        if (expression != null) {
            sb.append(' ').append(name).append("=\"").append(expression).append('"');
        }
    }
}
