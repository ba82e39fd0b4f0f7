package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.plus;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.sortKey;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.it.Fixtures.conditionFailed;
import static dev.dynamatic.it.Fixtures.item;
import static dev.dynamatic.it.Fixtures.right;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.RecordCodec;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.UpdateItem;
import java.lang.invoke.MethodHandles;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Java records in and out through {@link ItemCodec#record}: get, put, update and query. */
@DynamoDbIT
class RecordsIT {

    /** A customer: nested records, lists, sets, maps, an enum, an Optional, an Instant. */
    public record Customer(String pk, String sk, String name, Address address, List<Order> orders, Set<String> tags,
                           Map<String, Integer> scores, Tier tier, Optional<String> nickname, Instant since,
                           BigDecimal balance, int visits) {
    }

    /** A postal address. */
    public record Address(String city, Optional<String> zip) {
    }

    /** An order line. */
    public record Order(String id, long cents) {
    }

    /** A loyalty tier. */
    public enum Tier { GOLD, SILVER }

    /** A projection of a customer: only what a list view needs. */
    private record Summary(String pk, String sk, String name) {
    }

    private static final ItemCodec<Customer> CUSTOMERS = RecordCodec.of(Customer.class);
    private static final ItemCodec<Summary> SUMMARIES = RecordCodec.of(Summary.class, MethodHandles.lookup());

    private static final Customer ADA = new Customer("cust", "ada", "Ada", new Address("London", Optional.of("W1")),
            List.of(new Order("o1", 1999), new Order("o2", 50)), Set.of("vip", "early"), Map.of("math", 100, "poetry", 7),
            Tier.GOLD, Optional.empty(), Instant.parse("1843-09-01T00:00:00Z"), new BigDecimal("12.5"), 3);

    private final Table table;

    RecordsIT(DynamoDbClient client, TestTable testTable) {
        this.table = testTable.on(client);
    }

    @Test
    void putsAndGetsARecord() {
        table.put(ADA, CUSTOMERS);
        assertEquals(Optional.of(ADA), table.get(Key.of("cust", "ada"), CUSTOMERS));
    }

    @Test
    void storesComponentsAsPlainDynamoDbAttributes() {
        table.put(ADA, CUSTOMERS);
        Item raw = table.get(Key.of("cust", "ada")).orElseThrow();
        assertEquals(item("city", "London", "zip", "W1"), raw.getMap("address"));
        assertEquals(List.of(item("id", "o1", "cents", 1999), item("id", "o2", "cents", 50)), raw.getList("orders"));
        assertEquals(Set.of("vip", "early"), raw.getStringSet("tags"));
        assertEquals(item("math", 100, "poetry", 7), raw.getMap("scores"));
        assertEquals("GOLD", raw.getString("tier"));
        assertTrue(!raw.has("nickname"), "an empty Optional is left out: " + raw);
        assertEquals(0, new BigDecimal("12.5").compareTo(raw.getBigDecimal("balance")));
    }

    @Test
    void readsARecordFromAnItemWrittenAsPlainData() {
        table.put(item("pk", "cust", "sk", "bob", "name", "Bob", "address", item("city", "Paris"), "orders", List.of(),
                "scores", item(), "tier", "SILVER", "nickname", "bobby", "since", "2020-01-01T00:00:00Z",
                "balance", 0, "visits", 1, "ignored", "extra attribute"));
        Customer bob = table.get(Key.of("cust", "bob"), CUSTOMERS).orElseThrow();
        assertEquals(new Customer("cust", "bob", "Bob", new Address("Paris", Optional.empty()), List.of(), Set.of(),
                Map.of(), Tier.SILVER, Optional.of("bobby"), Instant.parse("2020-01-01T00:00:00Z"), BigDecimal.ZERO, 1), bob);
    }

    @Test
    void conditionalPutOfARecord() {
        Customer carl = new Customer("cust", "carl", "Carl", new Address("Oslo", Optional.empty()), List.of(), Set.of(),
                Map.of(), Tier.SILVER, Optional.of("c"), Instant.EPOCH, BigDecimal.ONE, 0);
        right(table.put(PutItem.of(carl, CUSTOMERS).withCondition(attributeNotExists(path("pk")))));
        var second = table.put(PutItem.of(carl, CUSTOMERS).withCondition(attributeNotExists(path("pk"))).withReturnOld(true));
        conditionFailed(second);
        assertEquals(Optional.of("c"), table.get(Key.of("cust", "carl"), CUSTOMERS).orElseThrow().nickname());
    }

    @Test
    void updateReturnsTheNewRecord() {
        table.put(ADA, CUSTOMERS);
        Customer after = right(table.update(UpdateItem.of(Key.of("cust", "ada"),
                                update(set(path("visits"), plus(path("visits"), value(1))),
                                        set(path("address.city"), value("Marylebone"))))
                        .withReturnValues(ReturnValue.ALL_NEW), CUSTOMERS)).item().orElseThrow();
        assertEquals(4, after.visits());
        assertEquals(new Address("Marylebone", Optional.of("W1")), after.address());
    }

    @Test
    void queriesRecords() {
        List<Customer> many = IntStream.range(0, 12).mapToObj(i -> new Customer("many", String.format("c%02d", i),
                "n" + i, new Address("City" + i, Optional.empty()), List.of(), Set.of("t" + i), Map.of(), Tier.GOLD,
                Optional.empty(), Instant.EPOCH, BigDecimal.TEN, i)).toList();
        many.forEach(c -> table.put(c, CUSTOMERS));
        List<Customer> back = table.query(Query.of(partitionKey("pk", value("many"))).withPageSize(5), CUSTOMERS).toList();
        assertEquals(many, back);

        List<Summary> summaries = table.query(Query.of(partitionKey("pk", value("many")).and(sortKey("sk").ge(value("c10"))))
                .withProjection(projection("name")), SUMMARIES).toList();
        // the keys the cursor needs are fetched but not handed out: only what the projection names
        assertEquals(List.of(new Summary(null, null, "n10"), new Summary(null, null, "n11")), summaries);
        List<Summary> withKeys = table.query(Query.of(partitionKey("pk", value("many")).and(sortKey("sk").ge(value("c10"))))
                .withProjection(projection("pk", "sk", "name")), SUMMARIES).toList();
        assertEquals(List.of(new Summary("many", "c10", "n10"), new Summary("many", "c11", "n11")), withKeys);
    }

    @Test
    void aRecordThatCannotBeStoredIsRejectedBeforeSending() {
        Customer noKey = new Customer(null, "x", "No key", null, List.of(), Set.of(), Map.of(), Tier.GOLD,
                Optional.empty(), Instant.EPOCH, BigDecimal.ONE, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.put(noKey, CUSTOMERS));
        assertTrue(e.getMessage().contains("\"pk\""), e.getMessage());
    }
}
