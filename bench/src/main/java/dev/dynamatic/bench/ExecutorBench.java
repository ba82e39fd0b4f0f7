package dev.dynamatic.bench;

import static dev.dynamatic.ast.Dsl.projection;

import dev.dynamatic.core.Failure;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemStream;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.core.Written;
import dev.dynamatic.render.Rendered;
import io.vavr.control.Either;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Measurement 2: the executor's overhead per call. Both sides call the same real SDK client, whose HTTP
 * client answers in-process with a fixed recorded response (no network), and both map the result to
 * {@link Item}s ({@code Map<String,Object>}) the same way, with {@link Item#codec()} (a view over the SDK's
 * attributes). The raw side writes its expressions by hand with fixed
 * placeholders (the floor of measurement 1); this library builds the trees and renders them on every call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExecutorBench {

    /** A recorded item: eleven attributes, nested list and map. */
    static final String ITEM = "{\"pk\":{\"S\":\"CUST#1\"},\"sk\":{\"S\":\"ORDER#2026-05-01#0001\"},"
            + "\"name\":{\"S\":\"Ada\"},\"status\":{\"S\":\"OPEN\"},\"total\":{\"N\":\"129.95\"},"
            + "\"count\":{\"N\":\"3\"},\"tags\":{\"L\":[{\"S\":\"x\"},{\"S\":\"y\"}]},"
            + "\"profile\":{\"M\":{\"city\":{\"S\":\"Paris\"},\"zip\":{\"S\":\"75001\"}}},"
            + "\"visits\":{\"N\":\"12\"},\"version\":{\"N\":\"8\"},"
            + "\"items\":{\"L\":[{\"S\":\"p1\"},{\"S\":\"p2\"},{\"S\":\"p3\"}]}}";

    /** The number of items the recorded Query response holds. */
    static final int QUERY_ITEMS = 10;

    private static final String PROJECTION = "#pk, #sk, #name, #status, #total, #items, #profile.#city";

    private final Intents.Inputs in = new Intents.Inputs();
    private final String sk = "ORDER#2026-05-01#0001";
    private DynamoDbClient client;
    private Table table;

    /** Creates the state. */
    public ExecutorBench() {
    }

    /** {@return the recorded response bodies, by operation} */
    static Map<String, String> recordedResponses() {
        StringJoiner items = new StringJoiner(",", "[", "]");
        for (int i = 0; i < QUERY_ITEMS; i++) {
            items.add(ITEM);
        }
        return Map.of(
                "UpdateItem", "{\"Attributes\":" + ITEM + "}",
                "Query", "{\"Count\":" + QUERY_ITEMS + ",\"Items\":" + items + ",\"ScannedCount\":" + QUERY_ITEMS + "}");
    }

    /** Builds the client over the in-process HTTP client. */
    @Setup(Level.Trial)
    public void setUp() {
        client = DynamoDbClient.builder()
                .httpClient(new FakeHttpClient(recordedResponses()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .endpointOverride(URI.create("http://127.0.0.1:8000"))
                .build();
        table = Table.of(client, "Shop", KeySchema.of("pk", "sk"));
    }

    /** Closes the client. */
    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
    }

    /** UpdateItem (intent (b), returning ALL_NEW) with the raw SDK. */
    @Benchmark
    public Item update_raw() {
        Map<String, AttributeValue> key = HashMap.newHashMap(2);
        key.put("pk", AttributeValue.createS(in.pk));
        key.put("sk", AttributeValue.createS(sk));
        Intents.Output r = Intents.floorB(in);
        UpdateItemResponse response = client.updateItem(UpdateItemRequest.builder().tableName("Shop").key(key)
                .updateExpression(r.updateExpression()).conditionExpression(r.conditionExpression())
                .expressionAttributeNames(r.names()).expressionAttributeValues(r.values())
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build());
        return Item.codec().decode(response.attributes());
    }

    /** The same UpdateItem through this library's {@link Table}. */
    @Benchmark
    public Either<Failure, Written<Item>> update_dynamatic() {
        return table.update(UpdateItem.of(Key.of(in.pk, sk), Intents.treeB(in)).withCondition(Intents.conditionB(in))
                .withReturnValues(ReturnValue.ALL_NEW));
    }

    /** Query (intent (c), keys added to the projection) with the raw SDK, ten items mapped. */
    @Benchmark
    public List<Item> query_raw() {
        Intents.Output r = Intents.floorC(in, PROJECTION);
        QueryResponse response = client.query(QueryRequest.builder().tableName("Shop")
                .keyConditionExpression(r.keyConditionExpression()).filterExpression(r.conditionExpression())
                .projectionExpression(r.projectionExpression())
                .expressionAttributeNames(r.names()).expressionAttributeValues(r.values())
                .build());
        List<Item> items = new ArrayList<>(response.items().size());
        for (Map<String, AttributeValue> item : response.items()) {
            items.add(Item.codec().decode(item));
        }
        return items;
    }

    /** The same Query through this library's {@link Table}, every item read from the stream. */
    @Benchmark
    public List<Item> query_dynamatic() {
        try (ItemStream<Item> items = table.query(Query.of(Intents.keyC(in)).withFilter(Intents.filterC(in))
                .withProjection(projection("pk", "sk", "name", "status", "total", "items", "profile.city")))) {
            return items.toList();
        }
    }
}
