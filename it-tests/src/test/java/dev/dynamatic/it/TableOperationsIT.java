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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.DeleteItem;
import dev.dynamatic.core.Failure;
import dev.dynamatic.core.GetItem;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Result;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.it.server.Engine;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
        assertEquals(Optional.empty(), table.get(Key.of("user#nobody", "profile"), ItemCodec.items()));
    }

    @Test
    void getsOnlyTheProjectedAttributes() {
        Result<Optional<Item>, GetItemResponse> r = table.get(
                GetItem.of(Key.of("user#ada", "profile")).projection(projection("name", "address.city", "langs[1]")),
                ItemCodec.items());
        assertEquals(Optional.of(item("name", "Ada", "address", item("city", "London"), "langs", List.of("fr"))),
                r.value());
    }

    @Test
    void getsConsistentlyAndReportsTheCapacityAskedFor(Engine engine) {
        List<GetItemRequest> sent = new ArrayList<>();
        Result<Optional<Item>, GetItemResponse> r = table.get(GetItem.of(Key.of("user#ada", "profile"))
                        .consistentRead(true)
                        .customize(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                        .customize(b -> sent.add(b.build())),
                ItemCodec.items());
        assertEquals(Optional.of(ADA), r.value());
        assertEquals(Boolean.TRUE, sent.getFirst().consistentRead());
        assertCapacity(engine, 1.0, r.response().consumedCapacity());

        Result<Optional<Item>, GetItemResponse> eventual = table.get(GetItem.of(Key.of("user#ada", "profile"))
                .customize(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)), ItemCodec.items());
        assertCapacity(engine, 0.5, eventual.response().consumedCapacity());
    }

    @Test
    void getWithoutACustomizerReportsNoCapacity() {
        Result<Optional<Item>, GetItemResponse> r = table.get(GetItem.of(Key.of("user#ada", "profile")), ItemCodec.items());
        assertNull(r.response().consumedCapacity());
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
        Result<Optional<Item>, PutItemResponse> r = right(table.put(PutItem.of(replacement).returningOld()));
        assertEquals(Optional.of(ADA), r.value());
        assertEquals(Optional.of(replacement), table.get(Key.of("user#ada", "profile")));

        Result<Optional<Item>, PutItemResponse> fresh = right(table.put(
                PutItem.of(item("pk", "user#fresh", "sk", "profile")).returningOld()));
        assertEquals(Optional.empty(), fresh.value());
    }

    @Test
    void putWithoutReturningOldReturnsNothing() {
        assertEquals(Optional.empty(), right(table.put(PutItem.of(with(ADA, "born", 1)))).value());
    }

    @Test
    void conditionalPutWritesWhenTheConditionHolds() {
        Item bob = item("pk", "user#bob", "sk", "profile", "name", "Bob");
        right(table.put(PutItem.of(bob).condition(attributeNotExists(path("pk")))));
        assertEquals(Optional.of(bob), table.get(Key.of("user#bob", "profile")));
    }

    @Test
    void failedPutConditionGivesTheItemAsItWas(Engine engine) {
        Either<Failure, Result<Optional<Item>, PutItemResponse>> outcome = table.put(
                PutItem.of(item("pk", "user#ada", "sk", "profile", "name", "Impostor"))
                        .condition(attributeNotExists(path("pk"))));
        assertOldItem(engine, ADA, conditionFailed(outcome));
        assertEquals(Optional.of(ADA), table.get(Key.of("user#ada", "profile")));
    }

    @Test
    void putReportsTheCapacityAskedFor(Engine engine) {
        Result<Optional<Item>, PutItemResponse> r = right(table.put(PutItem.of(with(ADA, "born", 1))
                .customize(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))));
        assertCapacity(engine, 1.0, r.response().consumedCapacity());
    }

    @Test
    void theCustomizerRunsLastAndCanUndoAnOption() {
        // returningOld() sets ReturnValues=ALL_OLD; the customizer, applied after it, turns it off again.
        Result<Optional<Item>, PutItemResponse> r = right(table.put(PutItem.of(with(ADA, "born", 2)).returningOld()
                .customize(b -> b.returnValues(ReturnValue.NONE))));
        assertEquals(Optional.empty(), r.value());
        assertFalse(r.response().hasAttributes());
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
        Result<Optional<Item>, UpdateItemResponse> r = right(table.update(
                UpdateItem.of(Key.of("user#ada", "profile"), update(set(path("born"), value(1816))))));
        assertEquals(Optional.empty(), r.value());
        assertEquals(Optional.of(with(ADA, "born", 1816)), table.get(Key.of("user#ada", "profile")));
    }

    @ParameterizedTest
    @EnumSource(value = ReturnValue.class, names = {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"})
    void updateReturnsWhatWasAskedFor(ReturnValue returnValue) {
        UpdateItem u = UpdateItem.of(Key.of("user#ada", "profile"),
                        update(set(path("name"), value("Augusta Ada")), set(path("address.city"), value("Marylebone")),
                                remove(path("born"))))
                .returning(returnValue);
        Optional<Item> returned = right(table.update(u)).value();
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
                .condition(eq(path("name"), value("Ada"))).returning(ReturnValue.UPDATED_NEW))).value();
        assertEquals(Optional.of(item("name", "Countess")), r);
    }

    @Test
    void failedUpdateConditionGivesTheItemAsItWas(Engine engine) {
        var outcome = table.update(UpdateItem.of(Key.of("user#ada", "profile"), update(set(path("name"), value("X"))))
                .condition(eq(path("name"), value("Grace"))).returning(ReturnValue.ALL_NEW));
        assertOldItem(engine, ADA, conditionFailed(outcome));
        assertEquals(Optional.of(ADA), table.get(Key.of("user#ada", "profile")));
    }

    @Test
    void failedConditionOnAMissingItemGivesNoItem() {
        var outcome = table.update(UpdateItem.of(Key.of("user#ghost", "profile"), update(set(path("name"), value("X"))))
                .condition(attributeExists(path("pk"))));
        assertEquals(Optional.empty(), conditionFailed(outcome).item());
        assertEquals(Optional.empty(), table.get(Key.of("user#ghost", "profile")));
    }

    @Test
    void updateReportsTheCapacityAskedFor(Engine engine) {
        Result<Optional<Item>, UpdateItemResponse> r = right(table.update(
                UpdateItem.of(Key.of("user#ada", "profile"), update(set(path("born"), value(1))))
                        .customize(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))));
        assertCapacity(engine, 1.0, r.response().consumedCapacity());
    }

    // ---- delete

    @Test
    void deleteRemovesTheItem() {
        assertEquals(Optional.empty(), right(table.delete(DeleteItem.of(Key.of("user#ada", "profile")))).value());
        assertEquals(Optional.empty(), table.get(Key.of("user#ada", "profile")));
    }

    @Test
    void deleteReturnsTheDeletedItemWhenAsked() {
        assertEquals(Optional.of(ADA),
                right(table.delete(DeleteItem.of(Key.of("user#ada", "profile")).returningOld())).value());
        assertEquals(Optional.empty(),
                right(table.delete(DeleteItem.of(Key.of("user#ada", "profile")).returningOld())).value());
    }

    @Test
    void conditionalDeleteDeletesWhenTheConditionHolds() {
        right(table.delete(DeleteItem.of(Key.of("user#ada", "profile")).condition(eq(path("born"), value(1815)))));
        assertEquals(Optional.empty(), table.get(Key.of("user#ada", "profile")));
    }

    @Test
    void failedDeleteConditionGivesTheItemAsItWas(Engine engine) {
        var outcome = table.delete(DeleteItem.of(Key.of("user#ada", "profile"))
                .condition(eq(path("born"), value(1900))).returningOld());
        assertOldItem(engine, ADA, conditionFailed(outcome));
        assertEquals(Optional.of(ADA), table.get(Key.of("user#ada", "profile")));
    }

    @Test
    void deleteReportsTheCapacityAskedFor(Engine engine) {
        var r = right(table.delete(DeleteItem.of(Key.of("user#ada", "profile"))
                .customize(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))));
        assertCapacity(engine, 1.0, r.response().consumedCapacity());
    }

    @Test
    void aKeyThatDoesNotFitTheSchemaIsRejectedBeforeSending() {
        IllegalArgumentException noSort = assertThrows(IllegalArgumentException.class,
                () -> table.delete(DeleteItem.of(Key.of("user#ada"))));
        assertTrue(noSort.getMessage().contains("needs a sort value"), noSort.getMessage());
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
