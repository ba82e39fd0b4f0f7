package dev.dynamatic.bench;

import dev.dynamatic.core.BatchWrite;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.Table;
import dev.dynamatic.it.server.DynamoDbClients;
import dev.dynamatic.it.server.Engine;
import dev.dynamatic.it.server.LocalDynamoDb;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Measurement 3: writing {@value Main#BATCH_ITEMS} items with BatchWriteItem against a real local server
 * (dynoxide on 127.0.0.1, one per fork), this library's {@link BatchWrite} against a hand-written raw SDK loop
 * with the same chunking (25 per call, unprocessed items sent again). Each operation is one whole write of
 * all items; every iteration overwrites the same keys.
 *
 * <p>The raw loop starts from items already in SDK form; this library starts from {@link Item}s and pays for
 * their conversion inside the measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class BatchBench {

    private static final String TABLE = "Bench";

    /** DynamoDB's most requests in one BatchWriteItem call. */
    private static final int MAX_WRITE_REQUESTS = 25;

    private LocalDynamoDb server;
    private DynamoDbClient client;
    private Table table;
    private List<Item> items;
    private List<Map<String, AttributeValue>> sdkItems;

    /** Creates the state. */
    public BatchBench() {
    }

    /** Starts dynoxide, creates the table and the items. */
    @Setup(Level.Trial)
    public void setUp() {
        server = LocalDynamoDb.start(Engine.DYNOXIDE);
        client = DynamoDbClients.sync(server);
        client.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        table = Table.of(client, TABLE, KeySchema.of("pk", "sk"));
        items = new ArrayList<>(Main.BATCH_ITEMS);
        sdkItems = new ArrayList<>(Main.BATCH_ITEMS);
        for (int i = 0; i < Main.BATCH_ITEMS; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pk", "CUST#" + (i % 100));
            m.put("sk", "ORDER#2026-05-01#" + i);
            m.put("status", i % 3 == 0 ? "OPEN" : "SHIPPED");
            m.put("total", new BigDecimal(i).movePointLeft(2));
            m.put("items", List.of("p" + i, "p" + (i + 1)));
            m.put("profile", Map.of("city", "Paris", "zip", "75001"));
            m.put("version", i % 7);
            Item item = Item.of(m);
            items.add(item);
            sdkItems.add(item.attributes());
        }
    }

    /** Stops the client and the server. */
    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        server.close();
    }

    /** {@return the items written}: the raw SDK loop, 25 per BatchWriteItem, unprocessed items sent again. */
    @Benchmark
    public int raw() {
        int written = 0;
        for (int from = 0; from < sdkItems.size(); from += MAX_WRITE_REQUESTS) {
            List<Map<String, AttributeValue>> chunk =
                    sdkItems.subList(from, Math.min(from + MAX_WRITE_REQUESTS, sdkItems.size()));
            List<WriteRequest> writes = new ArrayList<>(chunk.size());
            for (Map<String, AttributeValue> item : chunk) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(TABLE, writes);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
            written += chunk.size();
        }
        return written;
    }

    /** {@return the items written} by this library's batch write, one chunk at a time. */
    @Benchmark
    public int dynamatic() {
        BatchWrite.Result result = BatchWrite.of().putAll(table, items).execute();
        if (!result.complete()) {
            throw new IllegalStateException(result.unwritten().size() + " items not written");
        }
        return result.written();
    }
}
