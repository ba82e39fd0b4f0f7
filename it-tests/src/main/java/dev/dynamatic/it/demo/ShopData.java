package dev.dynamatic.it.demo;

import static dev.dynamatic.it.demo.ShopModel.ADDRESS;
import static dev.dynamatic.it.demo.ShopModel.CART_LINE;
import static dev.dynamatic.it.demo.ShopModel.CUSTOMER;
import static dev.dynamatic.it.demo.ShopModel.EMAIL;
import static dev.dynamatic.it.demo.ShopModel.ORDER;
import static dev.dynamatic.it.demo.ShopModel.ORDER_LINE;
import static dev.dynamatic.it.demo.ShopModel.PRODUCT;
import static dev.dynamatic.it.demo.ShopModel.PRODUCT_VERSION;

import dev.dynamatic.core.PutItem;
import dev.dynamatic.it.demo.ShopModel.Address;
import dev.dynamatic.it.demo.ShopModel.CartLine;
import dev.dynamatic.it.demo.ShopModel.Customer;
import dev.dynamatic.it.demo.ShopModel.EmailGuard;
import dev.dynamatic.it.demo.ShopModel.Order;
import dev.dynamatic.it.demo.ShopModel.OrderLine;
import dev.dynamatic.it.demo.ShopModel.OrderStatus;
import dev.dynamatic.it.demo.ShopModel.Product;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The demo's seed data: two customers, four products with history, fourteen orders, a cart. */
public final class ShopData {

    /** Ada: addresses in three states, twelve orders, a cart. */
    public static final Customer ADA = new Customer("c1", "Ada Lovelace", "ada@example.com");
    /** Grace: one address, two orders. */
    public static final Customer GRACE = new Customer("c2", "Grace Hopper", "grace@example.com");

    /** Ada's and Grace's addresses; two of Ada's are in Washington. */
    public static final List<Address> ADDRESSES = List.of(
            new Address("c1", "a1", "US", "WA", "Seattle", "1 Pike Pl"),
            new Address("c1", "a2", "US", "WA", "Spokane", "2 Riverside Ave"),
            new Address("c1", "a3", "US", "OR", "Portland", "3 Burnside St"),
            new Address("c1", "a4", "CA", "BC", "Vancouver", "4 Granville St"),
            new Address("c2", "a5", "US", "WA", "Tacoma", "5 Pacific Ave"));

    /** Every version of every product; the last of each is its latest. */
    public static final List<Product> PRODUCT_VERSIONS = List.of(
            new Product("p1", "Espresso beans 1 kg", money("12.90"), 1),
            new Product("p1", "Espresso beans 1 kg", money("14.50"), 2),
            new Product("p2", "Burr grinder", money("89.00"), 1),
            new Product("p3", "Milk frother", money("39.90"), 1),
            new Product("p4", "Café au lait bowl", money("7.5"), 1));

    /** An order as seeded: the header and its lines. */
    public record Seeded(Order order, List<OrderLine> lines) {}

    /** Fourteen orders: Ada's twelve from April to July 2026, Grace's two; six are open. */
    public static final List<Seeded> ORDERS = List.of(
            order("o1001", "c1", "2026-04-02T09:15:00Z", OrderStatus.SHIPPED, line("p1", 2, "12.90")),
            order("o1002", "c1", "2026-04-20T17:40:00Z", OrderStatus.SHIPPED, line("p2", 1, "89.00")),
            order("o1003", "c1", "2026-05-03T08:05:00Z", OrderStatus.SHIPPED, line("p1", 1, "14.50"), line("p3", 1, "39.90")),
            order("o1004", "c1", "2026-05-11T12:30:00Z", OrderStatus.SHIPPED, line("p3", 1, "39.90")),
            order("o1005", "c1", "2026-05-19T19:45:00Z", OrderStatus.SHIPPED, line("p1", 3, "14.50")),
            order("o1006", "c1", "2026-05-28T07:20:00Z", OrderStatus.SHIPPED, line("p4", 4, "7.5")),
            order("o1007", "c1", "2026-06-04T10:10:00Z", OrderStatus.OPEN, line("p1", 1, "14.50")),
            order("o1008", "c1", "2026-06-09T15:55:00Z", OrderStatus.SHIPPED, line("p4", 2, "7.5")),
            order("o1009", "c1", "2026-06-15T11:00:00Z", OrderStatus.OPEN, line("p3", 1, "39.90")),
            order("o1010", "c1", "2026-06-21T09:30:00Z", OrderStatus.OPEN, line("p1", 2, "14.50"), line("p2", 1, "89.00")),
            order("o1011", "c1", "2026-07-01T14:25:00Z", OrderStatus.OPEN, line("p2", 1, "89.00")),
            order("o1012", "c1", "2026-07-08T16:00:00Z", OrderStatus.OPEN, line("p1", 1, "14.50")),
            order("o2001", "c2", "2026-05-22T13:00:00Z", OrderStatus.OPEN, line("p1", 1, "14.50")),
            order("o2002", "c2", "2026-06-30T23:59:59Z", OrderStatus.SHIPPED, line("p3", 2, "39.90")));

    private ShopData() {
    }

    /** {@return Ada's cart as seeded: a grinder for three more days, and a frother that expired yesterday} */
    public static List<CartLine> cart(Instant now) {
        return List.of(
                new CartLine("c1", "p2", 1, now.plus(Duration.ofDays(3)).getEpochSecond()),
                new CartLine("c1", "p3", 1, now.minus(Duration.ofDays(1)).getEpochSecond()));
    }

    /** {@return the latest version of each product} */
    public static List<Product> latestProducts() {
        List<Product> latest = new ArrayList<>();
        for (Product p : PRODUCT_VERSIONS) {
            latest.removeIf(q -> q.productId().equals(p.productId()));
            latest.add(p);
        }
        latest.sort(Comparator.comparing(Product::productId));
        return latest;
    }

    /** {@return every seed item as a put through its entity} */
    public static List<PutItem<?>> puts(Instant now) {
        List<PutItem<?>> puts = new ArrayList<>();
        for (Customer c : List.of(ADA, GRACE)) {
            puts.add(PutItem.of(c, CUSTOMER));
            puts.add(PutItem.of(new EmailGuard(c.email(), c.customerId()), EMAIL));
        }
        ADDRESSES.forEach(a -> puts.add(PutItem.of(a, ADDRESS)));
        PRODUCT_VERSIONS.forEach(p -> puts.add(PutItem.of(p, PRODUCT_VERSION)));
        latestProducts().forEach(p -> puts.add(PutItem.of(p, PRODUCT)));
        for (Seeded s : ORDERS) {
            puts.add(PutItem.of(s.order(), ORDER));
            s.lines().forEach(l -> puts.add(PutItem.of(l, ORDER_LINE)));
        }
        cart(now).forEach(l -> puts.add(PutItem.of(l, CART_LINE)));
        return puts;
    }

    private record LineSpec(String productId, int quantity, BigDecimal price) {}

    private static LineSpec line(String productId, int quantity, String price) {
        return new LineSpec(productId, quantity, money(price));
    }

    /**
     * {@return an amount as DynamoDB gives it back: no trailing zeros, scale 0 when whole}, so that seeded
     * records equal the records read back ({@code BigDecimal.equals} compares scale too)
     */
    public static BigDecimal money(String amount) {
        return canonical(new BigDecimal(amount));
    }

    private static BigDecimal canonical(BigDecimal n) {
        BigDecimal stripped = n.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Seeded order(String orderId, String customerId, String placedAt, OrderStatus status,
                                LineSpec... lines) {
        List<OrderLine> orderLines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (LineSpec l : lines) {
            orderLines.add(new OrderLine(orderId, l.productId(), placedAt, l.quantity(), l.price()));
            total = total.add(l.price().multiply(BigDecimal.valueOf(l.quantity())));
        }
        return new Seeded(new Order(orderId, customerId, placedAt, status, canonical(total)), List.copyOf(orderLines));
    }
}
