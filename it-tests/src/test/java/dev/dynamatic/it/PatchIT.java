package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.nullValue;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.remove;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.it.Fixtures.conditionFailed;
import static dev.dynamatic.it.Fixtures.item;
import static dev.dynamatic.it.Fixtures.right;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.dynamatic.core.GetItem;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.Patch;
import dev.dynamatic.core.RecordCodec;
import dev.dynamatic.core.RetryPolicy;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.it.server.DynamoDbServer;
import dev.dynamatic.it.server.Engine;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quicktheories.core.Gen;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link Table#patch}: for random nested records over random stored items (the item or its parents absent, NULL,
 * another type, or maps with other children), the item after the patch is the stored item overlaid with the record;
 * without other writers it takes at most two requests. Under another writer that changes the item's shape right
 * before each of the patch's attempts (deterministically, from the patch's own client), it still converges to the
 * last item that writer left, overlaid with the record.
 */
@DynamoDbIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatchIT {

    /** A leaf record: two optional scalars. */
    public record Leaf(@Nullable String x, @Nullable Long n) {
    }

    /** A record in the middle: a scalar, a nested record and a list (written whole). */
    public record Mid(@Nullable String s, @Nullable Leaf leaf, @Nullable List<String> tags) {
    }

    /** The patched record: its key, a scalar and two nested records. */
    public record Doc(String pk, String sk, @Nullable String name, @Nullable Mid a, @Nullable Leaf b) {
        Doc withKey(String p, String s) {
            return new Doc(p, s, name, a, b);
        }
    }

    static final ItemCodec<Doc> DOCS = RecordCodec.of(Doc.class, MethodHandles.lookup());
    static final RetryPolicy QUICK = RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
    static final Set<String> RECORD_ATTRIBUTES = Set.of("name", "a", "b");

    /** Counts the UpdateItem and GetItem requests its client sends and runs an action before each update. */
    static final class BeforeUpdate implements ExecutionInterceptor {
        final AtomicInteger updates = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        volatile Consumer<Integer> before = n -> { };

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UpdateItemRequest) {
                before.accept(updates.incrementAndGet());
            } else if (context.request() instanceof GetItemRequest) {
                reads.incrementAndGet();
            }
        }
    }

    private final BeforeUpdate watch = new BeforeUpdate();
    private final DynamoDbClient watched;
    private final Table table;
    private final Table other;
    private final AtomicInteger examples = new AtomicInteger();

    PatchIT(DynamoDbClient client, DynamoDbServer server, TestTable testTable) {
        this.watched = TestClients.sync(server, watch);
        this.table = testTable.on(watched);
        this.other = testTable.on(client);
    }

    @AfterAll
    void close() {
        watched.close();
    }

    // ---- generators

    /** {@return null one time in {@code 1 + others}, else one of the others} */
    static Gen<@Nullable String> text(String prefix) {
        return integers().between(0, 2).map(i -> i == 0 ? null : prefix + i);
    }

    static Gen<@Nullable Leaf> leaves() {
        return integers().between(0, 3).zip(text("x"), integers().between(0, 3),
                (present, x, n) -> present == 0 ? null : new Leaf(x, n == 0 ? null : (long) n * 10));
    }

    static Gen<@Nullable Mid> mids() {
        return integers().between(0, 4).zip(text("s"), leaves(), integers().between(0, 2),
                (present, s, leaf, tags) -> present == 0 ? null
                        : new Mid(s, leaf, tags == 0 ? null : tags == 1 ? List.of() : List.of("t", "u")));
    }

    static Gen<Doc> docs() {
        return text("name").zip(mids(), leaves(), (name, a, b) -> new Doc("?", "?", name, a, b));
    }

    /** An attribute as stored: absent (Optional.empty()), NULL, a scalar of another type, or a map. */
    static Gen<Optional<Object>> storedParent(Gen<Map<String, @Nullable Object>> map) {
        return integers().between(0, 4).zip(map, (kind, m) -> switch (kind) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(NULL);
            case 2 -> Optional.of("scalar");
            default -> Optional.of(m);
        });
    }

    /** Stands for DynamoDB's NULL in the stored maps built here (a Java null in Item.of). */
    static final Object NULL = new Object();

    static Gen<Map<String, @Nullable Object>> storedLeafMaps() {
        return booleans().all().zip(booleans().all(), (hasX, hasN) -> {
            Map<String, @Nullable Object> m = new LinkedHashMap<>();
            if (hasX) {
                m.put("x", "old-x");
            }
            if (hasN) {
                m.put("n", 1);
            }
            m.put("keep", "leaf-sibling");
            return m;
        });
    }

    static Gen<Map<String, @Nullable Object>> storedMidMaps() {
        return booleans().all().zip(storedParent(storedLeafMaps()), booleans().all(), (hasS, leaf, hasTags) -> {
            Map<String, @Nullable Object> m = new LinkedHashMap<>();
            if (hasS) {
                m.put("s", "old-s");
            }
            leaf.ifPresent(l -> m.put("leaf", l));
            if (hasTags) {
                m.put("tags", List.of("old"));
            }
            m.put("keep", "mid-sibling");
            return m;
        });
    }

    /** {@return stored items' attributes but the key; empty for no item at all} */
    static Gen<Optional<Map<String, @Nullable Object>>> storedItems() {
        return integers().between(0, 5).zip(integers().between(0, 2), storedParent(storedMidMaps()),
                storedParent(storedLeafMaps()), (absent, name, a, b) -> {
                    if (absent == 0) {
                        return Optional.empty();
                    }
                    Map<String, @Nullable Object> m = new LinkedHashMap<>();
                    if (name == 1) {
                        m.put("name", "old-name");
                    } else if (name == 2) {
                        m.put("name", NULL);
                    }
                    a.ifPresent(v -> m.put("a", v));
                    b.ifPresent(v -> m.put("b", v));
                    m.put("other", "not the record's");
                    return Optional.of(m);
                });
    }

    /** {@return the stored item: the key and the attributes, {@link #NULL} as DynamoDB's NULL} */
    static Item stored(String pk, String sk, Map<String, @Nullable Object> attributes) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("pk", pk);
        m.put("sk", sk);
        m.putAll(nulls(attributes));
        return Item.of(m);
    }

    @SuppressWarnings("unchecked")
    static Map<String, @Nullable Object> nulls(Map<String, @Nullable Object> m) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v == NULL ? null
                : v instanceof Map<?, ?> nested ? nulls((Map<String, @Nullable Object>) nested) : v));
        return out;
    }

    // ---- the law

    /** {@return the stored attributes with the value's laid over them: maps over maps merge, anything else replaces} */
    static Map<String, AttributeValue> overlay(Map<String, AttributeValue> stored, Map<String, AttributeValue> value) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(stored);
        value.forEach((name, v) -> {
            AttributeValue there = out.get(name);
            boolean merge = v.type() == AttributeValue.Type.M && there != null
                    && there.type() == AttributeValue.Type.M;
            out.put(name, merge ? AttributeValue.fromM(overlay(there.m(), v.m())) : v);
        });
        return out;
    }

    /**
     * Also: after a failed attempt, the patch takes the item from the error where the engine returns it there
     * (dynoxide, and DynamoDB) and reads it, consistently, where it does not (dynalite; see ENGINES.md) or where
     * there is no item.
     */
    @Test
    void theItemAfterAPatchIsTheStoredItemOverlaidWithTheRecord(Engine engine) {
        List<Integer> requests = new ArrayList<>();
        qt().withExamples(40).forAll(docs(), storedItems(), booleans().all()).checkAssert((doc, stored, removeAbsent) -> {
            String sk = "ex-" + examples.incrementAndGet();
            Key key = Key.of("law", sk);
            Doc value = doc.withKey("law", sk);
            Map<String, AttributeValue> before = stored.map(s -> stored("law", sk, s).attributes()).orElse(Map.of());
            stored.ifPresent(s -> other.put(stored("law", sk, s)));
            Patch<Doc> patch = Patch.of(value, DOCS).withRetry(QUICK);
            if (removeAbsent) {
                patch = patch.withMode(Patch.Mode.REMOVE_ABSENT);
            }
            Map<String, AttributeValue> encoded = DOCS.encode(value);
            int updatesBefore = watch.updates.get();
            int readsBefore = watch.reads.get();
            if (!removeAbsent && encoded.keySet().equals(Set.of("pk", "sk"))) {
                Patch<Doc> nothing = patch;
                assertThrows(IllegalArgumentException.class, () -> table.patch(nothing), "nothing to write");
                assertEquals(updatesBefore, watch.updates.get(), "nothing sent");
                return;
            }
            right(table.patch(patch));
            requests.add(watch.updates.get() - updatesBefore);

            Map<String, AttributeValue> expected = overlay(before, encoded);
            if (removeAbsent) {
                RECORD_ATTRIBUTES.stream().filter(n -> !encoded.containsKey(n)).forEach(expected::remove);
            }
            Item after = other.get(GetItem.of(key).withConsistentRead(true), Item.codec()).orElseThrow();
            assertEquals(Item.from(expected), after, () -> "stored " + shape(before) + ", record " + shape(encoded));
            int sent = watch.updates.get() - updatesBefore;
            assertTrue(sent <= 2, "without other writers: the first attempt, and at most one that fits what it found");
            // With no item there is none in the error either: the patch reads to tell that from an engine that
            // does not return it.
            assertEquals(engine == Engine.DYNALITE || stored.isEmpty() ? sent - 1 : 0, watch.reads.get() - readsBefore,
                    "reads after failed attempts");
        });
        Map<Integer, Long> histogram = new TreeMap<>();
        requests.forEach(n -> histogram.merge(n, 1L, Long::sum));
        System.out.println("PatchIT law: UpdateItem requests per patch -> patches: " + histogram);
    }

    /** {@return the shape of attributes for a failure message: names and types, never values} */
    static String shape(Map<String, AttributeValue> m) {
        StringBuilder sb = new StringBuilder("{");
        m.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=')
                .append(v.type() == AttributeValue.Type.M ? shape(v.m()) : v.type().toString()));
        return sb.append('}').toString();
    }

    // ---- other writers

    /** What the other writer does to attribute {@code a} right before one of the patch's attempts. */
    enum Interference {
        /** {@code a} becomes a map with another child. */
        MAP,
        /** {@code a} becomes NULL. */
        NULL,
        /** {@code a} goes (creating the item with its key alone if there was none). */
        REMOVE,
        /** {@code a} becomes a string. */
        SCALAR,
        /** Another patch: {@code a.leaf.n} and {@code b.x}, creating the maps it needs. */
        PATCH
    }

    /** The other writer does it, through its own client. */
    private void interfere(Interference i, Key key, String sk) {
        switch (i) {
            case MAP -> right(other.update(UpdateItem.of(key, update(set(path("a"), value(Map.of("theirs", "t")))))));
            case NULL -> right(other.update(UpdateItem.of(key, update(set(path("a"), nullValue())))));
            case REMOVE -> right(other.update(UpdateItem.of(key, update(remove(path("a"))))));
            case SCALAR -> right(other.update(UpdateItem.of(key, update(set(path("a"), value("scalar"))))));
            case PATCH -> right(other.patch(Patch.of(theirs(sk), DOCS).withRetry(QUICK)));
        }
    }

    /** The other writer's own patch: {@code a.leaf.n = 99}, {@code b.x = "theirs"}. */
    static Doc theirs(String sk) {
        return new Doc("race", sk, null, new Mid(null, new Leaf(null, 99L), null), new Leaf("theirs", null));
    }

    @Test
    void aPatchConvergesWhenAnotherWriterChangesTheShapeBeforeEachOfItsAttempts() {
        Gen<List<Interference>> sequences = lists().of(integers().between(0, Interference.values().length - 1)
                .map(i -> Interference.values()[i])).ofSizeBetween(0, 4);
        List<String> runs = new ArrayList<>();
        qt().withExamples(30).forAll(sequences, booleans().all()).checkAssert((sequence, itemExists) -> {
            String sk = "ex-" + examples.incrementAndGet();
            Key key = Key.of("race", sk);
            Doc mine = new Doc("race", sk, "mine", new Mid("mine", new Leaf("mine", null), null), new Leaf(null, 7L));
            if (itemExists) {
                other.put(item("pk", "race", "sk", sk, "other", "kept"));
            }
            List<Interference> applied = new ArrayList<>();
            // What the other writer left: the item each attempt of the patch meets (the patch's failed attempts write
            // nothing), so the last of these is what the successful attempt met.
            List<Map<String, AttributeValue>> left = new ArrayList<>();
            left.add(read(key));
            int updatesBefore = watch.updates.get();
            watch.before = n -> {
                int k = n - updatesBefore - 1;
                if (k < sequence.size()) {
                    Interference i = sequence.get(k);
                    interfere(i, key, sk);
                    applied.add(i);
                    left.add(read(key));
                }
            };
            try {
                right(table.patch(Patch.of(mine, DOCS).withRetry(QUICK)));
            } finally {
                watch.before = n -> { };
            }
            int sent = watch.updates.get() - updatesBefore;

            Map<String, AttributeValue> expected = overlay(left.getLast(), DOCS.encode(mine));
            Item after = other.get(GetItem.of(key).withConsistentRead(true), Item.codec()).orElseThrow();
            assertEquals(Item.from(expected), after, () -> "after " + applied + ": " + shape(after.attributes()));
            assertTrue(sent <= applied.size() + 2, () -> sent + " requests after " + applied);
            runs.add(applied.size() + "->" + sent);
        });
        Map<String, Long> histogram = new TreeMap<>();
        runs.forEach(r -> histogram.merge(r, 1L, Long::sum));
        System.out.println("PatchIT race: interferences->UpdateItem requests -> patches: " + histogram);
    }

    /** {@return the item's attributes as stored now, through the other writer's client; empty if there is none} */
    private Map<String, AttributeValue> read(Key key) {
        return other.get(GetItem.of(key).withConsistentRead(true), Item.codec()).map(Item::attributes).orElse(Map.of());
    }

    // ---- the caller's condition

    @Test
    void theCallersConditionFailingIsAFailureWithTheItemAfterTheShapeIsSettled() {
        Key key = Key.of("cond", "1");
        other.put(item("pk", "cond", "sk", "1", "status", "CLOSED", "a", null));
        Patch<Doc> patch = Patch.of(new Doc("cond", "1", "n", new Mid("s", null, null), null), DOCS).withRetry(QUICK)
                .withCondition(eq(path("status"), value("OPEN")));
        int before = watch.updates.get();
        var failed = conditionFailed(table.patch(patch));
        assertEquals(2, watch.updates.get() - before, "the first attempt meets a NULL parent, the second the condition");
        Item now = failed.item().orElseGet(() -> other.get(key).orElseThrow());
        assertEquals("CLOSED", now.getString("status"));
        assertEquals(item("pk", "cond", "sk", "1", "status", "CLOSED", "a", null), other.get(key).orElseThrow());

        other.update(UpdateItem.of(key, update(set(path("status"), value("OPEN")))));
        right(table.patch(patch));
        assertEquals(item("pk", "cond", "sk", "1", "status", "OPEN", "a", item("s", "s"), "name", "n"),
                other.get(GetItem.of(key).withConsistentRead(true), Item.codec()).orElseThrow());
    }

    /** The attributes of a record the patch never touches stay, at every level. */
    @Test
    void siblingsAtEveryLevelStay() {
        Key key = Key.of("sib", "1");
        other.put(item("pk", "sib", "sk", "1", "other", "o", "a", item("keep", 1, "leaf", item("keep", 2, "x", "old")),
                "b", item("n", 3)));
        right(table.patch(Patch.of(new Doc("sib", "1", null, new Mid(null, new Leaf("new", null), null), null), DOCS)));
        assertEquals(item("pk", "sib", "sk", "1", "other", "o", "a", item("keep", 1, "leaf", item("keep", 2, "x", "new")),
                "b", item("n", 3)), other.get(GetItem.of(key).withConsistentRead(true), Item.codec()).orElseThrow());
        Set<String> seen = new HashSet<>(other.get(key).orElseThrow().keySet());
        assertEquals(Set.of("pk", "sk", "other", "a", "b"), seen);
    }
}
