package dev.dynamatic.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.Billing;
import dev.dynamatic.core.IndexProjection;
import dev.dynamatic.core.KeyAttribute;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.TableDefinition;
import dev.dynamatic.core.TableDefinition.Difference;
import dev.dynamatic.core.TableDefinition.IndexKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * {@link TableDefinition} against a real server: it creates tables as defined (verify then finds nothing), is
 * idempotent, and reports every kind of difference of a table made otherwise with the raw SDK. Steps that need
 * UpdateTimeToLive or streams are tagged {@code ttl} / {@code streams}: dynalite has neither (ENGINES.md).
 */
@DynamoDbIT
class TableDefinitionIT {

    /** Keys of several types, a GSI with a number sort key, an overloaded GSI and an LSI. */
    static final KeySchema KEYS = KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.number("SK"))
            .withIndex("byStatus", KeySchema.of(KeyAttribute.string("status"), KeyAttribute.number("placedAt")))
            .withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK"))
            .withIndex("byTotal", KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.binary("total")));

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void deleteTables(DynamoDbClient client) {
        created.forEach(name -> TestTables.delete(client, name));
    }

    private TableDefinition definition(String hint) {
        String name = TestTables.uniqueName(hint);
        created.add(name);
        return TableDefinition.of(name, KEYS)
                .withLocalIndex("byTotal")
                .withProjection("byStatus", IndexProjection.include("total", "customer"))
                .withProjection("byTotal", IndexProjection.keysOnly());
    }

    @Test
    void createsTheTableAsDefined(DynamoDbClient client) {
        TableDefinition d = definition("defined");
        assertEquals(List.of(new Difference.MissingTable(d.tableName())), d.verify(client));
        assertTrue(d.createIfMissing(client));
        assertEquals(List.of(), d.verify(client));
        assertEquals(KEYS, KeySchema.describe(client, d.tableName()));
        var table = client.describeTable(b -> b.tableName(d.tableName())).table();
        assertEquals("ACTIVE", table.tableStatusAsString());
        assertEquals(List.of("byTotal"), table.localSecondaryIndexes().stream().map(l -> l.indexName()).toList());
        assertEquals(Set.of("byStatus", "GSI1"), table.globalSecondaryIndexes().stream().map(g -> g.indexName())
                .collect(Collectors.toSet()));
    }

    @Test
    void createsProvisionedTables(DynamoDbClient client) {
        TableDefinition d = definition("provisioned").withBilling(Billing.provisioned(4, 2));
        assertTrue(d.createIfMissing(client));
        assertEquals(List.of(), d.verify(client));
        var table = client.describeTable(b -> b.tableName(d.tableName())).table();
        assertEquals(4L, table.provisionedThroughput().readCapacityUnits());
        assertEquals(2L, table.globalSecondaryIndexes().getFirst().provisionedThroughput().writeCapacityUnits());
        assertEquals(List.of(new Difference.WrongBilling(Optional.empty(), Billing.onDemand(), Billing.provisioned(4, 2))),
                d.withBilling(Billing.onDemand()).verify(client));
    }

    @Test
    void createIfMissingIsIdempotentAndLeavesAnExistingTableAsItIs(DynamoDbClient client) {
        TableDefinition d = definition("idempotent");
        assertTrue(d.createIfMissing(client));
        assertFalse(d.createIfMissing(client));
        assertFalse(d.createIfMissing(client));
        assertEquals(List.of(), d.verify(client));
        // another definition of the same table: not created again, not changed; verify says how it differs
        TableDefinition other = TableDefinition.of(d.tableName(), KeySchema.of("PK", "SK"));
        assertFalse(other.createIfMissing(client));
        assertEquals(List.of(), d.verify(client));
        assertEquals(List.of(
                new Difference.WrongKeys(Optional.empty(), KeySchema.of("PK", "SK"),
                        KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.number("SK"))),
                new Difference.UnexpectedIndex("byStatus", IndexKind.GLOBAL),
                new Difference.UnexpectedIndex("GSI1", IndexKind.GLOBAL),
                new Difference.UnexpectedIndex("byTotal", IndexKind.LOCAL)), sortUnexpected(other.verify(client)));
    }

    @Test
    void createsATableOnceWhenSeveralCallersRace(DynamoDbClient client) throws Exception {
        TableDefinition d = definition("race");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit((Callable<Boolean>) () -> d.createIfMissing(client)));
            }
            int createdBy = 0;
            for (Future<Boolean> call : calls) {
                createdBy += call.get() ? 1 : 0;
            }
            assertEquals(1, createdBy, "exactly one caller created it; the others waited for it");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), d.verify(client));
    }

    @Test
    void reportsEveryDifferenceOfATableMadeOtherwise(DynamoDbClient client) {
        TableDefinition d = definition("otherwise").withTimeToLive("expiresAt").withStream(StreamViewType.NEW_IMAGE);
        // with the raw SDK: SK a string, byStatus keys-only with a string sort key, GSI1 missing, byTotal global,
        // an extra index, provisioned; no time to live, no stream
        client.createTable(CreateTableRequest.builder()
                .tableName(d.tableName())
                .attributeDefinitions(attribute("PK", ScalarAttributeType.S), attribute("SK", ScalarAttributeType.S),
                        attribute("status", ScalarAttributeType.S), attribute("placedAt", ScalarAttributeType.S),
                        attribute("total", ScalarAttributeType.B), attribute("extra", ScalarAttributeType.S))
                .keySchema(key("PK", KeyType.HASH), key("SK", KeyType.RANGE))
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                .globalSecondaryIndexes(
                        gsi("byStatus", ProjectionType.KEYS_ONLY, key("status", KeyType.HASH), key("placedAt", KeyType.RANGE)),
                        gsi("byTotal", ProjectionType.KEYS_ONLY, key("PK", KeyType.HASH), key("total", KeyType.RANGE)),
                        gsi("extra", ProjectionType.ALL, key("extra", KeyType.HASH)))
                .build());
        List<Difference> differences = d.verify(client);
        assertEquals(List.of(
                new Difference.WrongKeys(Optional.empty(), KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.number("SK")),
                        KeySchema.of("PK", "SK")),
                new Difference.WrongKeys(Optional.of("byStatus"),
                        KeySchema.of(KeyAttribute.string("status"), KeyAttribute.number("placedAt")),
                        KeySchema.of("status", "placedAt")),
                new Difference.WrongProjection("byStatus", IndexProjection.include("total", "customer"),
                        IndexProjection.keysOnly()),
                new Difference.MissingIndex("GSI1", IndexKind.GLOBAL),
                new Difference.WrongIndexKind("byTotal", IndexKind.LOCAL, IndexKind.GLOBAL),
                new Difference.UnexpectedIndex("extra", IndexKind.GLOBAL),
                new Difference.WrongBilling(Optional.empty(), Billing.onDemand(), Billing.provisioned(1, 1)),
                new Difference.WrongTimeToLive(Optional.of("expiresAt"), Optional.empty()),
                new Difference.WrongStream(Optional.of(StreamViewType.NEW_IMAGE), Optional.empty())), differences);
        // createIfMissing leaves it as it is (but for time to live, which it would turn on: not called here)
        assertEquals(differences, d.verify(client));
    }

    @Test
    @Tag("ttl")
    void turnsTimeToLiveOnOnceAndReportsItOnAnotherAttribute(DynamoDbClient client) {
        TableDefinition d = definition("ttl").withTimeToLive("expiresAt");
        assertTrue(d.createIfMissing(client));
        assertEquals(List.of(), d.verify(client));
        assertFalse(d.createIfMissing(client), "again: nothing to do, and no second UpdateTimeToLive");
        var ttl = client.describeTimeToLive(b -> b.tableName(d.tableName())).timeToLiveDescription();
        assertTrue(ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING, ttl::toString);
        assertEquals(List.of(new Difference.WrongTimeToLive(Optional.of("ttl"), Optional.of("expiresAt"))),
                d.withTimeToLive("ttl").verify(client));
        assertFalse(d.withTimeToLive("ttl").createIfMissing(client), "time to live on another attribute is left");
        assertEquals(List.of(new Difference.WrongTimeToLive(Optional.empty(), Optional.of("expiresAt"))),
                definitionNamed(d.tableName()).verify(client));
    }

    @Test
    @Tag("ttl")
    void turnsTimeToLiveOnForATableThatExistsWithoutIt(DynamoDbClient client) {
        TableDefinition d = definition("ttl-later");
        assertTrue(d.createIfMissing(client));
        TableDefinition withTtl = d.withTimeToLive("expiresAt");
        assertEquals(List.of(new Difference.WrongTimeToLive(Optional.of("expiresAt"), Optional.empty())),
                withTtl.verify(client));
        assertFalse(withTtl.createIfMissing(client), "the table existed; time to live is turned on all the same");
        assertEquals(List.of(), withTtl.verify(client));
    }

    @Test
    @Tag("streams")
    void createsAStreamAndReportsAnotherView(DynamoDbClient client) {
        TableDefinition d = definition("stream").withStream(StreamViewType.NEW_AND_OLD_IMAGES);
        assertTrue(d.createIfMissing(client));
        assertEquals(List.of(), d.verify(client));
        assertEquals(List.of(new Difference.WrongStream(Optional.of(StreamViewType.KEYS_ONLY),
                Optional.of(StreamViewType.NEW_AND_OLD_IMAGES))), d.withStream(StreamViewType.KEYS_ONLY).verify(client));
        assertEquals(List.of(new Difference.WrongStream(Optional.empty(), Optional.of(StreamViewType.NEW_AND_OLD_IMAGES))),
                definitionNamed(d.tableName()).verify(client));
    }

    @Test
    void verifiesTheTablesOfTheOtherIntegrationTests(DynamoDbClient client, TestTable table) {
        assertEquals(List.of(), table.spec().definition(table.name()).verify(client));
    }

    private TableDefinition definitionNamed(String name) {
        return TableDefinition.of(name, KEYS).withLocalIndex("byTotal")
                .withProjection("byStatus", IndexProjection.include("total", "customer"))
                .withProjection("byTotal", IndexProjection.keysOnly());
    }

    /** The engines list indexes in different orders: unexpected ones sorted as the schema declares them. */
    private static List<Difference> sortUnexpected(List<Difference> differences) {
        List<String> order = List.copyOf(KEYS.indexes().keySet());
        List<Difference> sorted = new ArrayList<>(differences.stream()
                .filter(x -> !(x instanceof Difference.UnexpectedIndex)).toList());
        differences.stream().filter(x -> x instanceof Difference.UnexpectedIndex)
                .map(x -> (Difference.UnexpectedIndex) x)
                .sorted((a, b) -> Integer.compare(order.indexOf(a.index()), order.indexOf(b.index())))
                .forEach(sorted::add);
        return sorted;
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex gsi(String name, ProjectionType projection, KeySchemaElement... keys) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(keys)
                .projection(Projection.builder().projectionType(projection).build())
                .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                .build();
    }
}
