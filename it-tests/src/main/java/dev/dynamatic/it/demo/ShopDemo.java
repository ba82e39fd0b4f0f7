package dev.dynamatic.it.demo;

import static dev.dynamatic.it.demo.ShopData.ADA;
import static dev.dynamatic.it.demo.ShopData.ADDRESSES;
import static dev.dynamatic.it.demo.ShopData.ORDERS;

import dev.dynamatic.core.Failure;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.TableDefinition;
import dev.dynamatic.it.demo.DemoOutput.RequestLog;
import dev.dynamatic.it.demo.ShopModel.Address;
import dev.dynamatic.it.demo.ShopModel.CartLine;
import dev.dynamatic.it.demo.ShopModel.Customer;
import dev.dynamatic.it.demo.ShopModel.Order;
import dev.dynamatic.it.demo.ShopModel.OrderLine;
import dev.dynamatic.it.demo.ShopModel.OrderStatus;
import dev.dynamatic.it.demo.ShopModel.Product;
import dev.dynamatic.it.server.DynamoDbClients;
import dev.dynamatic.it.server.DynamoDbServer;
import dev.dynamatic.it.server.Engine;
import dev.dynamatic.it.server.ExternalDynamoDb;
import dev.dynamatic.it.server.LocalDynamoDb;
import io.vavr.control.Either;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The runnable demo: a small shop in one DynamoDB table, all ten access patterns, each printed with the request
 * as sent and its result, and checked.
 *
 * <p>Starts dynoxide on 127.0.0.1 (from {@code it-tests/node_modules}) unless {@code DYNAMODB_ENDPOINT} names
 * a server; then it uses that server with the default AWS credential chain, in a table of its own that it
 * deletes at the end. Exit code 0 only if every pattern returned what it should.
 */
public final class ShopDemo {

    private final DemoOutput out;
    private final RequestLog log;
    private final Shop shop;
    private final List<String> failures = new ArrayList<>();
    private int checks;

    private ShopDemo(DemoOutput out, RequestLog log, Shop shop) {
        this.out = out;
        this.log = log;
        this.shop = shop;
    }

    /**
     * Runs the demo and exits with 0 if every check passed, 1 if one failed, 2 if it could not run.
     *
     * @param args none
     */
    public static void main(String[] args) {
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int code;
        try {
            code = run(stdout);
        } catch (RuntimeException | Error e) {
            stdout.flush();
            System.err.println("the demo could not run:");
            e.printStackTrace();
            code = 2;
        }
        System.exit(code);
    }

    /** {@return 0 if every check passed, 1 if not}; starts and stops a local server if none is configured */
    static int run(PrintStream stdout) {
        Optional<ExternalDynamoDb> external = ExternalDynamoDb.configured();
        try (DynamoDbServer server = external.<DynamoDbServer>map(e -> e)
                .orElseGet(() -> LocalDynamoDb.start(Engine.DYNOXIDE))) {
            stdout.println("DynamoDB endpoint: " + server.endpoint() + (external.isPresent()
                    ? " (DYNAMODB_ENDPOINT)" : " (" + server + ", stopped when the demo ends)"));
            RequestLog log = new RequestLog();
            try (DynamoDbClient client = client(server, log, stdout)) {
                String name = external.isPresent()
                        ? "dynamatic-demo-Shop-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24)
                        : "Shop";
                TableDefinition table = ShopModel.TABLE.withTableName(name);
                try {
                    table.createIfMissing(client);
                    stdout.println("created table " + name + " (PK/SK, GSI1, GSI2), TTL on " + ShopModel.EXPIRES_AT);
                } catch (DynamoDbException e) {
                    if (table.verify(client).contains(new TableDefinition.Difference.MissingTable(name))) {
                        throw e;
                    }
                    stdout.println("created table " + name + " (PK/SK, GSI1, GSI2); TTL not enabled ("
                            + e.getMessage() + "); the cart filter hides expired lines anyway");
                }
                try {
                    List<TableDefinition.Difference> differences = table.verify(client);
                    stdout.println(differences.isEmpty() ? "verified: the table is as ShopModel.TABLE defines it"
                            : "the table differs from ShopModel.TABLE: " + differences);
                    log.drain(); // the table's own calls, so that the seeding's count is only its own
                    Shop shop = new Shop(Table.of(client, name, ShopModel.KEYS));
                    ShopDemo demo = new ShopDemo(new DemoOutput(stdout), log, shop);
                    return demo.runAll(Instant.now());
                } finally {
                    if (external.isPresent()) {
                        client.deleteTable(b -> b.tableName(name));
                        stdout.println("deleted table " + name);
                    }
                }
            }
        }
    }

    private static DynamoDbClient client(DynamoDbServer server, RequestLog log, PrintStream stdout) {
        AwsCredentialsProvider credentials = DynamoDbClients.credentials(server);
        if (server instanceof ExternalDynamoDb) {
            DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
            try {
                chain.resolveCredentials();
                credentials = chain;
            } catch (SdkClientException e) {
                stdout.println("no AWS credentials found by the default chain; using dummy ones (fine for a local"
                        + " server, rejected by AWS)");
            }
        }
        return DynamoDbClient.builder()
                .endpointOverride(server.endpoint())
                .region(DynamoDbClients.region(server))
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.apiCallTimeout(DynamoDbClients.API_CALL_TIMEOUT).addExecutionInterceptor(log))
                .build();
    }

    private int runAll(Instant now) {
        shop.seed(ShopData.puts(now));
        int seeded = ShopData.puts(now).size();
        out.note("seeded " + seeded + " items with BatchWriteItem (" + log.drain().size() + " calls)");

        attempt(this::registerCustomers);
        attempt(this::addressesInOneState);
        attempt(this::profileAndNewestOrders);
        attempt(this::orderWithLines);
        attempt(this::ordersOfAProductInARange);
        attempt(this::openOrderQueue);
        attempt(this::productLatestAndHistory);
        attempt(this::changePrice);
        attempt(() -> cartWithExpiry(now));
        attempt(() -> cartProductsAndExport(now));

        System.out.flush();
        out.heading(failures.isEmpty() ? "ALL " + checks + " CHECKS PASSED" : failures.size() + " OF " + checks
                + " CHECKS FAILED");
        failures.forEach(f -> out.note("FAILED: " + f));
        return failures.isEmpty() ? 0 : 1;
    }

    // ---- the patterns

    private void registerCustomers() {
        out.heading("1. Register a customer with a unique email (TransactWriteItems: two Puts)");
        Customer linus = new Customer("c3", "Linus Torvalds", "linus@example.com");
        Either<Failure, Customer> first = shop.register(linus);
        Either<Failure, Customer> second = shop.register(new Customer("c4", "Impostor", "linus@example.com"));
        out.requests(log.drain());
        List<Map<String, Object>> rows = List.of(outcome("c3 linus@example.com", first),
                outcome("c4 linus@example.com", second));
        out.table(rows);
        check(first.isRight(), "the first registration succeeds");
        check(second.fold(f -> f instanceof Failure.TransactionCanceled c
                        && c.reasons().stream().map(Failure.TransactionCanceled.Reason::code).toList()
                        .equals(List.of("None", "ConditionalCheckFailed")), c -> false),
                "the second is cancelled, and the reasons blame the email guard: [None, ConditionalCheckFailed]");
    }

    private void addressesInOneState() {
        out.heading("2. Addresses in one state (Query PK = CUST#c AND begins_with(SK, \"ADDR#US#WA#\"))");
        List<Address> found = shop.addressesIn(ADA.customerId(), "US", "WA");
        out.requests(log.drain());
        out.table(found);
        List<Address> expected = ADDRESSES.stream().filter(a -> a.customerId().equals(ADA.customerId())
                && a.country().equals("US") && a.state().equals("WA")).toList();
        check(found.equals(expected), "Ada's Washington addresses, in sort-key order: " + ids(expected, Address::addressId));
    }

    private void profileAndNewestOrders() {
        out.heading("3. Profile plus the 10 newest orders in one call (Query GSI1, descending, limit 11)");
        Shop.ProfileAndOrders r = shop.profileAndNewestOrders(ADA.customerId(), 10);
        out.requests(log.drain());
        List<Object> rows = new ArrayList<>();
        r.profile().ifPresent(rows::add);
        rows.addAll(r.newestOrders());
        out.table(rows);
        List<Order> expected = ORDERS.stream().map(ShopData.Seeded::order)
                .filter(o -> o.customerId().equals(ADA.customerId()))
                .sorted(Comparator.comparing(Order::placedAt).reversed()).limit(10).toList();
        check(r.profile().equals(Optional.of(ADA)), "the profile comes first (PROFILE sorts after ORDER#...)");
        check(r.newestOrders().equals(expected), "then the 10 newest orders: " + ids(expected, Order::orderId));
    }

    private void orderWithLines() {
        out.heading("4. An order with its lines (Query PK = ORDER#o; lines only: begins_with(SK, \"LINE#\"))");
        Shop.OrderWithLines r = shop.orderWithLines("o1010");
        List<OrderLine> lines = shop.orderLines("o1010");
        out.requests(log.drain());
        List<Object> rows = new ArrayList<>();
        r.order().ifPresent(rows::add);
        rows.addAll(r.lines());
        out.table(rows);
        ShopData.Seeded expected = seeded("o1010");
        check(r.order().equals(Optional.of(expected.order())) && r.lines().equals(expected.lines()),
                "order o1010 with its " + expected.lines().size() + " lines, in one query");
        check(lines.equals(expected.lines()), "the lines alone with begins_with");
    }

    private void ordersOfAProductInARange() {
        out.heading("5. Orders containing a product in a date range (Query GSI1 GSI1PK = PROD#p AND GSI1SK BETWEEN ..)");
        List<OrderLine> found = shop.linesOfProduct("p1", "2026-05", "2026-06");
        out.requests(log.drain());
        out.table(found);
        List<OrderLine> expected = ORDERS.stream().flatMap(s -> s.lines().stream())
                .filter(l -> l.productId().equals("p1") && l.placedAt().compareTo("2026-05") >= 0
                        && l.placedAt().compareTo("2026-07") < 0)
                .sorted(Comparator.comparing(OrderLine::placedAt)).toList();
        check(found.equals(expected), "espresso-bean orders of May and June 2026: " + ids(expected, OrderLine::orderId));
    }

    private void openOrderQueue() {
        out.heading("6. Open-order queue (Query GSI2 per shard OPEN#0..3, merged by GSI2SK) and shipping");
        List<Order> open = shop.oldestOpenOrders(10);
        out.requests(log.drain());
        out.table(open);
        List<Order> expected = ORDERS.stream().map(ShopData.Seeded::order).filter(o -> o.status() == OrderStatus.OPEN)
                .sorted(Comparator.comparing(Order::placedAt)).toList();
        check(open.equals(expected), "the open orders of all shards, oldest first: " + ids(expected, Order::orderId));
        Map<Integer, List<String>> byShard = new TreeMap<>(expected.stream().collect(Collectors.groupingBy(
                o -> ShopModel.shard(o.orderId()), Collectors.mapping(Order::orderId, Collectors.toList()))));
        out.note("shards: " + byShard);

        out.note("");
        out.note("ship the oldest, then try to ship it again:");
        String oldest = expected.getFirst().orderId();
        Either<Failure, Order> shipped = shop.ship(oldest);
        Either<Failure, Order> again = shop.ship(oldest);
        List<Order> after = shop.oldestOpenOrders(10);
        out.requests(log.drain());
        out.table(List.of(outcome("ship " + oldest, shipped), outcome("ship " + oldest + " again", again)));
        out.table(after);
        check(shipped.map(Order::status).getOrNull() == OrderStatus.SHIPPED, "the first shipping succeeds");
        check(again.fold(f -> f instanceof Failure.ConditionFailed c && c.item().map(i -> i.getString("status"))
                .equals(Optional.of("SHIPPED")), o -> false), "the second fails its condition, showing the order as it is");
        check(after.equals(expected.subList(1, expected.size())), "the shipped order left the sparse queue index");
    }

    private void productLatestAndHistory() {
        out.heading("7. Product latest and history (GetItem PROD#p/v0; Query SK BETWEEN \"v#0001\" AND \"v#9999..\")");
        Optional<Product> latest = shop.product("p1");
        List<Product> history = shop.productHistory("p1");
        out.requests(log.drain());
        out.table(latest.stream().toList());
        out.table(history);
        List<Product> versions = ShopData.PRODUCT_VERSIONS.stream().filter(p -> p.productId().equals("p1")).toList();
        check(latest.equals(Optional.of(versions.getLast())), "the latest is version " + versions.getLast().version());
        check(history.equals(versions), "the history holds versions 1.." + versions.size() + " in order");
    }

    private void changePrice() {
        out.heading("8. Change a product's price (one transaction: Put v#000N+1, Update v0 if version = N)");
        Product asRead = ShopData.latestProducts().getFirst();
        Either<Failure, Product> changed = shop.changePrice(asRead, ShopData.money("15.20"));
        Either<Failure, Product> stale = shop.changePrice(asRead, ShopData.money("16"));
        out.requests(log.drain());
        out.table(List.of(outcome("15.20, as read at version " + asRead.version(), changed),
                outcome("16, as read at version " + asRead.version() + " (stale)", stale)));
        check(Objects.equals(changed.map(Product::version).getOrNull(), asRead.version() + 1), "the first change writes version "
                + (asRead.version() + 1));
        check(stale.fold(f -> f instanceof Failure.VersionConflict v && v.expected() == asRead.version()
                        && v.current().map(i -> i.getLong("version")).equals(Optional.of((long) asRead.version() + 1)),
                p -> false), "the stale one is cancelled as a version conflict, nothing written");
    }

    private void cartWithExpiry(Instant now) {
        out.heading("9. Cart with expiry (PutItem with expiresAt = now + 7 days; Query CART# filtered on expiresAt > now)");
        CartLine added = shop.addToCart(ADA.customerId(), "p1", 2, now);
        List<CartLine> cart = shop.cart(ADA.customerId(), now);
        out.requests(log.drain());
        out.table(cart);
        List<CartLine> expected = new ArrayList<>(ShopData.cart(now).stream()
                .filter(l -> l.expiresAt() > now.getEpochSecond()).toList());
        expected.add(added);
        expected.sort(Comparator.comparing(CartLine::productId));
        check(cart.equals(expected), "the new line and the unexpired one; the expired frother is filtered out: "
                + ids(expected, CartLine::productId));
    }

    private void cartProductsAndExport(Instant now) {
        out.heading("10. The cart's products (BatchGetItem of PROD#p/v0) and the nightly export (parallel Scan, 4 segments)");
        List<CartLine> cart = shop.cart(ADA.customerId(), now);
        log.drain();
        List<Product> products = shop.productsOf(cart);
        out.requests(log.drain());
        out.table(products);
        List<String> wanted = cart.stream().map(CartLine::productId).toList();
        check(products.stream().map(Product::productId).toList().equals(wanted)
                        && products.getFirst().price().equals(ShopData.money("15.20")),
                "the products of the cart, p1 at its new price: " + wanted);

        Map<String, Long> counts = shop.export(4);
        out.requests(log.drain().stream().sorted(Comparator.comparing(
                r -> r instanceof ScanRequest s && s.segment() != null ? s.segment() : -1)).toList());
        out.table(counts.entrySet().stream().map(e -> (Object) Map.of("type", e.getKey(), "items", e.getValue()))
                .toList());
        Map<String, Long> expected = new TreeMap<>(Map.of("Customer", 3L, "EmailGuard", 3L,
                "Address", (long) ADDRESSES.size(), "Product", (long) ShopData.latestProducts().size(),
                "ProductVersion", ShopData.PRODUCT_VERSIONS.size() + 1L, "Order", (long) ORDERS.size(),
                "OrderLine", ORDERS.stream().mapToLong(s -> s.lines().size()).sum()));
        Map<String, Long> withoutCart = new TreeMap<>(counts);
        long cartLines = Objects.requireNonNullElse(withoutCart.remove("CartLine"), 0L);
        check(withoutCart.equals(expected) && (cartLines == 3 || cartLines == 2),
                "every item, by type (an expired cart line may already be gone: TTL)");
    }

    // ---- helpers

    /** Runs a pattern; one that throws fails, and the demo goes on with the next. */
    private void attempt(Runnable pattern) {
        try {
            pattern.run();
        } catch (RuntimeException e) {
            out.requests(log.drain());
            check(false, "the pattern threw " + e);
        }
    }

    private void check(boolean ok, String what) {
        checks++;
        System.out.flush();
        out.note((ok ? "PASS  " : "FAIL  ") + what);
        if (!ok) {
            failures.add(what);
        }
    }

    private static Map<String, Object> outcome(String attempt, Either<Failure, ?> result) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("attempt", attempt);
        row.put("outcome", result.fold(ShopDemo::describe, v -> "ok: " + v));
        return row;
    }

    private static String describe(Failure f) {
        return switch (f) {
            case Failure.ConditionFailed c -> "ConditionFailed, item as it is: status="
                    + c.item().map(i -> i.find("status", dev.dynamatic.core.Item::getString).orElse("?")).orElse("(none)");
            case Failure.TransactionCanceled c -> "TransactionCanceled, reasons "
                    + c.reasons().stream().map(Failure.TransactionCanceled.Reason::code).toList();
            case Failure.VersionConflict v -> "VersionConflict: expected version " + v.expected() + ", it is "
                    + v.current().map(i -> i.getBigDecimal("version").toPlainString()).orElse("(gone)");
        };
    }

    private static ShopData.Seeded seeded(String orderId) {
        return ORDERS.stream().filter(s -> s.order().orderId().equals(orderId)).findFirst().orElseThrow();
    }

    private static <T> String ids(List<T> values, java.util.function.Function<T, String> id) {
        return values.stream().map(id).toList().toString();
    }
}
