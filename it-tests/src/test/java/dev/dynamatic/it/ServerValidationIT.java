package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.add;
import static dev.dynamatic.ast.Dsl.beginsWith;
import static dev.dynamatic.ast.Dsl.delete;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.in;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.sortKey;
import static dev.dynamatic.ast.Dsl.stringSet;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.it.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.dynamatic.ast.Comparand;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.Value;
import dev.dynamatic.core.Failure;
import dev.dynamatic.core.GetItem;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.it.server.Engine;
import dev.dynamatic.render.Renderer;
import io.vavr.control.Either;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Our validation agrees with the server's: what our renderer accepts, the server accepts (a generated sample,
 * sent through {@link Table}); what we reject, the server rejects too (a sample sent raw through the SDK,
 * chosen per engine: ENGINES.md lists what each engine wrongly accepts).
 */
@DynamoDbIT
class ServerValidationIT {

    private final DynamoDbClient client;
    private final TestTable testTable;
    private final Table table;

    ServerValidationIT(DynamoDbClient client, TestTable testTable) {
        this.client = client;
        this.testTable = testTable;
        this.table = testTable.on(client);
    }

    // ---- what we accept, the server accepts

    @Test
    void theServerAcceptsGeneratedUpdatesAndConditionsThatWeRender(Engine engine) {
        Key key = Key.of("gen", "x");
        Gen<Condition> conditions = ValidationGenerators.conditions(2, engine == Engine.DYNALITE);
        // Trees our renderer rejects are counted, not sent: with "assuming", QuickTheories gives up when it
        // discards too many, and the renderer rejects a good share of random trees (as DynamoDB would).
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        qt().withExamples(400).forAll(ValidationGenerators.updates(), conditions)
                .checkAssert((u, c) -> {
                    if (!renders(() -> Renderer.update(u, c))) {
                        return;
                    }
                    sent.incrementAndGet();
                    table.put(ValidationGenerators.BASE);
                    Either<Failure, ?> outcome = table.update(UpdateItem.of(key, u).withCondition(c));
                    assertTrue(outcome.isRight() || outcome.getLeft() instanceof Failure.ConditionFailed, outcome::toString);
                    table.query(Query.of(partitionKey("pk", value("gen"))).withFilter(c)).toList();
                });
        assertTrue(sent.get() >= 40, "only " + sent.get() + " of 400 generated requests rendered; the sample is too thin");
    }

    @Test
    void theServerAcceptsGeneratedProjectionsThatWeRender() {
        table.put(ValidationGenerators.BASE);
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        qt().withExamples(200).forAll(ValidationGenerators.projections())
                .checkAssert(p -> {
                    if (!renders(() -> Renderer.projection(p))) {
                        return;
                    }
                    sent.incrementAndGet();
                    Item projected = table.get(GetItem.of(Key.of("gen", "x")).withProjection(p), Item.codec())
                            .orElse(Item.of(Map.of()));
                    assertTrue(ValidationGenerators.BASE.keySet().containsAll(projected.keySet()), projected::toString);
                });
        assertTrue(sent.get() >= 40, "only " + sent.get() + " of 200 generated projections rendered");
    }

    private static boolean renders(Runnable render) {
        try {
            render.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---- what we reject, the server rejects

    /**
     * One kind of invalid input.
     *
     * @param name what is wrong
     * @param ours builds, renders or sends it through our API, which must throw IllegalArgumentException
     * @param raw the equivalent request sent raw through the SDK (a request that succeeds if the server accepts it)
     * @param fragment a stable part of DynamoDB's message
     * @param acceptedBy engines that wrongly accept it (ENGINES.md)
     * @param otherwise engines that reject it for another reason, with a stable part of their message (ENGINES.md)
     */
    record Invalid(String name, Ours ours, RawRequest raw, String fragment, Set<Engine> acceptedBy,
                   Map<Engine, String> otherwise) {

        Invalid(String name, Ours ours, RawRequest raw, String fragment, Set<Engine> acceptedBy) {
            this(name, ours, raw, fragment, acceptedBy, Map.of());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Our side of an invalid input, given the class's table. */
    interface Ours {
        void run(Table table);
    }

    /** A raw SDK request against the class's table. */
    interface RawRequest {
        void send(DynamoDbClient client, String table);
    }

    static Stream<Invalid> invalidInput() {
        List<Value> hundredAndOne = IntStream.range(0, 101).mapToObj(i -> (Value) value(i)).toList();
        List<Condition> fourHundred = IntStream.range(0, 400).mapToObj(i -> (Condition) eq(path("a"), value(i))).toList();
        return Stream.of(
                new Invalid("overlapping update paths",
                        t -> Renderer.update(update(set(path("a"), value(1)), set(path("a.b"), value(2)))),
                        rawUpdate("SET #a = :v, #a.#b = :v", names("a", "b"), Map.of(":v", n("1"))),
                        "Two document paths overlap", Set.of()),
                new Invalid("conflicting update paths",
                        t -> Renderer.update(update(set(path("a[0]"), value(1)), set(path("a.b"), value(2)))),
                        rawUpdate("SET #a[0] = :v, #a.#b = :v", names("a", "b"), Map.of(":v", n("1"))),
                        "Two document paths conflict", Set.of(),
                        Map.of(Engine.DYNOXIDE, "document path provided in the update expression is invalid")),
                new Invalid("overlapping projection paths",
                        t -> Renderer.projection(projection("a", "a.b")),
                        rawGet("#a, #a.#b", names("a", "b")),
                        "Two document paths overlap", Set.of()),
                new Invalid("conflicting projection paths",
                        t -> Renderer.projection(projection("a[0]", "a.b")),
                        rawGet("#a[0], #a.#b", names("a", "b")),
                        "Two document paths conflict", Set.of(Engine.DYNOXIDE)),
                new Invalid("an empty string set",
                        t -> stringSet(),
                        rawUpdate("SET #a = :v", names("a"), Map.of(":v", AttributeValue.fromSs(List.of()))),
                        "may not be empty", Set.of()),
                new Invalid("a set with duplicate members",
                        t -> stringSet("x", "x"),
                        rawUpdate("SET #a = :v", names("a"), Map.of(":v", AttributeValue.fromSs(List.of("x", "x")))),
                        "contains duplicates", Set.of()),
                new Invalid("IN with 101 operands",
                        t -> in(path("a"), hundredAndOne),
                        rawUpdate("SET #a = :v0", names("a"), values(101), "NOT (#a IN ("
                                + IntStream.range(0, 101).mapToObj(i -> ":v" + i).collect(Collectors.joining(", ")) + "))"),
                        "IN", Set.of(Engine.DYNOXIDE, Engine.DYNALITE)),
                new Invalid("an expression over 4 KB",
                        t -> Renderer.condition(new Condition.Or(fourHundred)),
                        rawUpdate("SET #a = :v0", names("a"), values(1), "attribute_not_exists(#a) OR "
                                + IntStream.range(0, 400).mapToObj(i -> "#a = :v0").collect(Collectors.joining(" OR "))),
                        "size", Set.of(Engine.DYNALITE)),
                new Invalid("a number of 39 significant digits",
                        t -> value(new BigDecimal("123456789012345678901234567890123456789")),
                        rawUpdate("SET #a = :v", names("a"), Map.of(":v", n("123456789012345678901234567890123456789"))),
                        "significant digits", Set.of()),
                new Invalid("a number of magnitude 1E+126",
                        t -> value(new BigDecimal("1E+126")),
                        rawUpdate("SET #a = :v", names("a"), Map.of(":v", n("1E+126"))),
                        "overflow", Set.of()),
                new Invalid("a number of magnitude 1E-131",
                        t -> value(new BigDecimal("1E-131")),
                        rawUpdate("SET #a = :v", names("a"), Map.of(":v", n("1E-131"))),
                        "underflow", Set.of()),
                new Invalid("a document nested 33 levels deep",
                        t -> value(nested(33)),
                        rawUpdate("SET #a = :v", names("a"), Map.of(":v", nestedAttribute(33))),
                        "Nesting", Set.of(Engine.DYNALITE)),
                new Invalid("ADD of a string",
                        t -> add(path("a"), value("x")),
                        rawUpdate("ADD #a :v", names("a"), Map.of(":v", s("x"))),
                        "Incorrect operand type", Set.of()),
                new Invalid("DELETE of a number",
                        t -> delete(path("a"), value(1)),
                        rawUpdate("DELETE #a :v", names("a"), Map.of(":v", n("1"))),
                        "Incorrect operand type", Set.of()),
                new Invalid("begins_with of a number",
                        t -> beginsWith(path("a"), value(1)),
                        rawUpdate("SET #a = :v", names("a"), Map.of(":v", n("1")), "NOT begins_with(#a, :v)"),
                        "Incorrect operand type", Set.of()),
                new Invalid("an update without actions",
                        t -> Renderer.update(new Update(List.of())),
                        rawUpdate("", Map.of(), Map.of()),
                        "empty", Set.of()),
                new Invalid("a sort-key condition with <>",
                        t -> new KeyCondition.Comparison("sk", Condition.Comparator.NE, value("x")),
                        rawQuery("#pk = :p AND #sk <> :s", names("pk", "sk"), Map.of(":p", s("p"), ":s", s("x"))),
                        "KeyConditionExpression", Set.of()),
                new Invalid("begins_with on a string sort key with a number",
                        t -> sortKey("sk").beginsWith(value(1)),
                        rawQuery("#pk = :p AND begins_with(#sk, :s)", names("pk", "sk"), Map.of(":p", s("p"), ":s", n("1"))),
                        "begins_with", Set.of(Engine.DYNOXIDE)),
                new Invalid("a key value that is not a string, number or binary",
                        t -> Key.of(true, "x"),
                        (client, table) -> client.getItem(b -> b.tableName(table)
                                .key(Map.of("pk", AttributeValue.fromBool(true), "sk", s("x")))),
                        "key", Set.of()),
                new Invalid("an update of a key attribute",
                        t -> t.update(UpdateItem.of(Key.of("raw", "x"), update(set(path("pk"), value("other"))))),
                        rawUpdate("SET #pk = :v", names("pk"), Map.of(":v", s("other"))),
                        "part of the key", Set.of()),
                new Invalid("a cursor without the table's sort key",
                        t -> t.query(Query.of(partitionKey("pk", value("raw"))).withStartAfter(partitionOnlyCursor(t))),
                        (client, table) -> client.query(b -> b.tableName(table).keyConditionExpression("#pk = :p")
                                .expressionAttributeNames(names("pk")).expressionAttributeValues(Map.of(":p", s("raw")))
                                .exclusiveStartKey(Map.of("pk", s("raw")))),
                        "starting key", Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInput")
    void whatWeRejectTheServerRejects(Invalid invalid, Engine engine) {
        assertThrows(IllegalArgumentException.class, () -> invalid.ours().run(table), "we must reject " + invalid.name());
        if (invalid.acceptedBy().contains(engine)) {
            invalid.raw().send(client, testTable.name()); // wrongly accepted: ENGINES.md
        } else {
            rejected("ValidationException", () -> invalid.raw().send(client, testTable.name()),
                    invalid.otherwise().getOrDefault(engine, invalid.fragment()));
        }
    }

    /** A cursor naming only the partition key: what a stream over a wrongly declared schema hands out. */
    private static String partitionOnlyCursor(Table t) {
        t.put(Item.of(Map.of("pk", "raw", "sk", "x")));
        Table wrong = Table.of(t.client(), t.name(), dev.dynamatic.core.KeySchema.of("pk"));
        try (var s = wrong.scan(dev.dynamatic.core.Scan.of())) {
            s.iterator().next();
            return s.cursor().orElseThrow();
        }
    }

    // ---- raw request builders

    private static Map<String, String> names(String... names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : names) {
            m.put("#" + name, name);
        }
        return m;
    }

    private static Map<String, AttributeValue> values(int count) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            m.put(":v" + i, n(Integer.toString(i)));
        }
        return m;
    }

    private static AttributeValue n(String n) {
        return AttributeValue.fromN(n);
    }

    private static AttributeValue s(String s) {
        return AttributeValue.fromS(s);
    }

    private static Map<String, Object> nested(int levels) {
        Map<String, Object> m = Map.of("leaf", 1);
        for (int i = 1; i < levels; i++) {
            m = Map.of("m", m);
        }
        return m;
    }

    /** A map value nested {@code levels} deep, as the SDK sends it (our own code refuses to build it). */
    private static AttributeValue nestedAttribute(int levels) {
        AttributeValue v = AttributeValue.fromM(Map.of("leaf", n("1")));
        for (int i = 1; i < levels; i++) {
            v = AttributeValue.fromM(Map.of("m", v));
        }
        return v;
    }

    private static final Map<String, AttributeValue> KEY = Map.of("pk", s("raw"), "sk", s("x"));

    private static RawRequest rawUpdate(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        return rawUpdate(expression, names, values, null);
    }

    private static RawRequest rawUpdate(String expression, Map<String, String> names, Map<String, AttributeValue> values,
                                     String condition) {
        return (client, table) -> client.updateItem(b -> b.tableName(table).key(KEY).updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values.isEmpty() ? null : values));
    }

    private static RawRequest rawGet(String projection, Map<String, String> names) {
        return (client, table) -> client.getItem(b -> b.tableName(table).key(KEY).projectionExpression(projection)
                .expressionAttributeNames(names));
    }

    private static RawRequest rawQuery(String keyCondition, Map<String, String> names, Map<String, AttributeValue> values) {
        return (client, table) -> client.query(b -> b.tableName(table).keyConditionExpression(keyCondition)
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }
}
