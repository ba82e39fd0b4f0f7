package dev.dynamatic.it;

import static dev.dynamatic.it.demo.ShopData.ADA;
import static dev.dynamatic.it.demo.ShopData.ADDRESSES;
import static dev.dynamatic.it.demo.ShopData.ORDERS;
import static dev.dynamatic.it.demo.ShopData.money;
import static dev.dynamatic.it.demo.ShopModel.CART_LINE;
import static dev.dynamatic.it.demo.ShopModel.CUSTOMER;
import static dev.dynamatic.it.demo.ShopModel.EMAIL;
import static dev.dynamatic.it.demo.ShopModel.ORDER;
import static dev.dynamatic.it.demo.ShopModel.PRODUCT;
import static dev.dynamatic.it.demo.ShopModel.PRODUCT_VERSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.Failure;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.Scan;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.TableDefinition;
import dev.dynamatic.it.demo.Shop;
import dev.dynamatic.it.demo.ShopData;
import dev.dynamatic.it.demo.ShopModel;
import dev.dynamatic.it.demo.ShopModel.Address;
import dev.dynamatic.it.demo.ShopModel.CartLine;
import dev.dynamatic.it.demo.ShopModel.Customer;
import dev.dynamatic.it.demo.ShopModel.EmailGuard;
import dev.dynamatic.it.demo.ShopModel.Order;
import dev.dynamatic.it.demo.ShopModel.OrderLine;
import dev.dynamatic.it.demo.ShopModel.OrderStatus;
import dev.dynamatic.it.demo.ShopModel.Product;
import dev.dynamatic.it.server.Engine;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The demo's ten access patterns against the server, on the demo's seed data, with asserted results. Tests that
 * write use items of their own (customer c9, order o9xxx, product p9), so the read patterns see the seed data
 * whatever order the tests run in.
 */
@DynamoDbIT
@WithTable(pk = "PK", sk = "SK", gsis = {
        @WithTable.Gsi(name = "GSI1", pk = "GSI1PK", sk = "GSI1SK"),
        @WithTable.Gsi(name = "GSI2", pk = "GSI2PK", sk = "GSI2SK")})
class ShopDemoIT {

    private static final Instant NOW = Instant.now();

    private final Shop shop;

    ShopDemoIT(DynamoDbClient client, TestTable table) {
        this.shop = new Shop(Table.of(client, table.name(), ShopModel.KEYS));
    }

    @BeforeAll
    static void seed(DynamoDbClient client, TestTable table) {
        new Shop(Table.of(client, table.name(), ShopModel.KEYS)).seed(ShopData.puts(NOW));
    }

    // ---- the key design

    @Test
    void storesEachEntityUnderItsDesignedKeys() {
        Item order = shop.table().get(Key.of("ORDER#o1010", "HEADER")).orElseThrow();
        assertEquals("Order", order.getString("_type"));
        assertEquals("CUST#c1", order.getString("GSI1PK"));
        assertEquals("ORDER#2026-06-21T09:30:00Z#o1010", order.getString("GSI1SK"));
        assertEquals("OPEN#" + ShopModel.shard("o1010"), order.getString("GSI2PK"));
        assertEquals("2026-06-21T09:30:00Z", order.getString("GSI2SK"));

        Item shipped = shop.table().get(Key.of("ORDER#o1001", "HEADER")).orElseThrow();
        assertFalse(shipped.has("GSI2PK"), "a shipped order is not in the sparse queue index");
        assertFalse(shipped.has("GSI2SK"));

        Item line = shop.table().get(Key.of("ORDER#o1010", "LINE#p2")).orElseThrow();
        assertEquals("PROD#p2", line.getString("GSI1PK"));
        assertEquals("ORDER#2026-06-21T09:30:00Z#o1010", line.getString("GSI1SK"));

        assertEquals("Address", shop.table().get(Key.of("CUST#c1", "ADDR#US#WA#Seattle#a1")).orElseThrow()
                .getString("_type"));
        assertEquals("EmailGuard", shop.table().get(Key.of("EMAIL#ada@example.com", "EMAIL")).orElseThrow()
                .getString("_type"));
        assertEquals("ProductVersion", shop.table().get(Key.of("PROD#p1", "v#0002")).orElseThrow()
                .getString("_type"));
        Item cart = shop.table().get(Key.of("CUST#c1", "CART#p2")).orElseThrow();
        assertEquals(ShopData.cart(NOW).getFirst().expiresAt(), cart.getLong("expiresAt"), "a number, as TTL needs");
    }

    // ---- 1

    @Test
    @Tag("transactions")
    void registersACustomerOnceAndCancelsASecondRegistrationWithTheSameEmail() {
        Customer kay = new Customer("c10", "Kay", "kay@example.com");
        assertEquals(Either.right(kay), shop.register(kay));
        assertEquals(Optional.of(kay), shop.table().get(CUSTOMER.key(kay), CUSTOMER));
        assertEquals(Optional.of(new EmailGuard("kay@example.com", "c10")),
                shop.table().get(Key.of("EMAIL#kay@example.com", "EMAIL"), EMAIL));

        Customer impostor = new Customer("c11", "Impostor", "kay@example.com");
        Failure f = shop.register(impostor).getLeft();
        Failure.TransactionCanceled c = assertInstance(Failure.TransactionCanceled.class, f);
        assertEquals(List.of("None", "ConditionalCheckFailed"),
                c.reasons().stream().map(Failure.TransactionCanceled.Reason::code).toList());
        assertEquals(Optional.empty(), shop.table().get(CUSTOMER.key(impostor)), "nothing of it was written");
    }

    // ---- 2

    @Test
    void findsTheAddressesInOneState() {
        assertEquals(addresses(a -> a.customerId().equals("c1") && a.state().equals("WA")),
                shop.addressesIn("c1", "US", "WA"));
        assertEquals(List.of("a1", "a2"), shop.addressesIn("c1", "US", "WA").stream().map(Address::addressId).toList());
        assertEquals(List.of("a5"), shop.addressesIn("c2", "US", "WA").stream().map(Address::addressId).toList());
        assertEquals(List.of(), shop.addressesIn("c1", "US", "W"), "a prefix of a state is not a state");
        assertEquals(List.of(), shop.addressesIn("c1", "DE", "BE"));
    }

    // ---- 3

    @Test
    void readsTheProfileAndTheNewestOrdersInOneQuery() {
        List<Order> adas = orders(o -> o.customerId().equals("c1")).stream()
                .sorted(Comparator.comparing(Order::placedAt).reversed()).toList();
        Shop.ProfileAndOrders ten = shop.profileAndNewestOrders("c1", 10);
        assertEquals(Optional.of(ADA), ten.profile());
        assertEquals(adas.subList(0, 10), ten.newestOrders());
        Shop.ProfileAndOrders all = shop.profileAndNewestOrders("c1", 50);
        assertEquals(adas, all.newestOrders());
        Shop.ProfileAndOrders nobody = shop.profileAndNewestOrders("c404", 10);
        assertEquals(Optional.empty(), nobody.profile());
        assertEquals(List.of(), nobody.newestOrders());
    }

    // ---- 4

    @Test
    void readsAnOrderWithItsLines() {
        ShopData.Seeded o1010 = seeded("o1010");
        Shop.OrderWithLines r = shop.orderWithLines("o1010");
        assertEquals(Optional.of(o1010.order()), r.order());
        assertEquals(o1010.lines(), r.lines());
        assertEquals(o1010.lines(), shop.orderLines("o1010"));
        assertEquals(seeded("o1004").lines(), shop.orderLines("o1004"));
    }

    // ---- 5

    @Test
    void findsTheOrdersOfAProductInADateRange() {
        assertEquals(List.of("o1003", "o1005", "o2001", "o1007", "o1010"),
                shop.linesOfProduct("p1", "2026-05", "2026-06").stream().map(OrderLine::orderId).toList());
        assertEquals(List.of("o1009", "o2002"),
                shop.linesOfProduct("p3", "2026-06", "2026-06").stream().map(OrderLine::orderId).toList());
        assertEquals(List.of("o1003"), shop.linesOfProduct("p3", "2026-05-03", "2026-05-03").stream()
                .map(OrderLine::orderId).toList(), "whole dates bound the range too");
        List<OrderLine> all = ORDERS.stream().flatMap(s -> s.lines().stream())
                .filter(l -> l.productId().equals("p4")).toList();
        assertEquals(all, shop.linesOfProduct("p4", "2026", "2026"));
    }

    // ---- 6

    @Test
    void mergesTheShardsOfTheOpenOrderQueueOldestFirst() {
        List<Order> open = orders(o -> o.status() == OrderStatus.OPEN).stream()
                .sorted(Comparator.comparing(Order::placedAt)).toList();
        assertTrue(open.stream().map(o -> ShopModel.shard(o.orderId())).distinct().count() > 1,
                "the seed spreads the queue over several shards");
        assertEquals(open, openSeedOrders(shop.oldestOpenOrders(100)));
        assertEquals(open.subList(0, 3), shop.oldestOpenOrders(3));
    }

    @Test
    void shipsAnOpenOrderOnceAndTakesItOutOfTheQueue(Engine engine) {
        Order o = new Order("o9001", "c9", "2026-01-01T00:00:00Z", OrderStatus.OPEN, money("10"));
        shop.table().put(o, ORDER);
        assertEquals(o, shop.oldestOpenOrders(1).getFirst(), "the oldest open order heads the queue");

        Order shipped = shop.ship("o9001").get();
        assertEquals(OrderStatus.SHIPPED, shipped.status());
        Item stored = shop.table().get(ORDER.key(o)).orElseThrow();
        assertFalse(stored.has("GSI2PK"));
        assertFalse(stored.has("GSI2SK"));
        assertTrue(stored.has("GSI1PK"), "still listed under its customer");
        assertFalse(shop.oldestOpenOrders(100).stream().anyMatch(x -> x.orderId().equals("o9001")));

        Failure.ConditionFailed again = assertInstance(Failure.ConditionFailed.class, shop.ship("o9001").getLeft());
        switch (engine) {
            case DYNOXIDE -> assertEquals(Optional.of("SHIPPED"), again.item().map(i -> i.getString("status")));
            case DYNALITE -> assertEquals(Optional.empty(), again.item(), "dynalite 4.0.0 returns no item (ENGINES.md)");
        }
        assertTrue(shop.ship("o404").isLeft(), "no such order: the condition fails");
    }

    // ---- 7

    @Test
    void readsTheLatestProductAndItsHistory() {
        List<Product> p1 = ShopData.PRODUCT_VERSIONS.stream().filter(p -> p.productId().equals("p1")).toList();
        assertEquals(Optional.of(p1.getLast()), shop.product("p1"));
        assertEquals(p1, shop.productHistory("p1"));
        assertEquals(Optional.empty(), shop.product("p404"));
        assertEquals(List.of(), shop.productHistory("p404"));
    }

    // ---- 8

    @Test
    @Tag("transactions")
    void changesAPriceOnceAndRejectsAStaleChange() {
        Product v1 = new Product("p9", "Tamper", money("25"), 1);
        shop.table().put(v1, PRODUCT);
        shop.table().put(v1, PRODUCT_VERSION);

        Product v2 = shop.changePrice(v1, money("27.5")).get();
        assertEquals(new Product("p9", "Tamper", money("27.5"), 2), v2);
        Failure.VersionConflict conflict = assertInstance(Failure.VersionConflict.class,
                shop.changePrice(v1, money("30")).getLeft());
        assertEquals(1, conflict.expected());
        assertEquals(Optional.of(2L), conflict.current().map(i -> i.getLong("version")));

        assertEquals(Optional.of(v2), shop.product("p9"));
        assertEquals(List.of(v1, v2), shop.productHistory("p9"), "the stale change wrote no version");
        Product v3 = shop.changePrice(v2, money("29")).get();
        assertEquals(List.of(v1, v2, v3), shop.productHistory("p9"));
    }

    // ---- 9

    @Test
    void keepsACartLineForSevenDaysAndHidesExpiredOnes() {
        shop.table().put(new CartLine("c9", "p3", 1, NOW.minusSeconds(1).getEpochSecond()), CART_LINE);
        shop.table().put(new CartLine("c9", "p4", 2, NOW.plusSeconds(60).getEpochSecond()), CART_LINE);
        CartLine added = shop.addToCart("c9", "p1", 3, NOW);
        assertEquals(NOW.plus(Duration.ofDays(7)).getEpochSecond(), added.expiresAt());
        AttributeValue stored = shop.table().client().getItem(b -> b.tableName(shop.table().name())
                .key(shop.table().key(Key.of("CUST#c9", "CART#p1")))).item().get("expiresAt");
        assertEquals(Long.toString(added.expiresAt()), stored.n(), "epoch seconds as a number (N)");

        assertEquals(List.of("p1", "p4"), shop.cart("c9", NOW).stream().map(CartLine::productId).toList());
        assertEquals(List.of("p1"), shop.cart("c9", NOW.plusSeconds(120)).stream().map(CartLine::productId).toList());
    }

    // ---- 10

    @Test
    void readsTheCartsProductsInOneBatch() {
        List<CartLine> cart = List.of(new CartLine("c1", "p4", 1, 0), new CartLine("c1", "p2", 1, 0),
                new CartLine("c1", "p404", 1, 0));
        Map<String, Product> latest = ShopData.latestProducts().stream()
                .collect(Collectors.toMap(Product::productId, p -> p));
        assertEquals(List.of(latest.get("p4"), latest.get("p2")), shop.productsOf(cart),
                "in the cart's order; a product that does not exist is simply absent");
    }

    @Test
    void exportsEveryItemWithAParallelScan() {
        Map<String, Long> sequential = new TreeMap<>();
        try (var items = shop.table().scan(Scan.of())) {
            items.forEach(i -> sequential.merge(i.getString("_type"), 1L, Long::sum));
        }
        Map<String, Long> parallel = shop.export(4);
        assertEquals(sequential, parallel, "the four segments together are the table, each item once");
        assertEquals(ADDRESSES.size(), parallel.get("Address"));
        assertEquals(ORDERS.stream().mapToLong(s -> s.lines().size()).sum(), parallel.get("OrderLine"));
        assertEquals(sequential, shop.export(1));
    }

    // ---- the table

    @Test
    void createsTheDemoTableFromItsDefinition(DynamoDbClient client) {
        // ShopModel.TABLE without its time to live (dynalite has no UpdateTimeToLive): the keys, GSIs, billing
        TableDefinition withoutTtl = TableDefinition.of(TestTables.uniqueName("ShopModel"), ShopModel.KEYS)
                .withCodecs(ShopModel.SHOP.entities());
        String name = withoutTtl.tableName();
        assertTrue(withoutTtl.createIfMissing(client));
        try {
            TableDescription t = client.describeTable(b -> b.tableName(name)).table();
            assertEquals(List.of("PK", "SK"), t.keySchema().stream().map(KeySchemaElement::attributeName).toList());
            Map<String, List<String>> gsis = new TreeMap<>();
            for (GlobalSecondaryIndexDescription g : t.globalSecondaryIndexes()) {
                gsis.put(g.indexName(), g.keySchema().stream().map(KeySchemaElement::attributeName).toList());
            }
            assertEquals(Map.of("GSI1", List.of("GSI1PK", "GSI1SK"), "GSI2", List.of("GSI2PK", "GSI2SK")), gsis);
            assertEquals(ShopModel.KEYS, dev.dynamatic.core.KeySchema.describe(client, name));
            assertEquals(List.of(), withoutTtl.verify(client));
            assertEquals(List.of(new TableDefinition.Difference.WrongTimeToLive(Optional.of("expiresAt"),
                    Optional.empty())), ShopModel.TABLE.withTableName(name).verify(client));
        } finally {
            TestTables.delete(client, name);
        }
    }

    @Test
    @Tag("ttl")
    void createsTheDemoTableWithTimeToLiveOnExpiresAt(DynamoDbClient client) {
        TableDefinition table = ShopModel.TABLE.withTableName(TestTables.uniqueName("ShopModel-ttl"));
        assertTrue(table.createIfMissing(client));
        try {
            var ttl = client.describeTimeToLive(b -> b.tableName(table.tableName())).timeToLiveDescription();
            assertEquals("expiresAt", ttl.attributeName());
            assertTrue(ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                    || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING, ttl::toString);
            assertEquals(List.of(), table.verify(client));
        } finally {
            TestTables.delete(client, table.tableName());
        }
    }

    /** Shards are merged in DynamoDB's order, UTF-8 bytes, where Java's {@code compareTo} would disagree. */
    @Nested
    @WithTable(pk = "PK", sk = "SK", gsis = {
            @WithTable.Gsi(name = "GSI1", pk = "GSI1PK", sk = "GSI1SK"),
            @WithTable.Gsi(name = "GSI2", pk = "GSI2PK", sk = "GSI2SK")})
    class ShardOrder {

        @Test
        void mergesByUtf8BytesNotByJavaStringOrder(DynamoDbClient client, TestTable table) {
            Shop own = new Shop(Table.of(client, table.name(), ShopModel.KEYS));
            // placedAt values that sort differently as UTF-8 bytes and as Java strings (UTF-16 units)
            String bmp = "2026-09-01T00:00:00Z\uFFFD";      // EF BF BD
            String astral = "2026-09-01T00:00:00Z\uD83D\uDE00"; // F0 9F 98 80, U+1F600
            String plain = "2026-09-01T00:00:00Z";
            assertTrue(astral.compareTo(bmp) < 0, "Java puts the surrogate pair first");
            List<String> ids = idsInDistinctShards(3);
            List<Order> orders = List.of(
                    new Order(ids.get(0), "c9", astral, OrderStatus.OPEN, money("1")),
                    new Order(ids.get(1), "c9", bmp, OrderStatus.OPEN, money("1")),
                    new Order(ids.get(2), "c9", plain, OrderStatus.OPEN, money("1")));
            orders.forEach(o -> own.table().put(o, ORDER));
            assertEquals(List.of(plain, bmp, astral), own.oldestOpenOrders(10).stream().map(Order::placedAt).toList());
        }

        private static List<String> idsInDistinctShards(int n) {
            List<String> ids = new ArrayList<>();
            List<Integer> shards = new ArrayList<>();
            for (int i = 0; ids.size() < n; i++) {
                String id = "o8" + i;
                if (!shards.contains(ShopModel.shard(id))) {
                    shards.add(ShopModel.shard(id));
                    ids.add(id);
                }
            }
            return ids;
        }
    }

    // ---- helpers

    private static List<Address> addresses(Predicate<Address> p) {
        return ADDRESSES.stream().filter(p).toList();
    }

    private static List<Order> orders(Predicate<Order> p) {
        return ORDERS.stream().map(ShopData.Seeded::order).filter(p).toList();
    }

    /** The seeded orders of a queue read (tests that write add orders of customer c9). */
    private static List<Order> openSeedOrders(List<Order> read) {
        return read.stream().filter(o -> !o.customerId().equals("c9")).toList();
    }

    private static ShopData.Seeded seeded(String orderId) {
        return ORDERS.stream().filter(s -> s.order().orderId().equals(orderId)).findFirst().orElseThrow();
    }

    private static <T> T assertInstance(Class<T> type, Object value) {
        assertTrue(type.isInstance(value), () -> "expected a " + type.getSimpleName() + ", got " + value);
        return type.cast(value);
    }
}
