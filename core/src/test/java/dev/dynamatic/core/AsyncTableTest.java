package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dynamatic.core.internal.Cursors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** The asynchronous table's reads and pages, over an async client that answers with SDK responses built in-process. */
class AsyncTableTest {

    /** Answers with the responses given, and keeps the requests. */
    static class Answering implements DynamoDbAsyncClient {
        final List<Object> requests = new ArrayList<>();
        final List<Object> responses = new ArrayList<>();

        @SuppressWarnings("unchecked")
        private <T> CompletableFuture<T> next(Object request) {
            requests.add(request);
            return CompletableFuture.completedFuture((T) responses.removeFirst());
        }

        @Override
        public CompletableFuture<GetItemResponse> getItem(GetItemRequest r) {
            return next(r);
        }

        @Override
        public CompletableFuture<QueryResponse> query(QueryRequest r) {
            return next(r);
        }

        @Override
        public CompletableFuture<ScanResponse> scan(ScanRequest r) {
            return next(r);
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private static Map<String, AttributeValue> row(String sk, int n) {
        return Map.of("PK", AttributeValue.fromS("a"), "SK", AttributeValue.fromS(sk), "n", AttributeValue.fromN(Integer.toString(n)));
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void getsDecodeWithTheCallersCodecOrGiveNothing() throws Exception {
        Answering client = new Answering();
        client.responses.add(GetItemResponse.builder().item(row("b", 1)).build());
        client.responses.add(GetItemResponse.builder().build());
        AsyncTable table = AsyncTable.of(client, "T", KeySchema.of("PK", "SK"));
        record Row(String PK, String SK, int n) {
        }
        assertEquals(Optional.of(new Row("a", "b", 1)), await(table.get(Key.of("a", "b"),
                RecordCodec.of(Row.class, java.lang.invoke.MethodHandles.lookup()))));
        assertEquals(Optional.empty(), await(table.get(Key.of("a", "c"))));
        assertEquals(GetItemRequest.builder().tableName("T").key(Map.of("PK", AttributeValue.fromS("a"),
                "SK", AttributeValue.fromS("b"))).build(), client.requests.getFirst());
        assertEquals("T", table.name());
        assertEquals(KeySchema.of("PK", "SK"), table.schema());
        assertEquals(client, table.client());
        assertEquals("AsyncTable[T, KeySchema[PK:S, SK:S]]", table.toString());
    }

    @Test
    void aLimitedPageEndsAtItsLimitWithACursorAfterTheLastItemKept() throws Exception {
        Answering client = new Answering();
        client.responses.add(QueryResponse.builder().items(List.of(row("1", 1), row("2", 2), row("3", 3)))
                .lastEvaluatedKey(Map.of("PK", AttributeValue.fromS("a"), "SK", AttributeValue.fromS("3"))).build());
        AsyncTable table = AsyncTable.of(client, "T", KeySchema.of("PK", "SK"));
        Page<Item> page = await(table.queryPage(Query.of(partitionKey("PK", value("a"))).withProjection(projection("n"))
                .withLimit(2), Item.codec()));
        assertEquals(List.of(Item.of(Map.of("n", 1)), Item.of(Map.of("n", 2))), page.items(), "the added keys stripped");
        assertEquals(Map.of("PK", AttributeValue.fromS("a"), "SK", AttributeValue.fromS("2")),
                Cursors.decode(page.cursor().orElseThrow()));
        assertEquals(2, ((QueryRequest) client.requests.getFirst()).limit());
    }

    @Test
    void aWholePageCarriesDynamoDbsCursorOrNoneAtTheEnd() throws Exception {
        Answering client = new Answering();
        client.responses.add(ScanResponse.builder().items(List.of(row("1", 1)))
                .lastEvaluatedKey(Map.of("PK", AttributeValue.fromS("a"), "SK", AttributeValue.fromS("1"))).build());
        client.responses.add(ScanResponse.builder().items(List.of()).build());
        AsyncTable table = AsyncTable.of(client, "T", KeySchema.of("PK", "SK"));
        Page<Item> first = await(table.scanPage(Scan.of(), Item.codec()));
        assertEquals(1, first.items().size());
        Page<Item> last = await(table.scanPage(Scan.of().withStartAfter(first.cursor().orElseThrow()), Item.codec()));
        assertEquals(new Page<>(List.of(), Optional.empty()), last);
        assertEquals(Map.of("PK", AttributeValue.fromS("a"), "SK", AttributeValue.fromS("1")),
                ((ScanRequest) client.requests.get(1)).exclusiveStartKey());
    }

    @Test
    void misuseThrowsAtTheCall() {
        AsyncTable table = AsyncTable.of(new Answering(), "T", KeySchema.of("PK", "SK"));
        assertThrows(IllegalArgumentException.class, () -> table.queryPage(Query.of(partitionKey("X", value("a"))),
                Item.codec()));
        assertThrows(IllegalArgumentException.class, () -> table.scanPage(Scan.of().withStartAfter("bad"), Item.codec()));
        assertThrows(NullPointerException.class, () -> table.get(Key.of("a", "b"), null));
    }
}
