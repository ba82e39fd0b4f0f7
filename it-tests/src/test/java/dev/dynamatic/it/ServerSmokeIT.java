package dev.dynamatic.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.it.server.DynamoDbClients;
import dev.dynamatic.it.server.DynamoDbServer;
import dev.dynamatic.it.server.Engine;
import dev.dynamatic.it.server.ExternalDynamoDb;
import dev.dynamatic.it.server.LocalDynamoDb;
import dev.dynamatic.it.server.LocalDynamoDbException;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The test servers and {@link DynamoDbExtension} work, checked with the raw SDK. */
@DynamoDbIT
@WithTable(pk = "pk", sk = "sk",
        gsis = @WithTable.Gsi(name = "byStatus", pk = "status", sk = "sk"),
        lsis = @WithTable.Lsi(name = "byCreated", sk = "created"))
class ServerSmokeIT {

    @Test
    void putsGetsAndQueriesItems(DynamoDbClient client, TestTable table) {
        put(client, table, "query#1", "order#1", "open", "2024-01-03", 10);
        put(client, table, "query#1", "order#2", "closed", "2024-01-01", 25);
        put(client, table, "query#1", "profile", "open", "2024-01-02", 0);
        put(client, table, "query#2", "order#1", "open", "2024-01-04", 5);

        Map<String, AttributeValue> item = client.getItem(b -> b
                .tableName(table.name()).key(table.key("query#1", "order#2")).consistentRead(true)).item();
        assertEquals(item("query#1", "order#2", "closed", "2024-01-01", 25), item);

        QueryResponse orders = client.query(b -> b
                .tableName(table.name())
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk"))
                .expressionAttributeValues(Map.of(":pk", s("query#1"), ":prefix", s("order#"))));
        assertEquals(List.of("order#1", "order#2"), sortKeys(orders));

        QueryResponse large = client.query(b -> b
                .tableName(table.name())
                .keyConditionExpression("#pk = :pk")
                .filterExpression("#total > :min")
                .expressionAttributeNames(Map.of("#pk", "pk", "#total", "total"))
                .expressionAttributeValues(Map.of(":pk", s("query#1"), ":min", AttributeValue.fromN("5"))));
        assertEquals(List.of("order#1", "order#2"), sortKeys(large));
        assertEquals(3, large.scannedCount());
    }

    @Test
    void queriesTheDeclaredIndexes(DynamoDbClient client, TestTable table) {
        put(client, table, "index#1", "a", "pending", "2024-02-03", 1);
        put(client, table, "index#1", "b", "pending", "2024-02-01", 2);
        put(client, table, "index#2", "c", "pending", "2024-02-02", 3);

        QueryResponse byStatus = client.query(b -> b
                .tableName(table.name()).indexName("byStatus")
                .keyConditionExpression("#status = :status")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", s("pending"))));
        assertEquals(List.of("a", "b", "c"), sortKeys(byStatus));

        QueryResponse byCreated = client.query(b -> b
                .tableName(table.name()).indexName("byCreated")
                .keyConditionExpression("#pk = :pk AND #created BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", "pk", "#created", "created"))
                .expressionAttributeValues(Map.of(":pk", s("index#1"), ":from", s("2024-02-01"), ":to", s("2024-02-28"))));
        assertEquals(List.of("b", "a"), sortKeys(byCreated));
    }

    @Test
    void describesTheDeclaredKeySchema(DynamoDbClient client, TestTable table) {
        TableDescription description = client.describeTable(b -> b.tableName(table.name())).table();
        assertEquals(table.name(), description.tableName());
        assertEquals(List.of(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)), description.keySchema());
        assertEquals(List.of("byStatus"), description.globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName).toList());
        assertEquals(List.of("byCreated"), description.localSecondaryIndexes().stream()
                .map(LocalSecondaryIndexDescription::indexName).toList());
    }

    @Test
    void asyncClientReadsWhatTheSyncClientWrote(DynamoDbClient client, DynamoDbAsyncClient async, TestTable table)
            throws Exception {
        put(client, table, "async#1", "x", "open", "2024-03-01", 7);
        Map<String, AttributeValue> item = async.getItem(b -> b
                        .tableName(table.name()).key(table.key("async#1", "x")).consistentRead(true))
                .get(30, TimeUnit.SECONDS).item();
        assertEquals(item("async#1", "x", "open", "2024-03-01", 7), item);
    }

    @Test
    void runsTheSelectedEngine(DynamoDbServer server) throws IOException {
        switch (server) {
            case LocalDynamoDb local -> {
                Engine expected = Engine.selected();
                if (expected == Engine.DYNOXIDE && !Files.isExecutable(LocalDynamoDb.directory()
                        .resolve("node_modules/@dynoxide/linux-x64/dynoxide"))) {
                    expected = Engine.DYNALITE; // LocalDynamoDb's documented fallback off linux-x64
                }
                assertEquals(expected, local.engine());
                String commandLine = ProcessHandle.of(local.pid())
                        .flatMap(p -> p.info().commandLine()).orElse("");
                String serverHeader = serverHeader(local);
                switch (local.engine()) {
                    case DYNOXIDE -> {
                        assertTrue(commandLine.contains("dynoxide serve"), commandLine);
                        assertEquals("Dynoxide/1.2.1", serverHeader);
                    }
                    case DYNALITE -> {
                        assertTrue(commandLine.contains("dynalite"), commandLine);
                        assertEquals(null, serverHeader);
                    }
                }
            }
            case ExternalDynamoDb external -> assertEquals(ExternalDynamoDb.configured(), Optional.of(external));
        }
    }

    @Test
    void runsOnTheModulePath() {
        assertTrue(LocalDynamoDb.class.getModule().isNamed());
        assertEquals("dev.dynamatic.it", getClass().getModule().getName());
    }

    @Test
    @Tag("transactions")
    void cancelsATransactionWithReasons(DynamoDbClient client, TestTable table) {
        put(client, table, "tx#1", "a", "open", "2024-04-01", 1);
        TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class, () ->
                client.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(table.name())
                                .item(item("tx#1", "a", "open", "2024-04-01", 2))
                                .conditionExpression("attribute_not_exists(#pk)")
                                .expressionAttributeNames(Map.of("#pk", "pk"))).build(),
                        TransactWriteItem.builder().put(p -> p.tableName(table.name())
                                .item(item("tx#1", "b", "open", "2024-04-01", 3))).build())));
        assertEquals(List.of("ConditionalCheckFailed", "None"), cancelled.cancellationReasons().stream()
                .map(CancellationReason::code).toList());
        assertFalse(client.getItem(b -> b.tableName(table.name()).key(table.key("tx#1", "b"))
                .consistentRead(true)).hasItem());
    }

    @Test
    @Tag("ttl")
    void enablesTimeToLive(DynamoDbClient client, TestTable table) {
        client.updateTimeToLive(b -> b.tableName(table.name())
                .timeToLiveSpecification(t -> t.attributeName("expires").enabled(true)));
        TimeToLiveStatus status = client.describeTimeToLive(b -> b.tableName(table.name()))
                .timeToLiveDescription().timeToLiveStatus();
        assertTrue(status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING, String.valueOf(status));
    }

    @Test
    void reportsADeadServerFastWithItsLog() throws Exception {
        // A private server: the shared one must stay up for the other tests.
        long pid;
        try (LocalDynamoDb server = LocalDynamoDb.start(Engine.selected())) {
            pid = server.pid();
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
            process.destroyForcibly();
            process.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(server.isAlive());

            long start = System.nanoTime();
            LocalDynamoDbException failure = assertThrows(LocalDynamoDbException.class,
                    () -> server.awaitReady(LocalDynamoDb.START_TIMEOUT));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(waited.compareTo(Duration.ofSeconds(2)) < 0, "waited " + waited);
            assertTrue(failure.getMessage().contains("exited with code"), failure.getMessage());
            // "Dynoxide listening on http://..." or "Dynalite listening at: http://..."
            assertTrue(failure.getMessage().contains("listening")
                            && failure.getMessage().contains(server.endpoint().toString()),
                    "the message carries the server's log: " + failure.getMessage());

            server.restart();
            assertTrue(server.isAlive());
            try (DynamoDbClient client = DynamoDbClients.sync(server)) {
                assertEquals(List.of(), client.listTables().tableNames());
            }
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void restartsOnAnotherPortWhenItsPortIsTaken() throws Exception {
        try (LocalDynamoDb server = LocalDynamoDb.start(Engine.selected())) {
            int port = server.port();
            ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
            process.destroyForcibly();
            process.onExit().get(10, TimeUnit.SECONDS);
            try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                server.restart();
                assertNotEquals(squatter.getLocalPort(), server.port());
                assertTrue(server.log().contains("already in use"), server.log());
                try (DynamoDbClient client = DynamoDbClients.sync(server)) {
                    assertEquals(List.of(), client.listTables().tableNames());
                }
            }
        }
    }

    private static void put(DynamoDbClient client, TestTable table, String pk, String sk, String status,
                            String created, int total) {
        client.putItem(b -> b.tableName(table.name()).item(item(pk, sk, status, created, total)));
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String status, String created, int total) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(pk));
        item.put("sk", s(sk));
        item.put("status", s(status));
        item.put("created", s(created));
        item.put("total", AttributeValue.fromN(Integer.toString(total)));
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static List<String> sortKeys(QueryResponse response) {
        return response.items().stream().map(i -> i.get("sk").s()).toList();
    }

    private static String serverHeader(LocalDynamoDb server) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) server.endpoint().resolve("/").toURL()
                .openConnection(Proxy.NO_PROXY);
        try {
            assertEquals(200, connection.getResponseCode());
            return connection.getHeaderField("server");
        } finally {
            connection.disconnect();
        }
    }
}
