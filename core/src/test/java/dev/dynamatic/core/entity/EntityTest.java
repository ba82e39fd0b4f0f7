package dev.dynamatic.core.entity;

import static dev.dynamatic.ast.Dsl.attr;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.remove;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.sortKey;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.RecordCodec;
import java.lang.invoke.MethodHandles;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EntityTest {

    static final KeySchema KEYS = KeySchema.of("PK", "SK")
            .withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK"))
            .withIndex("GSI2", KeySchema.of("GSI2PK", "GSI2SK"))
            .withIndex("LSI1", KeySchema.of("PK", "LSI1SK"))
            .withIndex("BYSTATUS", KeySchema.of("STATUSPK"));

    enum Status { OPEN, SHIPPED }

    record Customer(String customerId, String name) {}

    record Address(String customerId, String addressId, String country, String state, String city) {}

    record Order(String orderId, String customerId, String placedAt, Status status, BigDecimal total) {}

    private static final ItemCodec<Customer> CUSTOMERS = RecordCodec.of(Customer.class, MethodHandles.lookup());
    private static final ItemCodec<Address> ADDRESSES = RecordCodec.of(Address.class, MethodHandles.lookup());
    private static final ItemCodec<Order> ORDERS = RecordCodec.of(Order.class, MethodHandles.lookup());

    static final Entity<Customer> CUSTOMER = Entity.of("Customer", CUSTOMERS, KEYS,
            "CUST#{customerId}", "PROFILE").withIndex("GSI1", "CUST#{customerId}", "PROFILE");

    static final Entity<Address> ADDRESS = Entity.of("Address", ADDRESSES, KEYS,
            "CUST#{customerId}", "ADDR#{country}#{state}#{city}#{addressId}");

    static final Entity<Order> ORDER = Entity.of("Order", ORDERS, KEYS,
                    "ORDER#{orderId}", "HEADER")
            .withIndex("GSI1", "CUST#{customerId}", "ORDER#{placedAt}#{orderId}")
            .withIndex("GSI2", "OPEN#{openShard}", "{placedAt}")
            .withDerived("openShard", o -> o.status() == Status.OPEN ? Math.floorMod(o.orderId().hashCode(), 4) : null);

    private static final Order OPEN_ORDER = new Order("o1", "c1", "2026-05-14T10:00:00Z", Status.OPEN,
            new BigDecimal("19.90"));

    @Test
    void writesKeysAndTypeBeforeTheCodecsAttributes() {
        Map<String, AttributeValue> item = CUSTOMER.encode(new Customer("c1", "Ada"));
        assertEquals(List.of("PK", "SK", "GSI1PK", "GSI1SK", "_type", "customerId", "name"), List.copyOf(item.keySet()));
        assertEquals("CUST#c1", item.get("PK").s());
        assertEquals("PROFILE", item.get("SK").s());
        assertEquals("CUST#c1", item.get("GSI1PK").s());
        assertEquals("Customer", item.get("_type").s());
        assertEquals(new Customer("c1", "Ada"), CUSTOMER.decode(item));
    }

    @Test
    void writesASparseIndexOnlyWhileEveryPlaceholderHasAValue() {
        Map<String, AttributeValue> open = ORDER.encode(OPEN_ORDER);
        assertEquals("OPEN#" + Math.floorMod("o1".hashCode(), 4), open.get("GSI2PK").s());
        assertEquals("2026-05-14T10:00:00Z", open.get("GSI2SK").s());
        assertEquals("ORDER#2026-05-14T10:00:00Z#o1", open.get("GSI1SK").s());
        assertFalse(open.containsKey("openShard"), "a derived value is not stored");

        Map<String, AttributeValue> shipped = ORDER.encode(new Order("o1", "c1", "2026-05-14T10:00:00Z",
                Status.SHIPPED, BigDecimal.ONE));
        assertFalse(shipped.containsKey("GSI2PK"));
        assertFalse(shipped.containsKey("GSI2SK"));
        assertTrue(shipped.containsKey("GSI1PK"));
    }

    @Test
    void updatesTakeAnItemInAndOutOfASparseIndex() {
        assertEquals(update(remove(attr("GSI2PK")), remove(attr("GSI2SK"))), ORDER.index("GSI2").remove());
        assertEquals(update(set(attr("GSI2PK"), value("OPEN#3")), set(attr("GSI2SK"), value("2026-05-14"))),
                ORDER.index("GSI2").set(Map.of("openShard", 3, "placedAt", "2026-05-14")));
        assertThrows(IllegalArgumentException.class, () -> ORDER.table().remove());
        assertThrows(IllegalArgumentException.class, () -> ORDER.table().set(Map.of("orderId", "o1")));
    }

    @Test
    void anLsiSharesTheTablesPartitionKeyAndUpdatesOnlyItsOwn() {
        Entity<Address> e = ADDRESS.withIndex("LSI1", "CUST#{customerId}", "CITY#{city}");
        Address a = new Address("c1", "a1", "US", "WA", "Seattle");
        assertEquals("CITY#Seattle", e.encode(a).get("LSI1SK").s());
        assertEquals(update(remove(attr("LSI1SK"))), e.index("LSI1").remove());
        IllegalArgumentException conflict = assertThrows(IllegalArgumentException.class,
                () -> ADDRESS.withIndex("LSI1", "C#{customerId}", "CITY#{city}"));
        assertTrue(conflict.getMessage().contains("already has CUST#{customerId}"), conflict.getMessage());
    }

    @Test
    void readingChecksTheType() {
        Map<String, AttributeValue> address = ADDRESS.encode(new Address("c1", "a1", "US", "WA", "Seattle"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CUSTOMER.decode(address));
        assertEquals("the item (PK=<S>, SK=<S>) is of type \"Address\", not \"Customer\";"
                + " filter with typeCondition(), or read several types with Entities", e.getMessage());
        Map<String, AttributeValue> untyped = Map.of("PK", AttributeValue.fromS("CUST#c1"),
                "SK", AttributeValue.fromS("PROFILE"), "customerId", AttributeValue.fromS("c1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CUSTOMER.decode(untyped)).getMessage()
                .contains("of no type (no attribute \"_type\")"));
        assertEquals(eq(attr("_type"), value("Customer")), CUSTOMER.typeCondition());
    }

    @Test
    void theTypeAttributeIsConfigurable() {
        Entity<Customer> kind = CUSTOMER.withTypeAttribute("kind");
        Map<String, AttributeValue> item = kind.encode(new Customer("c1", "Ada"));
        assertEquals("Customer", item.get("kind").s());
        assertFalse(item.containsKey("_type"));
        assertEquals(new Customer("c1", "Ada"), kind.decode(item));
        assertThrows(IllegalArgumentException.class, () -> CUSTOMER.decode(item));
        assertThrows(IllegalArgumentException.class, () -> CUSTOMER.withTypeAttribute("PK"));
    }

    @Test
    void queriesCarryTheKeyConditionsOneWouldWriteByHand() {
        Query addresses = ADDRESS.table().beginsWith(Map.of("customerId", "c1", "country", "US", "state", "WA"));
        assertEquals(partitionKey("PK", value("CUST#c1")).and(sortKey("SK").beginsWith(value("ADDR#US#WA#"))),
                addresses.keyCondition());
        assertEquals(Optional.empty(), addresses.index());

        Query profileAndOrders = CUSTOMER.index("GSI1").partition(Map.of("customerId", "c1"));
        assertEquals(partitionKey("GSI1PK", value("CUST#c1")), profileAndOrders.keyCondition());
        assertEquals(Optional.of("GSI1"), profileAndOrders.index());

        Query mayAndJune = ORDER.index("GSI1").between(Map.of("customerId", "c1", "placedAt", "2026-05"),
                Map.of("placedAt", "2026-06"));
        assertEquals(partitionKey("GSI1PK", value("CUST#c1")).and(sortKey("GSI1SK")
                        .between(value("ORDER#2026-05"), value("ORDER#2026-06\uDBFF\uDFFF"))),
                mayAndJune.keyCondition());
    }

    @Test
    void rangesLieInOnePartitionAndAreNotEmpty() {
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> ORDER.index("GSI1")
                .between(Map.of("customerId", "c1", "placedAt", "2026-05"), Map.of("customerId", "c2")));
        assertEquals("between: the high bound's values name another partition than the low bound's"
                + " (GSI1PK=CUST#{customerId}); a range lies within one partition", two.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ORDER.index("GSI1")
                .between(Map.of("customerId", "c1", "placedAt", "2026-07"), Map.of("placedAt", "2026-06")));
        assertTrue(e.getMessage().contains("sorts after the high bound"), e.getMessage());
        // the bounds are rendered from values: the messages name templates, never values
        assertFalse(e.getMessage().contains("2026-07") || e.getMessage().contains("c1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CUSTOMER.index("GSI1").partition(Map.of()));
    }

    @Test
    void keysComeFromValuesOrTemplateValues() {
        assertEquals(Key.of("ORDER#o1", "HEADER"), ORDER.key(OPEN_ORDER));
        assertEquals(Key.of("CUST#c1", "ADDR#US#WA#Seattle#a1"), ADDRESS.table().key(Map.of("customerId", "c1",
                "country", "US", "state", "WA", "city", "Seattle", "addressId", "a1")));
        assertThrows(IllegalArgumentException.class, () -> ORDER.index("GSI1").key(Map.of("customerId", "c1")));
        assertEquals(Map.of("customerId", "c1", "country", "US", "state", "WA", "city", "Seattle", "addressId", "a1"),
                ADDRESS.table().parse(Item.from(ADDRESS.encode(new Address("c1", "a1", "US", "WA", "Seattle")))));
    }

    @Test
    void rejectsWhatWouldMakeAnAmbiguousOrInvalidItem() {
        record HasKey(String PK, String id) {}
        Entity<HasKey> e = Entity.of("HasKey", RecordCodec.of(HasKey.class, MethodHandles.lookup()),
                KEYS, "X#{id}", "Y");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e.encode(new HasKey("p", "1"))).getMessage()
                .contains("the codec writes the attribute \"PK\""));

        IllegalArgumentException separator = assertThrows(IllegalArgumentException.class,
                () -> CUSTOMER.encode(new Customer("c#1", "Ada")));
        assertTrue(separator.getMessage().startsWith("entity Customer: key template \"CUST#{customerId}\": the value"
                + " of {customerId} contains the separator '#' (at index 1 of 3 characters)"), separator.getMessage());
        assertFalse(separator.getMessage().contains("c#1"), separator.getMessage());

        Entity<Customer> bare = Entity.of("Bare", CUSTOMERS, KEYS, "{customerId}", "S");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> bare.encode(new Customer("", "Ada")))
                .getMessage().contains("renders empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> bare.encode(new Customer("x".repeat(2049), "A")))
                .getMessage().contains("2049 bytes"));

        assertThrows(IllegalArgumentException.class, () -> Entity.of("NoSort", Item.codec(), KEYS, "A#{x}"));
        assertThrows(IllegalArgumentException.class, () -> CUSTOMER.withIndex("GSI9", "A", "B"));
        assertThrows(IllegalArgumentException.class, () -> CUSTOMER.withIndex("BYSTATUS", "A", "B"));
        assertEquals("STATUS#OPEN", Entity.of("S", Item.codec(), KEYS, "A#{x}", "B")
                .withIndex("BYSTATUS", "STATUS#{status}")
                .encode(Item.of(Map.of("x", "1", "status", "OPEN"))).get("STATUSPK").s());
        assertThrows(IllegalArgumentException.class, () -> CUSTOMER.index("GSI2"));
        Entity<Customer> derivedClash = CUSTOMER.withDerived("name", c -> "x");
        assertThrows(IllegalArgumentException.class, () -> derivedClash.encode(new Customer("c1", "Ada")));
    }

    @Test
    void plainItemsWorkToo() {
        Entity<Item> note = Entity.of("Note", Item.codec(), KEYS, "NOTE#{id}", "NOTE");
        Item written = Item.of(Map.of("id", "n1", "text", "hello"));
        Map<String, AttributeValue> item = note.encode(written);
        assertEquals("NOTE#n1", item.get("PK").s());
        assertEquals(written, note.decode(item));
    }
}
