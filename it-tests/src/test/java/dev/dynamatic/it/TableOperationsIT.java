package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.attributeExists;
import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.remove;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.it.Fixtures.conditionFailed;
import static dev.dynamatic.it.Fixtures.item;
import static dev.dynamatic.it.Fixtures.right;
import static dev.dynamatic.it.Fixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.DeleteItem;
import dev.dynamatic.core.Failure;
import dev.dynamatic.core.GetItem;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.core.Written;
import dev.dynamatic.it.server.DynamoDbServer;
import dev.dynamatic.it.server.Engine;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** Every single-item operation of {@link Table} and each of its options, read back from the server. */
@DynamoDbIT
class TableOperationsIT {

    private static final Item ADA = item("pk", "user#ada", "sk", "profile", "name", "Ada", "born", 1815,
            "langs", List.of("en", "fr"), "address", item("city", "London", "zip", "W1"));

    private final Table table;

    TableOperationsIT(DynamoDbClient client, TestTable testTable) {
        this.table = testTable.on(client);
    }

    @BeforeEach
    void writeAda() {
        table.put(ADA);
    }

    // ---- get

    @Test
    void getsWhatWasPut() {
        assertEquals(Optional.of(ADA), table.get(Key.of("user#ada", "profile")));
    }

    @Test
    void getOfAMissingKeyIsEmpty() {
        assertEquals(Optional.empty(), table.get(Key.of("user#ada", "nothing")));
        assertEquals(Optional.empty(), table.get(Key.of("user#nobody", "profile"), Item.codec()));
    }

    @Test
    void getsOnlyTheProjectedAttributes() {
        Optional<Item> r = table.get(
                GetItem.of(Key.of("user#ada", "profile")).withProjection(projection("name", "address.city", "langs[1]")),
                Item.codec());
        assertEquals(Optional.of(item("name", "Ada", "address", item("city", "London"), "langs", List.of("fr"))), r);
    }

    @Test
    void getsConsistentlyAndTheServerReportsTheCapacityAskedFor(Engine engine, DynamoDbServer server,
                                                                TestTable testTable) {
        // a get returns only the item: the capacity the customizer asked for is read from the SDK's response
        Responses responses = new Responses();
        try (DynamoDbClient recording = responses.client(server)) {
            Table t = testTable.on(recording);
            List<GetItemRequest> sent = new ArrayList<>();
            Optional<Item> r = t.get(GetItem.of(Key.of("user#ada", "profile"))
                            .withConsistentRead(true)
                            .withCustomizer(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                            .withCustomizer(b -> sent.add(b.build())),
                    Item.codec());
            assertEquals(Optional.of(ADA), r);
            assertEquals(Boolean.TRUE, sent.getFirst().consistentRead());
            assertEquals(ReturnConsumedCapacity.TOTAL, sent.getFirst().returnConsumedCapacity());
            assertCapacity(engine, 1.0, responses.last(GetItemResponse.class).consumedCapacity());

            assertEquals(Optional.of(ADA), t.get(GetItem.of(Key.of("user#ada", "profile"))
                    .withCustomizer(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)), Item.codec()));
            assertCapacity(engine, 0.5, responses.last(GetItemResponse.class).consumedCapacity());
        }
    }

    @Test
    void getWithoutACustomizerAsksForNoCapacity(DynamoDbServer server, TestTable testTable) {
        Responses responses = new Responses();
        try (DynamoDbClient recording = responses.client(server)) {
            assertEquals(Optional.of(ADA), testTable.on(recording).get(GetItem.of(Key.of("user#ada", "profile")),
                    Item.codec()));
            assertNull(responses.last(GetItemResponse.class).consumedCapacity());
        }
    }

    // ---- put

    @Test
    void putReplacesTheWholeItem() {
        Item replacement = item("pk", "user#ada", "sk", "profile", "name", "Ada Lovelace");
        table.put(replacement);
        assertEquals(Optional.of(replacement), table.get(Key.of("user#ada", "profile")));
    }

    @Test
    void putReturnsTheItemItReplacedWhenAsked() {
        Item replacement = with(ADA, "born", 1816);
        Written<Item> r = right(table.put(PutItem.of(replacement).withReturnOld(true)));
        assertEquals(Optional.of(ADA), r.item());
        assertEquals(Optional.of(replacement), table.get(Key.of("user#ada", "profile")));

        Written<Item> fresh = right(table.put(
                PutItem.of(item("pk", "user#fresh", "sk", "profile")).withReturnOld(true)));
        assertEquals(Optional.empty(), fresh.item());
    }

    @Test
    void putWithoutReturningOldReturnsNothing() {
        assertEquals(Optional.empty(), right(table.put(PutItem.of(with(ADA, "born", 1)))).item());
    }

    @Test
    void conditionalPutWritesWhenTheConditionHolds() {
        Item bob = item("pk", "user#bob", "sk", "profile", "name", "Bob");
        right(table.put(PutItem.of(bob).withCondition(attributeNotExists(path("pk")))));
        assertEquals(Optional.of(bob), table.get(Key.of("user#bob", "profile")));
    }

    @Test
    void failedPutConditionGivesTheItemAsItWas(Engine engine) {
        Either<Failure, Written<Item>> outcome = table.put(
                PutItem.of(item("pk", "user#ada", "sk", "profile", "name", "Impostor"))
                        .withCondition(attributeNotExists(path("pk"))));
        assertOldItem(engine, ADA, conditionFailed(outcome));
        assertEquals(Optional.of(ADA), table.get(Key.of("user#ada", "profile")));
    }

    @Test
    void putReportsTheCapacityAskedFor(Engine engine) {
        Written<Item> r = right(table.put(PutItem.of(with(ADA, "born", 1))
                .withCustomizer(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))));
        assertCapacity(engine, 1.0, r.consumedCapacity().orElseThrow());
        assertEquals(r.consumedCapacity(), Optional.of(((PutItemResponse) r.response()).consumedCapacity()));
    }

    @Test
    void theCustomizerRunsLastAndCanUndoAnOption() {
        // withReturnOld(true) sets ReturnValues=ALL_OLD; the customizer, applied after it, turns it off again.
        Written<Item> r = right(table.put(PutItem.of(with(ADA, "born", 2)).withReturnOld(true)
                .withCustomizer(b -> b.returnValues(ReturnValue.NONE))));
        assertEquals(Optional.empty(), r.item());
        assertFalse(assertInstanceOf(PutItemResponse.class, r.response()).hasAttributes());
    }

    @Test
    void putOfAnItemWithoutItsKeyIsRejectedBeforeSending() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.put(item("pk", "user#x", "name", "no sort key")));
        assertTrue(e.getMessage().contains("\"sk\""), e.getMessage());
    }

    // ---- update

    @Test
    void updateReturnsNothingByDefault() {
        Written<Item> r = right(table.update(
                UpdateItem.of(Key.of("user#ada", "profile"), update(set(path("born"), value(1816))))));
        assertEquals(Optional.empty(), r.item());
        assertInstanceOf(UpdateItemResponse.class, r.response());
        assertEquals(Optional.of(with(ADA, "born", 1816)), table.get(Key.of("user#ada", "profile")));
    }

    @ParameterizedTest
    @EnumSource(value = ReturnValue.class, names = {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"})
    void updateReturnsWhatWasAskedFor(ReturnValue returnValue) {
        UpdateItem u = UpdateItem.of(Key.of("user#ada", "profile"),
                        update(set(path("name"), value("Augusta Ada")), set(path("address.city"), value("Marylebone")),
                                remove(path("born"))))
                .withReturnValues(returnValue);
        Optional<Item> returned = right(table.update(u)).item();
        Item after = item("pk", "user#ada", "sk", "profile", "name", "Augusta Ada", "langs", List.of("en", "fr"),
                "address", item("city", "Marylebone", "zip", "W1"));
        Optional<Item> expected = switch (returnValue) {
            case NONE -> Optional.empty();
            case ALL_OLD -> Optional.of(ADA);
            case UPDATED_OLD -> Optional.of(item("name", "Ada", "born", 1815, "address", item("city", "London")));
            case ALL_NEW -> Optional.of(after);
            // born was removed: it has no new value
            case UPDATED_NEW -> Optional.of(item("name", "Augusta Ada", "address", item("city", "Marylebone")));
            case UNKNOWN_TO_SDK_VERSION -> throw new AssertionError("not a parameter");
            case null -> throw new AssertionError("not a parameter");
            default -> throw new AssertionError("unexpected ReturnValue " + returnValue);
        };
        assertEquals(expected, returned);
        assertEquals(Optional.of(after), table.get(Key.of("user#ada", "profile")));
    }

    @Test
    void updateCreatesAMissingItem() {
        right(table.update(UpdateItem.of(Key.of("user#new", "profile"), update(set(path("name"), value("New"))))));
        assertEquals(Optional.of(item("pk", "user#new", "sk", "profile", "name", "New")),
                table.get(Key.of("user#new", "profile")));
    }

    @Test
    void conditionalUpdateWritesWhenTheConditionHolds() {
        Optional<Item> r = right(table.update(UpdateItem.of(Key.of("user#ada", "profile"),
                        update(set(path("name"), value("Countess"))))
                .withCondition(eq(path("name"), value("Ada"))).withReturnValues(ReturnValue.UPDATED_NEW))).item();
        assertEquals(Optional.of(item("name", "Countess")), r);
    }

    @Test
    void failedUpdateConditionGivesTheItemAsItWas(Engine engine) {
        var outcome = table.update(UpdateItem.of(Key.of("user#ada", "profile"), update(set(path("name"), value("X"))))
                .withCondition(eq(path("name"), value("Grace"))).withReturnValues(ReturnValue.ALL_NEW));
        assertOldItem(engine, ADA, conditionFailed(outcome));
        assertEquals(Optional.of(ADA), table.get(Key.of("user#ada", "profile")));
    }

    @Test
    void failedConditionOnAMissingItemGivesNoItem() {
        var outcome = table.update(UpdateItem.of(Key.of("user#ghost", "profile"), update(set(path("name"), value("X"))))
                .withCondition(attributeExists(path("pk"))));
        assertEquals(Optional.empty(), conditionFailed(outcome).item());
        assertEquals(Optional.empty(), table.get(Key.of("user#ghost", "profile")));
    }

    @Test
    void updateReportsTheCapacityAskedFor(Engine engine) {
        Written<Item> r = right(table.update(
                UpdateItem.of(Key.of("user#ada", "profile"), update(set(path("born"), value(1))))
                        .withCustomizer(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))));
        assertCapacity(engine, 1.0, r.consumedCapacity().orElseThrow());
    }

    // ---- delete

    @Test
    void deleteRemovesTheItem() {
        assertEquals(Optional.empty(), right(table.delete(DeleteItem.of(Key.of("user#ada", "profile")))).item());
        assertEquals(Optional.empty(), table.get(Key.of("user#ada", "profile")));
    }

    @Test
    void deleteReturnsTheDeletedItemWhenAsked() {
        assertEquals(Optional.of(ADA),
                right(table.delete(DeleteItem.of(Key.of("user#ada", "profile")).withReturnOld(true))).item());
        assertEquals(Optional.empty(),
                right(table.delete(DeleteItem.of(Key.of("user#ada", "profile")).withReturnOld(true))).item());
    }

    @Test
    void conditionalDeleteDeletesWhenTheConditionHolds() {
        right(table.delete(DeleteItem.of(Key.of("user#ada", "profile")).withCondition(eq(path("born"), value(1815)))));
        assertEquals(Optional.empty(), table.get(Key.of("user#ada", "profile")));
    }

    @Test
    void failedDeleteConditionGivesTheItemAsItWas(Engine engine) {
        var outcome = table.delete(DeleteItem.of(Key.of("user#ada", "profile"))
                .withCondition(eq(path("born"), value(1900))).withReturnOld(true));
        assertOldItem(engine, ADA, conditionFailed(outcome));
        assertEquals(Optional.of(ADA), table.get(Key.of("user#ada", "profile")));
    }

    @Test
    void deleteReportsTheCapacityAskedFor(Engine engine) {
        var r = right(table.delete(DeleteItem.of(Key.of("user#ada", "profile"))
                .withCustomizer(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))));
        assertCapacity(engine, 1.0, r.consumedCapacity().orElseThrow());
    }

    @Test
    void aKeyThatDoesNotFitTheSchemaIsRejectedBeforeSending() {
        IllegalArgumentException noSort = assertThrows(IllegalArgumentException.class,
                () -> table.delete(DeleteItem.of(Key.of("user#ada"))));
        assertTrue(noSort.getMessage().contains("has no sort value"), noSort.getMessage());
        assertEquals(Optional.of(ADA), table.get(Key.of("user#ada", "profile")));
    }

    @Test
    void aKeyValueOfAnotherTypeThanDeclaredIsRejectedBeforeSending(DynamoDbServer server, TestTable testTable) {
        // KeySchema.of("pk", "sk") declares string keys; the engines would accept or reject a number themselves
        Responses responses = new Responses();
        try (DynamoDbClient recording = responses.client(server)) {
            Table t = testTable.on(recording);
            IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                    () -> t.delete(DeleteItem.of(Key.of("user#ada", 7))));
            assertTrue(number.getMessage().endsWith("sort key \"sk\" is declared S, but the key's sort value is N"),
                    number.getMessage());
            IllegalArgumentException put = assertThrows(IllegalArgumentException.class,
                    () -> t.put(item("pk", 42, "sk", "profile")));
            assertTrue(put.getMessage().contains("\"pk\" is declared S"), put.getMessage());
            assertThrows(IllegalArgumentException.class, () -> t.get(Key.of(new byte[] {1}, "profile")));
            assertThrows(AssertionError.class, () -> responses.last(SdkResponse.class), "nothing was sent");
        }
        assertEquals(Optional.of(ADA), table.get(Key.of("user#ada", "profile")));
    }

    // ---- per engine

    /** The item a failed condition carries: DynamoDB returns it with ALL_OLD; dynalite 4.0.0 does not (ENGINES.md). */
    static void assertOldItem(Engine engine, Item expected, Failure.ConditionFailed failure) {
        switch (engine) {
            case DYNOXIDE -> assertEquals(Optional.of(expected), failure.item());
            case DYNALITE -> assertEquals(Optional.empty(), failure.item());
        }
        assertTrue(failure.message().contains("conditional request failed"), failure.message());
    }

    /** Consumed capacity as DynamoDB reports it for a small item (ENGINES.md has what each engine does). */
    static void assertCapacity(Engine engine, double expected, ConsumedCapacity capacity) {
        switch (engine) {
            case DYNOXIDE, DYNALITE -> {
                assertEquals(expected, capacity.capacityUnits(), 0.0, capacity::toString);
            }
        }
    }
}
