package dev.dynamatic.it.demo;

import static dev.dynamatic.ast.Dsl.attr;
import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.gt;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.it.demo.ShopModel.ADDRESS;
import static dev.dynamatic.it.demo.ShopModel.CART_LINE;
import static dev.dynamatic.it.demo.ShopModel.CUSTOMER;
import static dev.dynamatic.it.demo.ShopModel.EMAIL;
import static dev.dynamatic.it.demo.ShopModel.ORDER;
import static dev.dynamatic.it.demo.ShopModel.ORDER_LINE;
import static dev.dynamatic.it.demo.ShopModel.PRODUCT;
import static dev.dynamatic.it.demo.ShopModel.PRODUCT_VERSION;
import static dev.dynamatic.it.demo.ShopModel.SHOP;
import static java.util.Objects.requireNonNull;

import dev.dynamatic.core.BatchGet;
import dev.dynamatic.core.BatchWrite;
import dev.dynamatic.core.Failure;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemStream;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.ParallelScan;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.Scan;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.Transaction;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.core.entity.ItemCollection;
import dev.dynamatic.core.entity.KeyTemplate;
import dev.dynamatic.it.demo.ShopModel.Address;
import dev.dynamatic.it.demo.ShopModel.CartLine;
import dev.dynamatic.it.demo.ShopModel.Customer;
import dev.dynamatic.it.demo.ShopModel.EmailGuard;
import dev.dynamatic.it.demo.ShopModel.Order;
import dev.dynamatic.it.demo.ShopModel.OrderLine;
import dev.dynamatic.it.demo.ShopModel.OrderStatus;
import dev.dynamatic.it.demo.ShopModel.Product;
import io.vavr.control.Either;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The shop's ten access patterns, each one DynamoDB operation or transaction (the sharded queue: one query per
 * shard), written with the single-table toolkit over one {@link Table}.
 */
public final class Shop {

    /** How long a cart line lives. */
    public static final Duration CART_LIFETIME = Duration.ofDays(7);

    private final Table table;

    /** Uses the table, which must have {@link ShopModel#KEYS}. */
    public Shop(Table table) {
        this.table = requireNonNull(table, "table is null");
    }

    /** {@return the table} */
    public Table table() {
        return table;
    }

    // ---- 1. register a customer with a unique email

    /**
     * Registers a customer: one transaction of two puts, the profile and the email guard, each only if its item
     * does not exist yet.
     *
     * @return the customer, or the cancellation with one reason per action
     */
    public Either<Failure, Customer> register(Customer customer) {
        return Transaction.of()
                .put(table, PutItem.of(customer, CUSTOMER).withCondition(attributeNotExists(path("PK"))))
                .put(table, PutItem.of(new EmailGuard(customer.email(), customer.customerId()), EMAIL)
                        .withCondition(attributeNotExists(path("PK"))))
                .execute()
                .map(r -> customer);
    }

    // ---- 2. addresses in one state

    /** {@return the customer's addresses in a state}: {@code PK = CUST#c AND begins_with(SK, "ADDR#US#WA#")} */
    public List<Address> addressesIn(String customerId, String country, String state) {
        Query q = ADDRESS.table().beginsWith(Map.of("customerId", customerId, "country", country, "state", state));
        try (ItemStream<Address> addresses = table.query(q, ADDRESS)) {
            return addresses.toList();
        }
    }

    // ---- 3. profile plus newest orders in one call

    /** A customer's profile and newest orders, read together. */
    public record ProfileAndOrders(Optional<Customer> profile, List<Order> newestOrders) {}

    /**
     * {@return the profile and the {@code n} newest orders}: one query of GSI1 {@code GSI1PK = CUST#c},
     * descending (PROFILE sorts after ORDER#…), limit n + 1; two entity types in one result
     */
    public ProfileAndOrders profileAndNewestOrders(String customerId, int n) {
        Query q = CUSTOMER.index("GSI1").partition(Map.of("customerId", customerId)).withDescending(true).withLimit(n + 1);
        try (ItemStream<Item> items = table.query(q)) {
            ItemCollection c = SHOP.collect(items);
            return new ProfileAndOrders(c.one(CUSTOMER), c.all(ORDER));
        }
    }

    // ---- 4. an order with its lines

    /** An order header with its lines. */
    public record OrderWithLines(Optional<Order> order, List<OrderLine> lines) {}

    /** {@return the order and its lines}: {@code PK = ORDER#o}, header and lines in one query */
    public OrderWithLines orderWithLines(String orderId) {
        try (ItemStream<Item> items = table.query(ORDER.table().partition(Map.of("orderId", orderId)))) {
            ItemCollection c = SHOP.collect(items);
            return new OrderWithLines(c.one(ORDER), c.all(ORDER_LINE));
        }
    }

    /** {@return only the order's lines}: {@code PK = ORDER#o AND begins_with(SK, "LINE#")} */
    public List<OrderLine> orderLines(String orderId) {
        try (ItemStream<OrderLine> lines = table.query(ORDER_LINE.table().beginsWith(Map.of("orderId", orderId)),
                ORDER_LINE)) {
            return lines.toList();
        }
    }

    // ---- 5. orders containing a product in a date range

    /**
     * {@return the order lines of a product placed from {@code from} through every date beginning with
     * {@code through}}: GSI1 {@code GSI1PK = PROD#p AND GSI1SK BETWEEN "ORDER#from" AND "ORDER#through…"}
     */
    public List<OrderLine> linesOfProduct(String productId, String from, String through) {
        Query q = ORDER_LINE.index("GSI1").between(Map.of("productId", productId, "placedAt", from),
                Map.of("placedAt", through));
        try (ItemStream<OrderLine> lines = table.query(q, ORDER_LINE)) {
            return lines.toList();
        }
    }

    // ---- 6. the open-order queue, and shipping

    /**
     * {@return the {@code n} oldest open orders}: one query of GSI2 per shard {@code OPEN#0..3} (at most n
     * each), merged by {@code GSI2SK} in DynamoDB's order, UTF-8 bytes
     */
    public List<Order> oldestOpenOrders(int n) {
        List<List<Item>> shards = new ArrayList<>();
        for (int shard = 0; shard < ShopModel.OPEN_SHARDS; shard++) {
            try (ItemStream<Item> items = table.query(ORDER.index("GSI2").partition(Map.of("openShard", shard))
                    .withLimit(n))) {
                shards.add(items.toList());
            }
        }
        return merge(shards, "GSI2SK", n).stream().map(i -> i.decode(ORDER)).toList();
    }

    /** {@return the first {@code n} items of sorted lists, merged by a string attribute in DynamoDB's order} */
    static List<Item> merge(List<List<Item>> sorted, String attribute, int n) {
        record Head(int list, int index, String key) {}
        Comparator<Head> order = Comparator.comparing(Head::key, KeyTemplate.byteOrder())
                .thenComparingInt(Head::list);
        PriorityQueue<Head> heads = new PriorityQueue<>(order);
        for (int l = 0; l < sorted.size(); l++) {
            if (!sorted.get(l).isEmpty()) {
                heads.add(new Head(l, 0, sorted.get(l).getFirst().getString(attribute)));
            }
        }
        List<Item> merged = new ArrayList<>();
        while (!heads.isEmpty() && merged.size() < n) {
            Head h = heads.poll();
            List<Item> list = sorted.get(h.list());
            merged.add(list.get(h.index()));
            if (h.index() + 1 < list.size()) {
                heads.add(new Head(h.list(), h.index() + 1, list.get(h.index() + 1).getString(attribute)));
            }
        }
        return merged;
    }

    /**
     * Ships an open order: {@code SET status = SHIPPED REMOVE GSI2PK, GSI2SK} if {@code status = OPEN}, which
     * takes it out of the sparse queue index.
     *
     * @return the order as shipped, or the failed condition with the order as it was
     */
    public Either<Failure, Order> ship(String orderId) {
        UpdateItem u = UpdateItem.of(ORDER.table().key(Map.of("orderId", orderId)),
                        update(set(OrderAttributes.status, OrderStatus.SHIPPED)).and(ORDER.index("GSI2").remove()))
                .withCondition(eq(OrderAttributes.status, OrderStatus.OPEN))
                .withReturnValues(ReturnValue.ALL_NEW);
        return table.update(u, ORDER).map(w -> w.item().orElseThrow());
    }

    // ---- 7. product latest and history

    /** {@return the product's latest version}: GetItem {@code PROD#p / v0} */
    public Optional<Product> product(String productId) {
        return table.get(PRODUCT.table().key(Map.of("productId", productId)), PRODUCT);
    }

    /** {@return every version of the product}: {@code PK = PROD#p AND SK BETWEEN "v#0001" AND "v#9999…"} */
    public List<Product> productHistory(String productId) {
        Query q = PRODUCT_VERSION.table().between(Map.of("productId", productId, "rev", ShopModel.rev(1)),
                Map.of("rev", ShopModel.rev(9999)));
        try (ItemStream<Product> versions = table.query(q, PRODUCT_VERSION)) {
            return versions.toList();
        }
    }

    // ---- 8. change a product's price: versioned item + optimistic lock

    /**
     * Changes the price of the product as read: one transaction that puts version n+1 into the history (if it
     * does not exist) and updates the latest ({@code v0}) if it is still at version n.
     *
     * @return the new version, or the cancellation when another writer got there first
     */
    public Either<Failure, Product> changePrice(Product asRead, BigDecimal newPrice) {
        Product next = new Product(asRead.productId(), asRead.name(), newPrice, asRead.version() + 1);
        return Transaction.of()
                .put(table, PutItem.of(next, PRODUCT_VERSION).withCondition(attributeNotExists(path("SK"))))
                .update(table, UpdateItem.of(PRODUCT.key(asRead),
                                update(set(ProductAttributes.price, newPrice), set(ProductAttributes.version, next.version())))
                        .withCondition(eq(ProductAttributes.version, asRead.version())))
                .execute()
                .mapLeft(f -> versionConflict(f, asRead.version()))
                .map(r -> next);
    }

    /** A cancellation because the latest item is no longer at the version read is an optimistic-lock conflict. */
    private static Failure versionConflict(Failure f, int expected) {
        if (f instanceof Failure.TransactionCanceled c && c.reasons().size() == 2
                && c.reasons().get(1).code().equals("ConditionalCheckFailed")) {
            return new Failure.VersionConflict(expected, c.reasons().get(1).item());
        }
        return f;
    }

    // ---- 9. cart with expiry

    /** {@return the line put}: PutItem {@code CUST#c / CART#p} with {@code expiresAt} = now + 7 days, epoch seconds */
    public CartLine addToCart(String customerId, String productId, int quantity, Instant now) {
        CartLine line = new CartLine(customerId, productId, quantity, now.plus(CART_LIFETIME).getEpochSecond());
        table.put(line, CART_LINE);
        return line;
    }

    /**
     * {@return the cart's unexpired lines}: {@code PK = CUST#c AND begins_with(SK, "CART#")}, filtered on
     * {@code expiresAt > now}, since TTL deletes expired items only eventually
     */
    public List<CartLine> cart(String customerId, Instant now) {
        Query q = CART_LINE.table().beginsWith(Map.of("customerId", customerId))
                .withFilter(gt(CartLineAttributes.expiresAt, now.getEpochSecond()));
        try (ItemStream<CartLine> lines = table.query(q, CART_LINE)) {
            return lines.toList();
        }
    }

    // ---- 10. the cart's products; nightly export

    /** {@return the latest version of each product in the cart}: one BatchGetItem of {@code PROD#p / v0} keys */
    public List<Product> productsOf(List<CartLine> cart) {
        List<Key> keys = cart.stream().map(l -> PRODUCT.table().key(Map.of("productId", l.productId()))).toList();
        BatchGet.Result r = BatchGet.of().keys(table, keys).execute();
        if (!r.complete()) {
            throw new IllegalStateException("unread after retries: " + r.unread());
        }
        return r.items(table, PRODUCT);
    }

    /**
     * {@return the number of items of each type in the table}: a parallel scan, its segments read at once,
     * projecting only the type attribute
     */
    public Map<String, Long> export(int segments) {
        String type = CUSTOMER.typeAttribute();
        Map<String, Long> counts = new TreeMap<>();
        try (ParallelScan<Item> all = ParallelScan.of(table, Scan.of().withProjection(projection(attr(type))), segments)) {
            all.forEach(item -> counts.merge(item.find(type, Item::getString).orElse("(untyped)"), 1L, Long::sum));
        }
        return counts;
    }

    /** Writes items of any entity type in one batch (the seed data); throws if some stay unwritten. */
    public void seed(List<PutItem<?>> puts) {
        BatchWrite w = BatchWrite.of();
        for (PutItem<?> p : puts) {
            w = add(w, p);
        }
        BatchWrite.Result r = w.execute();
        if (!r.complete()) {
            throw new IllegalStateException("unwritten after retries: " + r.unwritten());
        }
    }

    private <T> BatchWrite add(BatchWrite w, PutItem<T> p) {
        return w.put(table, p.item(), p.codec());
    }
}
