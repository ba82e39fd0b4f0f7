package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Value;
import dev.dynamatic.core.TableDefinition.Difference;
import dev.dynamatic.core.TableDefinition.IndexKind;
import dev.dynamatic.core.entity.Entities;
import dev.dynamatic.core.entity.Entity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class TableDefinitionTest {

    static final KeySchema KEYS = KeySchema.of("PK", "SK")
            .withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK"))
            .withIndex("byRank", KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.number("rank")));

    static final TableDefinition SHOP = TableDefinition.of("Shop", KEYS)
            .withLocalIndex("byRank")
            .withProjection("GSI1", IndexProjection.include("status", "total"))
            .withTimeToLive("expiresAt")
            .withStream(StreamViewType.NEW_IMAGE);

    public record Player(String playerId, int rank, long expiresAt) {}

    public record Guild(String guildId, String rank) {}

    public record Session(String sessionId, String expiresAt) {}

    @Test
    void defaultsToGlobalIndexesProjectingEverythingOnDemand() {
        TableDefinition d = TableDefinition.of("Shop", KEYS);
        assertEquals(IndexKind.GLOBAL, d.indexKind("GSI1"));
        assertEquals(IndexKind.GLOBAL, d.indexKind("byRank"));
        assertEquals(IndexProjection.all(), d.projection("GSI1"));
        assertEquals(Billing.onDemand(), d.billing());
        assertEquals(Optional.empty(), d.timeToLive());
        assertEquals(Optional.empty(), d.stream());
        assertEquals(List.of(), d.codecs());
    }

    @Test
    void buildsTheCreateTableRequest() {
        CreateTableRequest r = SHOP.createTableRequest();
        assertEquals("Shop", r.tableName());
        assertEquals(List.of(definition("PK", ScalarAttributeType.S), definition("SK", ScalarAttributeType.S),
                definition("GSI1PK", ScalarAttributeType.S), definition("GSI1SK", ScalarAttributeType.S),
                definition("rank", ScalarAttributeType.N)), r.attributeDefinitions());
        assertEquals(List.of("PK:HASH", "SK:RANGE"), elements(r.keySchema()));
        assertEquals(BillingMode.PAY_PER_REQUEST, r.billingMode());
        assertEquals(null, r.provisionedThroughput());
        assertEquals(1, r.globalSecondaryIndexes().size());
        var gsi = r.globalSecondaryIndexes().getFirst();
        assertEquals("GSI1", gsi.indexName());
        assertEquals(List.of("GSI1PK:HASH", "GSI1SK:RANGE"), elements(gsi.keySchema()));
        assertEquals(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes("status", "total")
                .build(), gsi.projection());
        assertEquals(null, gsi.provisionedThroughput());
        var lsi = r.localSecondaryIndexes().getFirst();
        assertEquals("byRank", lsi.indexName());
        assertEquals(List.of("PK:HASH", "rank:RANGE"), elements(lsi.keySchema()));
        assertEquals(ProjectionType.ALL, lsi.projection().projectionType());
        assertEquals(true, r.streamSpecification().streamEnabled());
        assertEquals(StreamViewType.NEW_IMAGE, r.streamSpecification().streamViewType());
    }

    @Test
    void givesProvisionedCapacitiesToTheTableAndEachGlobalIndex() {
        CreateTableRequest r = TableDefinition.of("Shop", KEYS).withLocalIndex("byRank")
                .withBilling(Billing.provisioned(7, 3)).createTableRequest();
        assertEquals(BillingMode.PROVISIONED, r.billingMode());
        assertEquals(7L, r.provisionedThroughput().readCapacityUnits());
        assertEquals(3L, r.provisionedThroughput().writeCapacityUnits());
        assertEquals(7L, r.globalSecondaryIndexes().getFirst().provisionedThroughput().readCapacityUnits());
        assertEquals(3L, r.globalSecondaryIndexes().getFirst().provisionedThroughput().writeCapacityUnits());
        assertTrue(r.streamSpecification() == null);
        assertTrue(!r.hasGlobalSecondaryIndexes() || r.globalSecondaryIndexes().size() == 1);
    }

    @Test
    void omitsIndexListsATableDoesNotHave() {
        CreateTableRequest r = TableDefinition.of("Plain", KeySchema.of(KeyAttribute.binary("id"))).createTableRequest();
        assertTrue(!r.hasGlobalSecondaryIndexes() && !r.hasLocalSecondaryIndexes());
        assertEquals(List.of(definition("id", ScalarAttributeType.B)), r.attributeDefinitions());
        assertEquals(List.of("id:HASH"), elements(r.keySchema()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "has space", "sl/ash", "ümlaut", "x#y"})
    void rejectsNamesDynamoDbDoesNot(String name) {
        IllegalArgumentException table = assertThrows(IllegalArgumentException.class,
                () -> TableDefinition.of(name, KEYS));
        assertTrue(table.getMessage().startsWith("table name"), table.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TableDefinition.of("Shop", KEYS).withTableName(name));
        IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                () -> TableDefinition.of("Shop", KeySchema.of("PK").withIndex(name.isEmpty() ? "ab" : name,
                        KeySchema.of("x"))));
        assertTrue(index.getMessage().startsWith("index name"), index.getMessage());
    }

    @Test
    void acceptsTheLongestAndOddestNames() {
        String longest = "a".repeat(255);
        assertEquals(longest, TableDefinition.of(longest, KEYS).tableName());
        assertEquals("a.b-c_9", TableDefinition.of("a.b-c_9", KEYS).tableName());
        assertThrows(IllegalArgumentException.class, () -> TableDefinition.of(longest + "a", KEYS));
    }

    @Test
    void rejectsLocalIndexesDynamoDbCannotMake() {
        KeySchema noSort = KeySchema.of("PK").withIndex("byX", KeySchema.of("PK", "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableDefinition.of("T12", noSort).withLocalIndex("byX"));
        assertEquals("local index byX: the table has no sort key (partition key PK:S); only a table with a sort key"
                + " can have local indexes", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TableDefinition.of("T12", KEYS).withLocalIndex("GSI1"));
        assertEquals("local index GSI1: its partition key is GSI1PK:S, but a local index shares the table's, PK:S",
                e.getMessage());
        KeySchema pkOnly = KeySchema.of("PK", "SK").withIndex("same", KeySchema.of("PK"));
        e = assertThrows(IllegalArgumentException.class, () -> TableDefinition.of("T12", pkOnly).withLocalIndex("same"));
        assertEquals("local index same: it has no sort key; a local index has one", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TableDefinition.of("T12", KEYS).withLocalIndex("nope"));
        assertTrue(e.getMessage().contains("no index \"nope\""), e.getMessage());
    }

    @Test
    void allowsFiveLocalIndexesNotSix() {
        KeySchema keys = KeySchema.of("PK", "SK");
        for (int i = 0; i < 6; i++) {
            keys = keys.withIndex("lsi" + i, KeySchema.of("PK", "s" + i));
        }
        TableDefinition d = TableDefinition.of("T12", keys);
        for (int i = 0; i < 5; i++) {
            d = d.withLocalIndex("lsi" + i);
        }
        TableDefinition five = d;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> five.withLocalIndex("lsi5"));
        assertTrue(e.getMessage().contains("at most 5 local indexes, this would be 6"), e.getMessage());
        assertEquals(five, five.withLocalIndex("lsi4"), "declaring an index local twice changes nothing");
    }

    @Test
    void limitsTheAttributesProjectedByName() {
        KeySchema keys = KeySchema.of("PK", "SK").withIndex("one", KeySchema.of("a")).withIndex("two", KeySchema.of("b"));
        List<String> sixty = java.util.stream.IntStream.range(0, 60).mapToObj(i -> "p" + i).toList();
        TableDefinition d = TableDefinition.of("T12", keys).withProjection("one", IndexProjection.include(sixty));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.withProjection("two", IndexProjection.include(sixty)));
        assertTrue(e.getMessage().contains("would project 120 attributes by name; DynamoDB allows 100"), e.getMessage());
        assertEquals(IndexProjection.include(sixty.subList(0, 40)),
                d.withProjection("two", IndexProjection.include(sixty.subList(0, 40))).projection("two"));
        assertThrows(IllegalArgumentException.class, () -> d.withProjection("three", IndexProjection.all()));
    }

    @Test
    void limitsNamesProjectedIntoALocalIndexTo255Bytes() {
        IndexProjection longName = IndexProjection.include("é".repeat(128)); // 256 bytes of UTF-8
        TableDefinition d = TableDefinition.of("Shop", KEYS);
        assertEquals(longName, d.withProjection("GSI1", longName).projection("GSI1"), "a global index may");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.withLocalIndex("byRank").withProjection("byRank", longName));
        assertTrue(e.getMessage().contains("projects a name of 256 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withProjection("byRank", longName).withLocalIndex("byRank"));
    }

    @Test
    void rejectsEmptyOrNullProjectionsAndBadCapacities() {
        assertThrows(IllegalArgumentException.class, IndexProjection::include);
        assertThrows(IllegalArgumentException.class, () -> IndexProjection.include(""));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> IndexProjection.include("a", null));
        assertEquals("an attribute name is null", npe.getMessage());
        assertEquals(IndexProjection.include("b", "a"), IndexProjection.include(List.of("a", "b", "a")));
        assertThrows(IllegalArgumentException.class, () -> Billing.provisioned(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Billing.provisioned(1, 0));
        assertThrows(IllegalArgumentException.class, () -> SHOP.withTimeToLive(""));
        assertThrows(IllegalArgumentException.class, () -> SHOP.withTimeToLive("t".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> SHOP.withStream(StreamViewType.UNKNOWN_TO_SDK_VERSION));
        try (DynamoDbClient client = DynamoDbClient.builder().region(Region.US_EAST_1).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TableDefinition.of("T12", KEYS).createIfMissing(client, Duration.ZERO));
            assertEquals("timeout PT0S is not positive", e.getMessage());
        }
    }

    @Test
    void checksTheTypesCodecsWriteIntoKeyAttributes() {
        KeySchema keys = KeySchema.of("PK", "SK").withIndex("byRank", KeySchema.of(KeyAttribute.string("PK"),
                KeyAttribute.number("rank")));
        Entity<Player> player = Entity.of("Player", RecordCodec.of(Player.class), keys, "PLAYER#{playerId}", "P");
        Entity<Guild> guild = Entity.of("Guild", RecordCodec.of(Guild.class), keys, "GUILD#{guildId}", "G");
        TableDefinition d = TableDefinition.of("Game", keys);
        assertEquals(List.of(player), d.withCodecs(player).codecs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.withCodecs(Entities.of(player, guild).entities()));
        assertEquals(guild + " writes the key attribute \"rank\" as S, but the table declares it N (an attribute has one"
                + " type in a table and all its indexes)", e.getMessage());
        // a codec that writes a templated key attribute itself conflicts the same way
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
                () -> TableDefinition.of("Game", KeySchema.of("guildId", "rank")).withCodecs(RecordCodec.of(Player.class)));
        assertTrue(direct.getMessage().contains("\"rank\" as N, but the table declares it S"), direct.getMessage());
    }

    @Test
    void checksThatCodecsWriteTheTimeToLiveAsANumber() {
        KeySchema keys = KeySchema.of("PK", "SK");
        Entity<Player> player = Entity.of("Player", RecordCodec.of(Player.class), keys, "PLAYER#{playerId}", "P");
        Entity<Session> session = Entity.of("Session", RecordCodec.of(Session.class), keys, "S#{sessionId}", "S");
        TableDefinition d = TableDefinition.of("Game", keys).withTimeToLive("expiresAt").withCodecs(player);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withCodecs(player, session));
        assertEquals(session + " writes the time-to-live attribute \"expiresAt\" as S; DynamoDB expires only items"
                + " whose time-to-live attribute is a number (N) of epoch seconds", e.getMessage());
        // in either order: the time to live set after the codecs is checked too
        TableDefinition codecsFirst = TableDefinition.of("Game", keys).withCodecs(session);
        assertThrows(IllegalArgumentException.class, () -> codecsFirst.withTimeToLive("expiresAt"));
        assertEquals(Optional.of("ttl"), codecsFirst.withTimeToLive("ttl").timeToLive());
    }

    @Test
    void entitiesTellTheirKeyAndTypeAttributesAsStrings() {
        Entity<Player> player = Entity.of("Player", RecordCodec.of(Player.class), KeySchema.of("PK", "SK"),
                "PLAYER#{playerId}", "P");
        assertEquals(Map.of("PK", Value.Type.S, "SK", Value.Type.S, "_type", Value.Type.S, "playerId", Value.Type.S,
                "rank", Value.Type.N, "expiresAt", Value.Type.N), player.attributeTypes());
        assertEquals(Map.of(), Item.codec().attributeTypes(), "a codec that cannot tell tells nothing");
    }

    @Test
    void equalDefinitionsDefineTheSameTable() {
        TableDefinition a = TableDefinition.of("Shop", KEYS).withProjection("GSI1", IndexProjection.all());
        TableDefinition b = TableDefinition.of("Shop", KEYS).withCodecs(RecordCodec.of(Player.class));
        assertEquals(a, b, "an explicit ALL is the default; codecs are not compared");
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, a.withTableName("Shop2"));
        assertNotEquals(a, a.withLocalIndex("byRank"));
        assertNotEquals(a, a.withProjection("GSI1", IndexProjection.keysOnly()));
        assertNotEquals(a, a.withBilling(Billing.provisioned(1, 1)));
        assertNotEquals(a, a.withTimeToLive("ttl"));
        assertNotEquals(a, a.withStream(StreamViewType.KEYS_ONLY));
        assertEquals("TableDefinition[Shop; PK:S, SK:S; GSI1 GLOBAL (GSI1PK:S, GSI1SK:S) INCLUDE[status, total];"
                + " byRank LOCAL (PK:S, rank:N) ALL; PAY_PER_REQUEST; ttl expiresAt; stream NEW_IMAGE]", SHOP.toString());
    }

    // ---- verify, on descriptions

    @Test
    void aTableAsDefinedHasNoDifferences() {
        assertEquals(List.of(), SHOP.differences(TableDefinitionProperties.describe(SHOP.createTableRequest()),
                ttl("expiresAt", TimeToLiveStatus.ENABLING)));
    }

    @Test
    void reportsEveryDifferenceOfAnotherTable() {
        // the same table name, made differently: number sort key, GSI1 keys-only with a number sort key, byRank
        // global, an extra index, provisioned, no TTL, no stream
        KeySchema other = KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.number("SK"))
                .withIndex("GSI1", KeySchema.of(KeyAttribute.string("GSI1PK"), KeyAttribute.number("GSI1SK")))
                .withIndex("byRank", KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.number("rank")))
                .withIndex("extra", KeySchema.of("x"));
        TableDefinition made = TableDefinition.of("Shop", other).withProjection("GSI1", IndexProjection.keysOnly())
                .withBilling(Billing.provisioned(2, 2));
        TableDescription live = TableDefinitionProperties.describe(made.createTableRequest());
        List<Difference> diffs = SHOP.differences(live, ttl(null, TimeToLiveStatus.DISABLED));
        assertEquals(List.of(
                new Difference.WrongKeys(Optional.empty(), KeySchema.of("PK", "SK"),
                        KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.number("SK"))),
                new Difference.WrongKeys(Optional.of("GSI1"), KeySchema.of("GSI1PK", "GSI1SK"),
                        KeySchema.of(KeyAttribute.string("GSI1PK"), KeyAttribute.number("GSI1SK"))),
                new Difference.WrongProjection("GSI1", IndexProjection.include("status", "total"),
                        IndexProjection.keysOnly()),
                new Difference.WrongIndexKind("byRank", IndexKind.LOCAL, IndexKind.GLOBAL),
                new Difference.UnexpectedIndex("extra", IndexKind.GLOBAL),
                new Difference.WrongBilling(Optional.empty(), Billing.onDemand(), Billing.provisioned(2, 2)),
                new Difference.WrongTimeToLive(Optional.of("expiresAt"), Optional.empty()),
                new Difference.WrongStream(Optional.of(StreamViewType.NEW_IMAGE), Optional.empty())), diffs);
        assertEquals(List.of("the table has the keys PK:S, SK:N, defined as PK:S, SK:S",
                "index GSI1 has the keys GSI1PK:S, GSI1SK:N, defined as GSI1PK:S, GSI1SK:S",
                "index GSI1 projects KEYS_ONLY, defined as INCLUDE[status, total]",
                "index byRank is GLOBAL, defined as LOCAL",
                "the table has the global index extra, which is not defined",
                "the table is billed PROVISIONED(read 2, write 2), defined as PAY_PER_REQUEST",
                "time to live is off, defined on for expiresAt",
                "the stream is off, defined as NEW_IMAGE"), diffs.stream().map(Difference::toString).toList());
    }

    @Test
    void reportsMissingIndexesAndCapacitiesPerIndex() {
        TableDefinition provisioned = TableDefinition.of("Shop", KEYS).withBilling(Billing.provisioned(5, 5));
        TableDefinition made = TableDefinition.of("Shop", KeySchema.of("PK", "SK").withIndex("GSI1",
                KeySchema.of("GSI1PK", "GSI1SK"))).withBilling(Billing.provisioned(5, 1));
        List<Difference> diffs = provisioned.differences(TableDefinitionProperties.describe(made.createTableRequest()),
                ttl(null, TimeToLiveStatus.DISABLED));
        assertEquals(List.of(
                new Difference.WrongBilling(Optional.of("GSI1"), Billing.provisioned(5, 5), Billing.provisioned(5, 1)),
                new Difference.MissingIndex("byRank", IndexKind.GLOBAL),
                new Difference.WrongBilling(Optional.empty(), Billing.provisioned(5, 5), Billing.provisioned(5, 1))),
                diffs);
        assertEquals("the global index byRank is missing", diffs.get(1).toString());
        assertEquals("index GSI1 is billed PROVISIONED(read 5, write 1), defined as PROVISIONED(read 5, write 5)",
                diffs.get(0).toString());
    }

    @Test
    void readsTimeToLiveBeingTurnedOffAsOffAndOnAnotherAttributeAsADifference() {
        TableDescription live = TableDefinitionProperties.describe(SHOP.createTableRequest());
        assertEquals(List.of(new Difference.WrongTimeToLive(Optional.of("expiresAt"), Optional.empty())),
                SHOP.differences(live, ttl("expiresAt", TimeToLiveStatus.DISABLING)));
        assertEquals(List.of(new Difference.WrongTimeToLive(Optional.of("expiresAt"), Optional.of("ttl"))),
                SHOP.differences(live, ttl("ttl", TimeToLiveStatus.ENABLED)));
        TableDefinition noTtl = TableDefinition.of("Shop", KEYS).withLocalIndex("byRank")
                .withProjection("GSI1", IndexProjection.include("total", "status")).withStream(StreamViewType.NEW_IMAGE);
        assertEquals(List.of(new Difference.WrongTimeToLive(Optional.empty(), Optional.of("ttl"))),
                noTtl.differences(live, ttl("ttl", TimeToLiveStatus.ENABLED)));
        assertEquals("time to live is on for ttl, defined off",
                noTtl.differences(live, ttl("ttl", TimeToLiveStatus.ENABLED)).getFirst().toString());
        assertEquals(List.of(), noTtl.differences(live, ttl(null, TimeToLiveStatus.DISABLED)));
    }

    @Test
    void saysAMissingTableInASentence() {
        assertEquals("table Shop does not exist", new Difference.MissingTable("Shop").toString());
        assertEquals("the local index byRank is missing", new Difference.MissingIndex("byRank", IndexKind.LOCAL)
                .toString());
        assertEquals("the stream is KEYS_ONLY, defined as off",
                new Difference.WrongStream(Optional.empty(), Optional.of(StreamViewType.KEYS_ONLY)).toString());
    }

    static TimeToLiveDescription ttl(String attribute, TimeToLiveStatus status) {
        return TimeToLiveDescription.builder().attributeName(attribute).timeToLiveStatus(status).build();
    }

    private static AttributeDefinition definition(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static List<String> elements(List<KeySchemaElement> elements) {
        return elements.stream().map(e -> e.attributeName() + ":" + e.keyType()).toList();
    }

    @Test
    void projectionsCompareAsSets() {
        assertEquals(Set.of("a", "b"), ((IndexProjection.Include) IndexProjection.include("b", "a")).attributes());
        assertEquals("INCLUDE[b, a]", IndexProjection.include("b", "a").toString());
        assertEquals("KEYS_ONLY", IndexProjection.keysOnly().toString());
    }
}
