package dev.dynamatic.core.entity;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.Dsl;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.ast.Value;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeyAttribute;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How one entity type's key is composed on the table or on one index: the key attribute names and the
 * {@link KeyTemplate} of each; a row of a single-table key design. Obtained from {@link Entity#table()} and
 * {@link Entity#index(String)}.
 *
 * <p>Its queries carry the same {@code ast} key conditions one would write by hand:
 * {@snippet :
 * Query q = ADDRESS.table().beginsWith(Map.of("customerId", "c1", "country", "US", "state", "WA"));
 * q.keyCondition().equals(partitionKey("PK", value("CUST#c1")).and(sortKey("SK").beginsWith(value("ADDR#US#WA#"))));
 * }
 *
 * <p>Rendered keys are checked before anything is sent: not empty, a partition key value at most 2,048 bytes
 * and a sort key value at most 1,024 bytes of UTF-8, as DynamoDB requires.
 */
public final class KeyFormat {


    private final Optional<String> index;
    private final String partitionKey;
    private final KeyTemplate partitionTemplate;
    private final Optional<String> sortKey;
    private final Optional<KeyTemplate> sortTemplate;
    /** The table's own key attributes: an index shares them (an LSI its partition key) but cannot update them. */
    private final List<String> tableKeys;

    KeyFormat(Optional<String> index, KeySchema keys, KeyTemplate partitionTemplate,
              Optional<KeyTemplate> sortTemplate, List<String> tableKeys) {
        this.index = index;
        this.partitionKey = stringKey(keys.partitionKey(), index);
        this.partitionTemplate = requireNonNull(partitionTemplate, "partition template is null");
        this.sortKey = keys.sortKey().map(k -> stringKey(k, index));
        this.sortTemplate = requireNonNull(sortTemplate, "sortTemplate is null");
        this.tableKeys = List.copyOf(tableKeys);
        String where = where();
        if (sortKey.isPresent() != sortTemplate.isPresent()) {
            throw new IllegalArgumentException(where + (sortKey.isPresent()
                    ? " has the sort key " + sortKey.get() + ": give a sort key template too"
                    : " has no sort key: give only a partition key template"));
        }
    }

    /** A template renders text: its key attribute must be declared a string. */
    private static String stringKey(KeyAttribute attribute, Optional<String> index) {
        if (attribute.type() != Value.Type.S) {
            throw new IllegalArgumentException(index.map(i -> "index " + i).orElse("the table") + " declares the key "
                    + "attribute \"" + attribute.name() + "\" as " + attribute.type() + ", but a key template renders "
                    + "a string (S)");
        }
        return attribute.name();
    }

    /** {@return the index this format is for, or empty for the table} */
    public Optional<String> index() {
        return index;
    }

    /** {@return the partition key attribute name} */
    public String partitionKey() {
        return partitionKey;
    }

    /** {@return the template of the partition key value} */
    public KeyTemplate partitionTemplate() {
        return partitionTemplate;
    }

    /** {@return the sort key attribute name, if the table or index has one} */
    public Optional<String> sortKey() {
        return sortKey;
    }

    /** {@return the template of the sort key value, if the table or index has a sort key} */
    public Optional<KeyTemplate> sortTemplate() {
        return sortTemplate;
    }

    /**
     * {@return the primary key of the item with these values}
     *
     * @param values a value for each placeholder of the table's key templates
     * @throws IllegalArgumentException if this is an index's format (an index key names no single item), or a
     *         value is missing or invalid, as for {@link KeyTemplate#render}
     */
    public Key key(Map<String, ?> values) {
        if (index.isPresent()) {
            throw new IllegalArgumentException("index " + index.get() + " keys name no single item: build a Key"
                    + " with the table's format, entity.table().key(..)");
        }
        String pk = renderPartition(values);
        return sortTemplate.isPresent() ? Key.of(pk, renderSort(values)) : Key.of(pk);
    }

    /**
     * {@return a query of the partition these values name}: {@code pk = :v}, on this format's index if any
     *
     * @param values a value for each placeholder of the partition key template (other entries are ignored)
     * @throws IllegalArgumentException if a partition template value is missing or invalid
     */
    public Query partition(Map<String, ?> values) {
        return query(condition(values));
    }

    /**
     * {@return a query of the partition and the sort keys that begin with the leading values given}:
     * {@code pk = :v AND begins_with(sk, :prefix)}, the prefix from {@link KeyTemplate#prefix}
     *
     * @param values the partition template's values and a leading run of the sort template's values
     * @throws IllegalArgumentException if there is no sort key, or a value is missing or invalid
     */
    public Query beginsWith(Map<String, ?> values) {
        KeyTemplate sort = sortTemplateOrThrow("beginsWith");
        return query(condition(values).and(Dsl.sortKey(sortKey.orElseThrow()).beginsWith(Dsl.value(sort.prefix(values)))));
    }

    /**
     * {@return a query of the partition and a range of sort keys}: {@code pk = :v AND sk BETWEEN :low AND :high},
     * from the key text of {@code low}'s leading values to the last key that begins with the text of
     * {@code high}'s, in DynamoDB's order. The last value of each may be a prefix of whole values, e.g. a month
     * of ISO dates.
     *
     * {@snippet :
     * // GSI1SK template "ORDER#{placedAt}#{orderId}": orders placed in May and June 2026
     * LINE.index("GSI1").between(Map.of("productId", "p1", "placedAt", "2026-05"), Map.of("placedAt", "2026-06"));
     * // GSI1PK = "PROD#p1" AND GSI1SK BETWEEN "ORDER#2026-05" AND "ORDER#2026-06<U+10FFFF>"
     * }
     *
     * <p>The upper bound ends in U+10FFFF, the greatest code point, so it includes every key that begins with
     * the high text except one continuing with U+10FFFF itself (a Unicode noncharacter).
     *
     * @param low the partition template's values and a leading run of the sort template's values
     * @param high a leading run of the sort template's values (partition values, if given, must equal low's)
     * @throws IllegalArgumentException if there is no sort key, a value is missing or invalid, the partition
     *         values differ, or the range is empty (low after high)
     */
    public Query between(Map<String, ?> low, Map<String, ?> high) {
        KeyTemplate sort = sortTemplateOrThrow("between");
        requireNonNull(low, "low is null");
        requireNonNull(high, "high is null");
        KeyCondition partition = condition(low);
        Map<String, Object> highPartition = new java.util.HashMap<>(low);
        high.forEach((name, v) -> {
            if (v != null && partitionTemplate.names().contains(name)) {
                highPartition.put(name, v);
            }
        });
        if (!renderPartition(highPartition).equals(((dev.dynamatic.ast.Value.S) partition.partitionValue()).value())) {
            throw new IllegalArgumentException("between: the high bound's values name another partition than the low"
                    + " bound's (" + partitionKey + "=" + partitionTemplate + "); a range lies within one partition");
        }
        String from = sort.leading(low, false);
        String to = sort.leading(high, false) + KeyTemplate.HIGHEST;
        if (KeyTemplate.byteOrder().compare(from, to) > 0) {
            throw new IllegalArgumentException("between: the low bound sorts after the high bound (DynamoDB compares"
                    + " UTF-8 bytes of " + sortKey.orElseThrow() + "=" + sort + "); the range is empty");
        }
        return query(partition.and(Dsl.sortKey(sortKey.orElseThrow()).between(Dsl.value(from), Dsl.value(to))));
    }

    /**
     * {@return the update that puts an item into this sparse index}: {@code SET} of the index's own key
     * attributes, rendered from the values
     *
     * @param values a value for each placeholder of this index's key templates
     * @throws IllegalArgumentException for the table's format (key attributes cannot be updated), or if a value
     *         is missing or invalid
     */
    public Update set(Map<String, ?> values) {
        List<UpdateAction> actions = new ArrayList<>();
        attributes(values).forEach((name, v) -> {
            if (!tableKeys.contains(name)) {
                actions.add(Dsl.set(Path.attribute(name), Dsl.value(v.s())));
            }
        });
        return update(actions, "set");
    }

    /**
     * {@return the update that takes an item out of this sparse index}: {@code REMOVE} of the index's own key
     * attributes (an item lacking them is in no index)
     *
     * @throws IllegalArgumentException for the table's format (key attributes cannot be removed)
     */
    public Update remove() {
        List<UpdateAction> actions = new ArrayList<>();
        for (String name : names()) {
            if (!tableKeys.contains(name)) {
                actions.add(Dsl.remove(Path.attribute(name)));
            }
        }
        return update(actions, "remove");
    }

    /**
     * {@return the template values an item's key attributes hold}, read back by parsing them
     *
     * @param item an item with this format's key attributes as strings (an {@link dev.dynamatic.core.Item}, say)
     * @throws IllegalArgumentException if a key attribute is missing, not a string, or not of its template's form
     */
    public Map<String, String> parse(Map<String, ?> item) {
        requireNonNull(item, "item is null");
        Map<String, String> values = new LinkedHashMap<>(partitionTemplate.parse(keyText(item, partitionKey)));
        sortTemplate.ifPresent(t -> values.putAll(t.parse(keyText(item, sortKey.orElseThrow()))));
        return java.util.Collections.unmodifiableMap(values);
    }

    // ---- for Entity

    /** The key attribute names, partition first. */
    List<String> names() {
        return sortKey.map(s -> List.of(partitionKey, s)).orElse(List.of(partitionKey));
    }

    /** Every placeholder name of both templates. */
    Set<String> placeholders() {
        Set<String> all = new LinkedHashSet<>(partitionTemplate.names());
        sortTemplate.ifPresent(t -> all.addAll(t.names()));
        return all;
    }

    /** Whether every placeholder has a (non-null) value: if not, a sparse index gets no key attributes. */
    boolean complete(Map<String, ?> values) {
        for (String name : placeholders()) {
            if (values.get(name) == null) {
                return false;
            }
        }
        return true;
    }

    /** The rendered key attributes, checked. */
    Map<String, AttributeValue> attributes(Map<String, ?> values) {
        Map<String, AttributeValue> out = LinkedHashMap.newLinkedHashMap(2);
        out.put(partitionKey, AttributeValue.createS(renderPartition(values)));
        sortTemplate.ifPresent(t -> out.put(sortKey.orElseThrow(), AttributeValue.createS(renderSort(values))));
        return out;
    }

    private String where() {
        return index.map(i -> "index " + i).orElse("the table");
    }

    private KeyCondition condition(Map<String, ?> values) {
        requireNonNull(values, "values is null");
        return Dsl.partitionKey(partitionKey, Dsl.value(renderPartition(values)));
    }

    private Query query(KeyCondition k) {
        Query q = Query.of(k);
        return index.map(q::withIndex).orElse(q);
    }

    private KeyTemplate sortTemplateOrThrow(String what) {
        return sortTemplate.orElseThrow(() -> new IllegalArgumentException(what + ": " + where()
                + " has no sort key"));
    }

    private Update update(List<UpdateAction> actions, String what) {
        if (index.isEmpty() || actions.isEmpty()) {
            throw new IllegalArgumentException(what + ": " + where() + " has no key attributes of its own to "
                    + what + "; only a secondary index's keys can be updated");
        }
        return new Update(actions);
    }

    private String renderPartition(Map<String, ?> values) {
        return checked(partitionTemplate.render(values), partitionKey, Limits.MAX_PARTITION_KEY_BYTES);
    }

    private String renderSort(Map<String, ?> values) {
        return checked(sortTemplate.orElseThrow().render(values), sortKey.orElseThrow(), Limits.MAX_SORT_KEY_BYTES);
    }

    private String checked(String key, String attribute, int maxBytes) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException(attribute + " of " + where() + " renders empty; DynamoDB rejects"
                    + " empty key values");
        }
        int bytes = key.getBytes(UTF_8).length;
        if (bytes > maxBytes) {
            throw new IllegalArgumentException(attribute + " of " + where() + " renders to " + bytes
                    + " bytes of UTF-8; DynamoDB allows at most " + maxBytes);
        }
        return key;
    }

    private static String keyText(Map<String, ?> item, String attribute) {
        Object v = item.get(attribute);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof AttributeValue av && av.s() != null) {
            return av.s();
        }
        throw new IllegalArgumentException("key attribute \"" + attribute + "\" is "
                + (v == null ? "missing" : "not a string") + " in the item");
    }

    /** {@return the key design, e.g. {@code index GSI1: GSI1PK=CUST#{customerId}, GSI1SK=PROFILE}} */
    @Override
    public String toString() {
        return where() + ": " + partitionKey + "=" + partitionTemplate
                + sortKey.map(s -> ", " + s + "=" + sortTemplate.orElseThrow()).orElse("");
    }
}
