package dev.dynamatic.it.demo;

import dev.dynamatic.ast.Attributes;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.RecordCodec;
import dev.dynamatic.core.TableDefinition;
import dev.dynamatic.core.entity.Entities;
import dev.dynamatic.core.entity.Entity;
import java.math.BigDecimal;

/**
 * The small shop of the demo, modeled the single-table way: seven entity types in one table with two
 * overloaded GSIs, as plain records and {@link Entity} key designs. Each record is {@code @Attributes}:
 * dynamatic-processor generates its typed attribute references ({@code OrderAttributes.status}), which
 * {@link Shop}'s updates, conditions and filters use; key attributes ({@code PK}, {@code SK}, …) come from the key
 * templates and stay strings.
 *
 * <table class="striped">
 * <caption>Key design</caption>
 * <thead><tr><th>entity</th><th>PK</th><th>SK</th><th>GSI1PK / GSI1SK</th><th>GSI2PK / GSI2SK</th></tr></thead>
 * <tbody>
 * <tr><td>Customer</td><td>CUST#c</td><td>PROFILE</td><td>CUST#c / PROFILE</td><td></td></tr>
 * <tr><td>EmailGuard</td><td>EMAIL#e</td><td>EMAIL</td><td></td><td></td></tr>
 * <tr><td>Address</td><td>CUST#c</td><td>ADDR#country#state#city#a</td><td></td><td></td></tr>
 * <tr><td>CartLine</td><td>CUST#c</td><td>CART#p</td><td></td><td></td></tr>
 * <tr><td>Order</td><td>ORDER#o</td><td>HEADER</td><td>CUST#c / ORDER#placedAt#o</td>
 *     <td>OPEN#shard / placedAt, while OPEN</td></tr>
 * <tr><td>OrderLine</td><td>ORDER#o</td><td>LINE#p</td><td>PROD#p / ORDER#placedAt#o</td><td></td></tr>
 * <tr><td>Product</td><td>PROD#p</td><td>v0</td><td></td><td></td></tr>
 * <tr><td>ProductVersion</td><td>PROD#p</td><td>v#0001, v#0002, …</td><td></td><td></td></tr>
 * </tbody>
 * </table>
 */
public final class ShopModel {

    /** The table's keys: {@code PK}/{@code SK}, and two GSIs overloaded across entity types. */
    public static final KeySchema KEYS = KeySchema.of("PK", "SK")
            .withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK"))
            .withIndex("GSI2", KeySchema.of("GSI2PK", "GSI2SK"));

    /** How many shards the open-order queue (GSI2) is spread over. */
    public static final int OPEN_SHARDS = 4;

    /** The TTL attribute: epoch seconds, a number. */
    public static final String EXPIRES_AT = "expiresAt";

    /** A customer's profile. */
    @Attributes
    public record Customer(String customerId, String name, String email) {}

    /** The item that makes an email address unique: written with the profile in one transaction. */
    @Attributes
    public record EmailGuard(String email, String customerId) {}

    /** A postal address; its sort key is hierarchical, country to city. */
    @Attributes
    public record Address(String customerId, String addressId, String country, String state, String city,
                          String street) {}

    /** A product in a customer's cart, until {@code expiresAt} (epoch seconds). */
    @Attributes
    public record CartLine(String customerId, String productId, int quantity, long expiresAt) {}

    /** An order's state: open orders are in the queue. */
    public enum OrderStatus { OPEN, SHIPPED }

    /** An order header. */
    @Attributes
    public record Order(String orderId, String customerId, String placedAt, OrderStatus status, BigDecimal total) {}

    /** One product of an order: an edge of the order–product adjacency list. */
    @Attributes
    public record OrderLine(String orderId, String productId, String placedAt, int quantity, BigDecimal price) {}

    /** A product; {@code version} counts its changes. */
    @Attributes
    public record Product(String productId, String name, BigDecimal price, int version) {}

    /** {@code CUST#c / PROFILE}, and on GSI1 at the head of the customer's orders. */
    public static final Entity<Customer> CUSTOMER = Entity.of("Customer", RecordCodec.of(Customer.class), KEYS,
                    "CUST#{customerId}", "PROFILE")
            .withIndex("GSI1", "CUST#{customerId}", "PROFILE");

    /** {@code EMAIL#e / EMAIL}: exists while a customer has the address. */
    public static final Entity<EmailGuard> EMAIL = Entity.of("EmailGuard", RecordCodec.of(EmailGuard.class), KEYS,
            "EMAIL#{email}", "EMAIL");

    /** {@code CUST#c / ADDR#country#state#city#a}: {@code begins_with} selects a country, state or city. */
    public static final Entity<Address> ADDRESS = Entity.of("Address", RecordCodec.of(Address.class), KEYS,
            "CUST#{customerId}", "ADDR#{country}#{state}#{city}#{addressId}");

    /** {@code CUST#c / CART#p}, with a TTL attribute. */
    public static final Entity<CartLine> CART_LINE = Entity.of("CartLine", RecordCodec.of(CartLine.class), KEYS,
            "CUST#{customerId}", "CART#{productId}");

    /**
     * {@code ORDER#o / HEADER}; on GSI1 under its customer, newest last; on GSI2 (sparse, sharded) only while
     * open.
     */
    public static final Entity<Order> ORDER = Entity.of("Order", RecordCodec.of(Order.class), KEYS,
                    "ORDER#{orderId}", "HEADER")
            .withIndex("GSI1", "CUST#{customerId}", "ORDER#{placedAt}#{orderId}")
            .withIndex("GSI2", "OPEN#{openShard}", "{placedAt}")
            .withDerived("openShard", o -> o.status() == OrderStatus.OPEN ? shard(o.orderId()) : null);

    /** {@code ORDER#o / LINE#p}, inverted on GSI1 as {@code PROD#p / ORDER#placedAt#o}. */
    public static final Entity<OrderLine> ORDER_LINE = Entity.of("OrderLine", RecordCodec.of(OrderLine.class),
                    KEYS, "ORDER#{orderId}", "LINE#{productId}")
            .withIndex("GSI1", "PROD#{productId}", "ORDER#{placedAt}#{orderId}");

    /** {@code PROD#p / v0}: the latest version of a product. */
    public static final Entity<Product> PRODUCT = Entity.of("Product", RecordCodec.of(Product.class), KEYS,
            "PROD#{productId}", "v0");

    /** {@code PROD#p / v#0001}…: every version of a product, kept. */
    public static final Entity<Product> PRODUCT_VERSION = Entity.of("ProductVersion",
                    RecordCodec.of(Product.class), KEYS, "PROD#{productId}", "v#{rev}")
            .withDerived("rev", p -> rev(p.version()));

    /** Every entity type of the table; building it proves that no two types can write the same key. */
    public static final Entities SHOP = Entities.of(CUSTOMER, EMAIL, ADDRESS, CART_LINE, ORDER, ORDER_LINE, PRODUCT,
            PRODUCT_VERSION);

    /**
     * The table: the keys, both GSIs projecting everything, on demand, time to live on {@code expiresAt}; checked
     * against what the entity types write (key attributes strings, {@code expiresAt} a number).
     * {@code TABLE.withTableName(name).createIfMissing(client)} creates it; {@code verify(client)} compares a live one.
     */
    public static final TableDefinition TABLE = TableDefinition.of("Shop", KEYS)
            .withCodecs(SHOP.entities())
            .withTimeToLive(EXPIRES_AT);

    private ShopModel() {
    }

    /** {@return the open-order queue shard of an order: a stable hash of its id, modulo 4} */
    public static int shard(String orderId) {
        return Math.floorMod(orderId.hashCode(), OPEN_SHARDS);
    }

    /** {@return a version as the history's sort key part: four digits, so that text order is number order} */
    public static String rev(int version) {
        return "%04d".formatted(version);
    }
}
