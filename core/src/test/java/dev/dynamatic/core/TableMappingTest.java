package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Bytes;
import io.vavr.control.Either;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Our mapping of what the SDK hands back, over canned HTTP responses: the SDK parses a fixed body, and only our
 * code after it is under test (no DynamoDB behaviour is imitated here; the integration tests have the real ones).
 */
class TableMappingTest {

    /** Answers each request with the next canned response, and keeps what was sent. */
    static final class Canned implements SdkHttpClient {
        record Response(int status, String body) {
        }

        final Deque<Response> responses = new ArrayDeque<>();
        final List<String> sent = new ArrayList<>();

        Canned answer(int status, String body) {
            responses.add(new Response(status, body));
            return this;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            sent.add(request.contentStreamProvider().map(p -> {
                try (var in = p.newStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).orElse(""));
            Response r = responses.removeFirst();
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(r.status())
                                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                                    .putHeader("Content-Length", Integer.toString(body.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private final Canned http = new Canned();
    private final DynamoDbClient client = DynamoDbClient.builder().httpClient(http).region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:9"))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    private final Table table = Table.of(client, "T", KeySchema.of("PK", "SK"));

    @AfterEach
    void everyCannedResponseWasUsed() {
        client.close();
        assertEquals(0, http.responses.size(), "unused canned responses");
    }

    @Test
    void mapsEveryTypeOfAGetIntoAnItem() {
        http.answer(200, """
                {"Item":{"PK":{"S":"a"},"SK":{"S":"b"},"n":{"N":"1.50"},"big":{"N":"1E+3"},"b":{"B":"AQI="},
                 "t":{"BOOL":true},"z":{"NULL":true},"ss":{"SS":["y","x"]},"ns":{"NS":["2","1.0"]},"bs":{"BS":["AA=="]},
                 "l":{"L":[{"NULL":true},{"BOOL":false},{"S":""}]},"m":{"M":{"k":{"N":"7"},"e":{"M":{}}}}},
                 "ConsumedCapacity":{"TableName":"T","CapacityUnits":0.5}}""");
        Result<Optional<Item>, GetItemResponse> r = table.get(GetItem.of(Key.of("a", "b"))
                .customize(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)), ItemCodec.items());
        Item item = r.value().orElseThrow();
        assertEquals(new BigDecimal("1.5"), item.getBigDecimal("n"));
        assertEquals(1000, item.getInt("big"));
        assertEquals(Bytes.of((byte) 1, (byte) 2), item.getBytes("b"));
        assertTrue(item.getBoolean("t"));
        assertTrue(item.isNull("z"));
        assertEquals(List.of("x", "y"), List.copyOf(item.getStringSet("ss")));
        assertEquals(Set.of(BigDecimal.ONE, new BigDecimal("2")), item.getNumberSet("ns"));
        assertEquals(Set.of(Bytes.of((byte) 0)), item.getBinarySet("bs"));
        assertEquals(Arrays.asList(null, false, ""), item.getList("l"));
        assertEquals(7, item.getMap("m").getInt("k"));
        assertEquals(Item.of(Map.of()), item.getMap("m").getMap("e"));
        assertEquals(0.5, r.response().consumedCapacity().capacityUnits());
        assertTrue(http.sent.getFirst().contains("\"ReturnConsumedCapacity\":\"TOTAL\""), http.sent.getFirst());
    }

    @Test
    void aMissingItemIsEmpty() {
        http.answer(200, "{}").answer(200, "{}");
        assertEquals(Optional.empty(), table.get(Key.of("a", "b")));
        assertEquals(Optional.empty(), table.get(Key.of("a", "b"), ItemCodec.items()));
    }

    @Test
    void aQueryStripsTheKeysItAddedAndSumsCapacityOverPages() {
        http.answer(200, """
                {"Items":[{"total":{"N":"1"},"PK":{"S":"a"},"SK":{"S":"1"}},{"total":{"N":"2"},"PK":{"S":"a"},"SK":{"S":"2"}}],
                 "Count":2,"ScannedCount":2,"LastEvaluatedKey":{"PK":{"S":"a"},"SK":{"S":"2"}},
                 "ConsumedCapacity":{"TableName":"T","CapacityUnits":0.5}}""")
            .answer(200, """
                {"Items":[{"total":{"N":"3"},"PK":{"S":"a"},"SK":{"S":"3"}}],"Count":1,"ScannedCount":1,
                 "ConsumedCapacity":{"TableName":"T","CapacityUnits":1.5}}""");
        try (ItemStream<Item> s = table.query(Query.of(partitionKey("PK", value("a"))).projection(projection("total"))
                .pageSize(2).customize(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))) {
            Iterator<Item> it = s.iterator();
            assertEquals(Item.of(Map.of("total", 1)), it.next());
            assertEquals(Map.of("PK", AttributeValue.fromS("a"), "SK", AttributeValue.fromS("1")),
                    Cursors.decode(s.cursor().orElseThrow()));
            assertEquals(Item.of(Map.of("total", 2)), it.next());
            assertEquals(Item.of(Map.of("total", 3)), it.next());
            assertTrue(!it.hasNext());
            assertEquals(2, s.pagesFetched());
            assertEquals(2.0, s.consumedCapacity());
            assertEquals(Optional.empty(), s.cursor());
        }
        assertTrue(http.sent.get(1).contains("\"ExclusiveStartKey\":{\"PK\":{\"S\":\"a\"},\"SK\":{\"S\":\"2\"}}"),
                http.sent.get(1));
    }

    @Test
    void countAddsUpEveryPage() {
        http.answer(200, """
                {"Count":5,"ScannedCount":9,"LastEvaluatedKey":{"PK":{"S":"a"},"SK":{"S":"9"}}}""")
            .answer(200, """
                {"Count":3,"ScannedCount":4}""");
        assertEquals(8, table.count(Query.of(partitionKey("PK", value("a"))).filter(eq(path("s"), value("x")))));
        assertTrue(http.sent.stream().allMatch(body -> body.contains("\"Select\":\"COUNT\"")), http.sent::toString);
    }

    @Test
    void aConditionalCheckFailureOnTheWireBecomesAFailureWithTheOldItem() {
        http.answer(400, """
                {"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                 "message":"The conditional request failed","Item":{"PK":{"S":"a"},"SK":{"S":"b"},"n":{"N":"1"}}}""");
        Either<Failure, Result<Optional<Item>, UpdateItemResponse>> outcome = table.update(
                UpdateItem.of(Key.of("a", "b"), update(set(path("n"), value(2)))).condition(eq(path("n"), value(0))));
        Failure.ConditionFailed f = (Failure.ConditionFailed) outcome.getLeft();
        assertEquals(Optional.of(Item.of(Map.of("PK", "a", "SK", "b", "n", 1))), f.item());
        assertEquals("The conditional request failed", f.message());
        assertTrue(http.sent.getFirst().contains("\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\""), http.sent.getFirst());
    }

    @Test
    void returnedAttributesAreMappedOnlyWhenAskedFor() {
        String attributes = """
                {"Attributes":{"n":{"N":"2"}}}""";
        http.answer(200, attributes).answer(200, attributes);
        UpdateItem u = UpdateItem.of(Key.of("a", "b"), update(set(path("n"), value(2))));
        assertEquals(Optional.of(Item.of(Map.of("n", 2))),
                table.update(u.returning(ReturnValue.UPDATED_NEW)).get().value());
        // a customizer may ask for attributes behind our back; what the spec did not ask for is not mapped
        assertEquals(Optional.empty(), table.update(u.customize(b -> b.returnValues(ReturnValue.ALL_NEW))).get().value());
    }
}
