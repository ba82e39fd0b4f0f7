package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.it.Fixtures.right;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.BatchGet;
import dev.dynamatic.core.BatchWrite;
import dev.dynamatic.core.DeleteItem;
import dev.dynamatic.core.Failure;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.OptimisticLock;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.Transaction;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.core.entity.Entity;
import dev.dynamatic.enhanced.EnhancedCodec;
import io.vavr.control.Either;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Enhanced Client models through {@link EnhancedCodec}: a table created from a bean's annotations, get, put, query
 * through an index, batches, transactions, a single-table entity and the optimistic lock on the bean's version
 * attribute; and the Enhanced Client itself reading what Dynamatic wrote and the other way round.
 */
@DynamoDbIT
class EnhancedIT {

    /** An Enhanced Client bean as teams have them: keys, an index, a version attribute for the versioned extension. */
    @DynamoDbBean
    public static class Order {
        private String customerId;
        private String orderId;
        private String status;
        private BigDecimal total;
        private Set<String> tags;
        private Long version;

        /** {@return a bean with every property set but the version} */
        static Order of(String customerId, String orderId, String status, String total) {
            Order o = new Order();
            o.setCustomerId(customerId);
            o.setOrderId(orderId);
            o.setStatus(status);
            o.setTotal(new BigDecimal(total));
            o.setTags(Set.of("gift", "express"));
            return o;
        }

        @DynamoDbPartitionKey
        public String getCustomerId() {
            return customerId;
        }

        public void setCustomerId(String customerId) {
            this.customerId = customerId;
        }

        @DynamoDbSortKey
        public String getOrderId() {
            return orderId;
        }

        public void setOrderId(String orderId) {
            this.orderId = orderId;
        }

        @DynamoDbSecondaryPartitionKey(indexNames = "byStatus")
        public String getStatus() {
            return status;
        }

        public void setStatus(String status) {
            this.status = status;
        }

        public BigDecimal getTotal() {
            return total;
        }

        public void setTotal(BigDecimal total) {
            this.total = total;
        }

        public Set<String> getTags() {
            return tags;
        }

        public void setTags(Set<String> tags) {
            this.tags = tags;
        }

        @DynamoDbVersionAttribute
        public Long getVersion() {
            return version;
        }

        public void setVersion(Long version) {
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Order other && Objects.equals(customerId, other.customerId)
                    && Objects.equals(orderId, other.orderId) && Objects.equals(status, other.status)
                    && Objects.equals(total, other.total) && Objects.equals(tags, other.tags)
                    && Objects.equals(version, other.version);
        }

        @Override
        public int hashCode() {
            return Objects.hash(customerId, orderId, status, total, tags, version);
        }

        @Override
        public String toString() {
            return "Order[" + customerId + "/" + orderId + ", version " + version + "]";
        }
    }

    /** A bean without keys, stored through a single-table entity whose key templates make them. */
    @DynamoDbBean
    public static class Profile {
        private String customerId;
        private String name;

        static Profile of(String customerId, String name) {
            Profile p = new Profile();
            p.setCustomerId(customerId);
            p.setName(name);
            return p;
        }

        public String getCustomerId() {
            return customerId;
        }

        public void setCustomerId(String customerId) {
            this.customerId = customerId;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Profile other && Objects.equals(customerId, other.customerId)
                    && Objects.equals(name, other.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(customerId, name);
        }
    }

    /** A plain class mapped by a hand-built static schema. */
    public static final class Note {
        private String pk;
        private String sk;
        private String text;

        public String getPk() {
            return pk;
        }

        public void setPk(String pk) {
            this.pk = pk;
        }

        public String getSk() {
            return sk;
        }

        public void setSk(String sk) {
            this.sk = sk;
        }

        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }
    }

    static final TableSchema<Order> ORDER_SCHEMA = TableSchema.fromBean(Order.class);
    static final EnhancedCodec<Order> ORDERS = EnhancedCodec.of(ORDER_SCHEMA);
    static final EnhancedCodec<Note> NOTES = EnhancedCodec.of(StaticTableSchema.builder(Note.class)
            .newItemSupplier(Note::new)
            .addAttribute(String.class, a -> a.name("pk").getter(Note::getPk).setter(Note::setPk)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("sk").getter(Note::getSk).setter(Note::setSk)
                    .tags(StaticAttributeTags.primarySortKey()))
            .addAttribute(String.class, a -> a.name("text").getter(Note::getText).setter(Note::setText))
            .build());
    static final OptimisticLock CONDITIONAL_WRITE = OptimisticLock.on("version")
            .withMode(OptimisticLock.Mode.CONDITIONAL_WRITE);

    private final DynamoDbClient client;
    private final Table orders;
    private final Table shared;
    private final List<String> created = new ArrayList<>();

    EnhancedIT(DynamoDbClient client, TestTable testTable) {
        this.client = client;
        String name = TestTables.uniqueName("enhanced");
        created.add(name);
        // the table the bean's annotations describe, created through its definition
        ORDERS.tableDefinition(name).createIfMissing(client);
        this.orders = Table.of(client, name, ORDERS.keySchema());
        this.shared = testTable.on(client);
    }

    @AfterEach
    void deleteTables() {
        created.forEach(name -> TestTables.delete(client, name));
    }

    @Test
    void createsTheTableTheBeanDescribes() {
        assertEquals(List.of(), ORDERS.tableDefinition(orders.name()).verify(client));
        assertEquals(KeySchema.of("customerId", "orderId").withIndex("byStatus", KeySchema.of("status")),
                KeySchema.describe(client, orders.name()));
    }

    @Test
    void putsGetsAndQueriesBeansThroughAnIndex() {
        List<Order> placed = List.of(Order.of("c1", "o1", "OPEN", "12.5"), Order.of("c1", "o2", "SHIPPED", "3"),
                Order.of("c2", "o3", "OPEN", "99999999999999999999.99"));
        placed.forEach(o -> orders.put(o, ORDERS));
        assertEquals(Optional.of(placed.get(2)), orders.get(Key.of("c2", "o3"), ORDERS));
        assertEquals(List.of(placed.get(0), placed.get(1)),
                orders.query(Query.of(partitionKey("customerId", value("c1"))), ORDERS).toList());
        List<Order> open = orders.query(Query.of(partitionKey("status", value("OPEN"))).withIndex("byStatus"), ORDERS)
                .toList().stream().sorted(Comparator.comparing(Order::getOrderId)).toList();
        assertEquals(List.of(placed.get(0), placed.get(2)), open);
        // plain attributes: the number exact, the set a string set, the unset version left out
        Item raw = orders.get(Key.of("c2", "o3")).orElseThrow();
        assertEquals(new BigDecimal("99999999999999999999.99"), raw.getBigDecimal("total"));
        assertEquals(Set.of("gift", "express"), raw.getStringSet("tags"));
        assertTrue(!raw.has("version"));
    }

    @Test
    void theEnhancedClientAndDynamaticReadEachOthersItems() {
        DynamoDbTable<Order> enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build()
                .table(orders.name(), ORDER_SCHEMA);
        Order mine = Order.of("c3", "o1", "OPEN", "1");
        orders.put(mine, ORDERS);
        assertEquals(mine, enhanced.getItem(software.amazon.awssdk.enhanced.dynamodb.Key.builder()
                .partitionValue("c3").sortValue("o1").build()));

        Order theirs = Order.of("c3", "o2", "OPEN", "2");
        enhanced.putItem(theirs); // its versioned extension writes version 1
        Order back = orders.get(Key.of("c3", "o2"), ORDERS).orElseThrow();
        assertEquals(1L, back.getVersion());
        theirs.setVersion(1L);
        assertEquals(theirs, back);
    }

    @Test
    void writesAndReadsBeansInABatch() {
        List<Order> batch = IntStream.range(0, 30)
                .mapToObj(i -> Order.of("batch", "o%02d".formatted(i), "OPEN", Integer.toString(i)))
                .toList();
        BatchWrite.Result written = BatchWrite.of().putAll(orders, batch, ORDERS).execute();
        assertTrue(written.complete(), () -> "unwritten: " + written.unwritten());
        assertEquals(30, written.written());
        BatchGet.Result read = BatchGet.of()
                .keys(orders, batch.stream().map(o -> Key.of(o.getCustomerId(), o.getOrderId())).toList())
                .execute();
        assertTrue(read.complete(), () -> "unread: " + read.unread());
        assertEquals(batch, read.items(orders, ORDERS).stream().sorted(Comparator.comparing(Order::getOrderId))
                .toList());
    }

    @Test
    @Tag("transactions")
    void writesAndReadsBeansInATransaction() {
        Order first = Order.of("tx", "o1", "OPEN", "1");
        Order second = Order.of("tx", "o2", "OPEN", "2");
        Note note = new Note();
        note.setPk("NOTE#tx");
        note.setSk("1");
        note.setText("two orders");
        right(Transaction.of()
                .put(orders, PutItem.of(first, ORDERS).withCondition(attributeNotExists(path("customerId"))))
                .put(orders, PutItem.of(second, ORDERS).withCondition(attributeNotExists(path("customerId"))))
                .put(shared, PutItem.of(note, NOTES))
                .execute());
        List<Optional<Item>> items = right(Transaction.get(List.of(
                Transaction.Read.of(orders, Key.of("tx", "o1")),
                Transaction.Read.of(orders, Key.of("tx", "o2")))));
        assertEquals(List.of(first, second), items.stream().map(i -> i.orElseThrow().decode(ORDERS)).toList());
        assertEquals("two orders", shared.get(Key.of("NOTE#tx", "1"), NOTES).orElseThrow().getText());

        // a second put of the same item fails its condition: the transaction is cancelled
        Either<Failure, ?> again = Transaction.of()
                .put(orders, PutItem.of(first, ORDERS).withCondition(attributeNotExists(path("customerId"))))
                .execute();
        assertInstanceOf(Failure.TransactionCanceled.class, again.getLeft());
    }

    @Test
    void composesWithSingleTableKeyTemplates() {
        Entity<Profile> profiles = Entity.of("Profile", EnhancedCodec.of(TableSchema.fromBean(Profile.class)),
                KeySchema.of("pk", "sk"), "CUST#{customerId}", "PROFILE");
        Profile p = Profile.of("c9", "Ada");
        shared.put(p, profiles);
        Item raw = shared.get(Key.of("CUST#c9", "PROFILE")).orElseThrow();
        assertEquals("Profile", raw.getString("_type"));
        assertEquals("Ada", raw.getString("name"));
        assertEquals(Optional.of(p), shared.get(profiles.key(p), profiles));
    }

    @Test
    void theOptimisticLockKeepsTheBeansVersion() {
        lockKeepsTheVersion(CONDITIONAL_WRITE, "cw");
    }

    @Test
    @Tag("transactions")
    void theOptimisticLockKeepsTheBeansVersionInTransactionMode() {
        lockKeepsTheVersion(OptimisticLock.on("version"), "tx");
    }

    private void lockKeepsTheVersion(OptimisticLock lock, String customer) {
        Order o = Order.of(customer, "o1", "OPEN", "10");
        assertEquals(1L, right(lock.put(orders, PutItem.of(o, ORDERS), 0)));
        Order read = orders.get(Key.of(customer, "o1"), ORDERS).orElseThrow();
        assertEquals(1L, read.getVersion(), "the bean's version property reads the lock's version");

        read.setStatus("SHIPPED");
        assertEquals(2L, right(lock.put(orders, PutItem.of(read, ORDERS), read.getVersion())));
        // another writer's stale copy (still version 1) conflicts, and sees the current bean
        Either<Failure, Long> stale = lock.put(orders, PutItem.of(read, ORDERS), 1);
        Failure.VersionConflict conflict = assertInstanceOf(Failure.VersionConflict.class, stale.getLeft());
        assertEquals(2L, conflict.current().orElseThrow().decode(ORDERS).getVersion());

        assertEquals(3L, right(lock.update(orders, UpdateItem.of(Key.of(customer, "o1"),
                update(set(path("total"), value(new BigDecimal("11"))))), 2)));
        Order updated = orders.get(Key.of(customer, "o1"), ORDERS).orElseThrow();
        assertEquals(3L, updated.getVersion());
        assertEquals(new BigDecimal("11"), updated.getTotal());
        assertEquals("SHIPPED", updated.getStatus());

        assertEquals(3L, right(lock.delete(orders, DeleteItem.of(Key.of(customer, "o1")), 3)));
        assertEquals(Optional.empty(), orders.get(Key.of(customer, "o1"), ORDERS));
    }
}
