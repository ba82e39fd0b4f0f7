package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.ge;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.it.Fixtures.conditionFailed;
import static dev.dynamatic.it.Fixtures.item;
import static dev.dynamatic.it.Fixtures.right;
import static dev.dynamatic.it.Fixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.AsyncTable;
import dev.dynamatic.core.DeleteItem;
import dev.dynamatic.core.GetItem;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.Page;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.Scan;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.it.server.DynamoDbServer;
import dev.dynamatic.it.server.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** The asynchronous twin: single-item operations and page-at-a-time queries and scans with cursors. */
@DynamoDbIT
class AsyncTableIT {

    private static final List<Item> PAGED = IntStream.range(0, 57).mapToObj(i -> item(
            "pk", "paged", "sk", String.format("i%03d", i), "n", i)).toList();

    private final DynamoDbAsyncClient async;
    private final AsyncTable table;
    private final Table sync;

    AsyncTableIT(DynamoDbAsyncClient async, DynamoDbClient client, TestTable testTable) {
        this.async = async;
        this.table = AsyncTable.of(async, testTable.name(), testTable.keySchema());
        this.sync = testTable.on(client);
    }

    @BeforeAll
    static void seed(DynamoDbClient client, TestTable testTable) {
        Table t = testTable.on(client);
        PAGED.forEach(t::put);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    @Test
    void putsGetsUpdatesAndDeletes(Engine engine) throws Exception {
        Item one = item("pk", "single", "sk", "one", "n", 1, "name", "first");
        assertEquals(Optional.empty(), right(await(table.put(PutItem.of(one).withReturnOld(true)))).item());
        assertEquals(Optional.of(one), await(table.get(Key.of("single", "one"))));
        assertEquals(Optional.of(one), await(table.get(Key.of("single", "one"), Item.codec())));

        List<GetItemRequest> sent = new ArrayList<>();
        Optional<Item> got = await(table.get(GetItem.of(Key.of("single", "one")).withProjection(projection("name"))
                .withConsistentRead(true).withCustomizer(b -> sent.add(b.build())), Item.codec()));
        assertEquals(Optional.of(item("name", "first")), got);
        assertEquals(Boolean.TRUE, sent.getFirst().consistentRead());

        Optional<Item> updated = right(await(table.update(UpdateItem.of(Key.of("single", "one"),
                        update(set(path("name"), value("second")))).withCondition(eq(path("n"), value(1)))
                .withReturnValues(ReturnValue.UPDATED_NEW), Item.codec()))).item();
        assertEquals(Optional.of(item("name", "second")), updated);

        var failed = await(table.update(UpdateItem.of(Key.of("single", "one"), update(set(path("name"), value("x"))))
                .withCondition(eq(path("n"), value(2))), Item.codec()));
        TableOperationsIT.assertOldItem(engine, with(one, "name", "second"), conditionFailed(failed));

        var failedDelete = await(table.delete(DeleteItem.of(Key.of("single", "one")).withCondition(eq(path("n"), value(2))),
                Item.codec()));
        TableOperationsIT.assertOldItem(engine, with(one, "name", "second"), conditionFailed(failedDelete));

        assertEquals(Optional.of(with(one, "name", "second")),
                right(await(table.delete(DeleteItem.of(Key.of("single", "one")).withReturnOld(true), Item.codec()))).item());
        assertEquals(Optional.empty(), await(table.get(Key.of("single", "one"))));
        assertEquals(Optional.empty(), sync.get(Key.of("single", "one")));
    }

    @Test
    void aGetCustomizerReachesTheServer(DynamoDbServer server, TestTable testTable) throws Exception {
        // a get returns only the item: what the customizer asked for is read from the SDK's response
        Responses responses = new Responses();
        try (DynamoDbAsyncClient recording = responses.asyncClient(server)) {
            AsyncTable t = AsyncTable.of(recording, testTable.name(), testTable.keySchema());
            assertEquals(table.schema(), t.schema());
            assertEquals(recording, t.client());
            assertEquals(Optional.of(PAGED.getFirst()), await(t.get(GetItem.of(Key.of("paged", "i000"))
                    .withConsistentRead(true)
                    .withCustomizer(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)), Item.codec())));
            assertEquals(1.0, responses.last(GetItemResponse.class).consumedCapacity().capacityUnits());
        }
    }

    @Test
    void queryPagesFollowTheirCursors() throws Exception {
        Query q = Query.of(partitionKey("pk", value("paged"))).withPageSize(10);
        List<Page<Item>> pages = pages(cursor -> table.queryPage(cursor.map(q::withStartAfter).orElse(q), Item.codec()));
        assertEquals(PAGED, pages.stream().flatMap(p -> p.items().stream()).toList());
        assertEquals(10, pages.getFirst().items().size());
    }

    @Test
    void aLimitCutsAPageAndItsCursorResumesAfterTheLastItemKept() throws Exception {
        // limit 7 on pages of 10 filtered items: each page is cut, its cursor points inside the page read
        Query q = Query.of(partitionKey("pk", value("paged"))).withFilter(ge(path("n"), value(0))).withPageSize(10).withLimit(7);
        List<Page<Item>> pages = pages(cursor -> table.queryPage(cursor.map(q::withStartAfter).orElse(q), Item.codec()));
        assertEquals(PAGED, pages.stream().flatMap(p -> p.items().stream()).toList());
        assertTrue(pages.stream().allMatch(p -> p.items().size() <= 7), pages::toString);
    }

    @Test
    void queryPageWithAProjectionHandsOutOnlyTheProjection() throws Exception {
        Query q = Query.of(partitionKey("pk", value("paged"))).withProjection(projection("n")).withPageSize(20);
        List<Page<Item>> pages = pages(cursor -> table.queryPage(cursor.map(q::withStartAfter).orElse(q), Item.codec()));
        assertEquals(PAGED.stream().map(i -> item("n", i.get("n"))).toList(),
                pages.stream().flatMap(p -> p.items().stream()).toList());
    }

    @Test
    void scanPagesFollowTheirCursors() throws Exception {
        Scan s = Scan.of().withPageSize(8);
        List<Item> all = pages(cursor -> table.scanPage(cursor.map(s::withStartAfter).orElse(s), Item.codec()))
                .stream().flatMap(p -> p.items().stream()).toList();
        assertEquals(sync.scan(Scan.of()).toList(), all);
        assertTrue(all.containsAll(PAGED));
    }

    @Test
    void misuseThrowsAtTheCallAndServerErrorsCompleteExceptionally() {
        assertThrows(IllegalArgumentException.class, () -> table.get(Key.of("only-partition")));
        AsyncTable missing = AsyncTable.of(async, "no-such-table", KeySchema.of("pk", "sk"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(missing.get(Key.of("a", "b"))));
        assertTrue(e.getCause() instanceof ResourceNotFoundException, e::toString);
    }

    /** Fetches pages until a page has no cursor. */
    private static List<Page<Item>> pages(Function<Optional<String>, CompletableFuture<Page<Item>>> fetch)
            throws Exception {
        List<Page<Item>> pages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Item> page = await(fetch.apply(cursor));
            pages.add(page);
            cursor = page.cursor();
            assertTrue(pages.size() < 100, "no progress");
        } while (cursor.isPresent());
        return pages;
    }
}
