package dev.dynamatic.jackson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.dynamatic.ast.Value;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.jackson.Pojos.Address;
import dev.dynamatic.jackson.Pojos.Circle;
import dev.dynamatic.jackson.Pojos.Customer;
import dev.dynamatic.jackson.Pojos.Line;
import dev.dynamatic.jackson.Pojos.Money;
import dev.dynamatic.jackson.Pojos.Order;
import dev.dynamatic.jackson.Pojos.Point;
import dev.dynamatic.jackson.Pojos.Polygon;
import dev.dynamatic.jackson.Pojos.Shape;
import dev.dynamatic.jackson.Pojos.Tier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

class JacksonCodecTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JacksonCodec<Customer> CUSTOMERS = JacksonCodec.of(MAPPER, Customer.class);

    // ---- what Jackson writes and what DynamoDB gets

    @Test
    void writesEachJavaTypeAsItsDynamoDbType() {
        Customer c = customer();
        Map<String, AttributeValue> item = CUSTOMERS.encode(c);

        assertEquals(AttributeValue.fromS("CUST#1"), item.get("PK"));                      // @JsonProperty
        assertEquals(AttributeValue.fromS("Zoë 🚀"), item.get("name"));
        assertEquals(AttributeValue.fromN("12345678901234567890.123456789012345678"), item.get("balance"));
        assertEquals(AttributeValue.fromN("99999999999999999999999999999999999999"), item.get("lifetimePoints"));
        assertEquals(AttributeValue.fromN("9223372036854775807"), item.get("visits"));
        assertEquals(AttributeValue.fromN("0.1"), item.get("score"));
        assertEquals(AttributeValue.fromBool(true), item.get("active"));
        assertEquals(AttributeValue.fromNul(true), item.get("newsletter"));                // null written: NULL
        assertEquals(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})), item.get("avatar"));
        assertEquals(Set.of("vip", "new"), Set.copyOf(item.get("tags").ss()));
        assertEquals(Set.of("7", "-3"), Set.copyOf(item.get("favourites").ns()));
        assertEquals(AttributeValue.fromL(List.of(AttributeValue.fromS("first"), AttributeValue.fromS(""))),
                item.get("notes"));
        assertEquals(AttributeValue.fromM(Map.of("2024", AttributeValue.fromL(List.of(AttributeValue.fromN("1"),
                AttributeValue.fromN("2"))))), item.get("history"));
        assertEquals(AttributeValue.fromM(Map.of("city", AttributeValue.fromS("Oslo"),         // street: NON_NULL
                "lines", AttributeValue.fromL(List.of()))), item.get("address"));
        assertEquals(AttributeValue.fromS("2024-05-06T07:08:09.123456789Z"), item.get("createdAt"));
        assertEquals(AttributeValue.fromS("1990-02-03"), item.get("birthday"));
        assertEquals(AttributeValue.fromS("00000000-0000-0001-0000-000000000002"), item.get("token"));
        assertEquals(AttributeValue.fromS("GOLD"), item.get("tier"));
        assertFalse(item.containsKey("sessionOnly"));                                       // @JsonIgnore
        assertFalse(item.containsKey("id"));
        Item.from(item); // every DynamoDB rule holds

        Customer back = CUSTOMERS.decode(item);
        c.setSessionOnly(null);
        assertEquals(c, back);
    }

    @Test
    void writesSetsOfBinaryAndByteBuffers() {
        JacksonCodec<Order> orders = JacksonCodec.of(MAPPER, Order.class);
        Set<byte[]> signatures = new LinkedHashSet<>(List.of(new byte[] {1}, new byte[] {2, 3}));
        Order order = new Order("o1", List.of(), Set.of(5L), Set.of(new BigDecimal("2.50")), signatures,
                ByteBuffer.wrap(new byte[] {9, 8}), new Money(new BigDecimal("10.00"), "EUR"), null);
        Map<String, AttributeValue> item = orders.encode(order);

        assertEquals(List.of(SdkBytes.fromByteArray(new byte[] {1}), SdkBytes.fromByteArray(new byte[] {2, 3})),
                item.get("signatures").bs());
        assertEquals(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {9, 8})), item.get("receipt"));
        assertEquals(List.of("2.5"), item.get("discounts").ns());
        assertEquals(AttributeValue.fromN("10"), item.get("total_amount"));             // @JsonUnwrapped
        assertEquals(AttributeValue.fromS("EUR"), item.get("total_currency"));
        assertFalse(item.containsKey("total"));
        assertFalse(item.containsKey("note"));                                          // NON_NULL: omitted
        assertEquals(AttributeValue.fromL(List.of()), item.get("lines"));
        assertEquals(order, orders.decode(item));                                       // @JsonCreator
    }

    @Test
    void writesThePolymorphicTypeIdAsAnAttribute() {
        JacksonCodec<Shape> shapes = JacksonCodec.of(MAPPER, Shape.class);
        Shape circle = new Circle("c1", new BigDecimal("1.5"),
                new Polygon("p1", List.of(new Point(0.5, -2)), Set.of("a"), Map.of("note", "x")));
        Map<String, AttributeValue> item = shapes.encode(circle);

        assertEquals(AttributeValue.fromS("circle"), item.get("kind"));
        assertEquals(AttributeValue.fromS("polygon"), item.get("inner").m().get("kind"));
        assertEquals(circle, shapes.decode(item));
    }

    @Test
    void readsTheTypeIdWhereverItIs() {
        // DynamoDB does not keep attribute order, so the type id may come last: Jackson buffers the rest, exactly
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("radius", AttributeValue.fromN("1.00000000000000000000000000000000000001"));
        item.put("id", AttributeValue.fromS("c"));
        item.put("kind", AttributeValue.fromS("circle"));
        Shape s = JacksonCodec.of(MAPPER, Shape.class).decode(item);
        assertEquals(new BigDecimal("1.00000000000000000000000000000000000001"), ((Circle) s).radius());
    }

    @Test
    void keepsNumbersExact() {
        Customer c = new Customer();
        c.setBalance(new BigDecimal("-0.00000000000000000000000000000000000001234"));
        c.setLifetimePoints(BigInteger.TEN.pow(100));
        c.setVisits(Long.MIN_VALUE);
        c.setScore(1e-7);
        Map<String, AttributeValue> item = CUSTOMERS.encode(c);

        assertEquals("-0.00000000000000000000000000000000000001234", item.get("balance").n());
        assertEquals("1E+100", item.get("lifetimePoints").n());
        assertEquals("-9223372036854775808", item.get("visits").n());
        assertEquals("0.0000001", item.get("score").n());
        Customer back = CUSTOMERS.decode(item);
        assertEquals(c.getBalance(), back.getBalance());
        assertEquals(BigInteger.TEN.pow(100), back.getLifetimePoints());
        assertEquals(Long.MIN_VALUE, back.getVisits());
        assertEquals(1e-7, back.getScore());
    }

    @Test
    void normalisesNumbersAsDynamoDbStoresThem() {
        Customer c = new Customer();
        c.setBalance(new BigDecimal("1.500"));
        c.setScore(100.0);
        Map<String, AttributeValue> item = CUSTOMERS.encode(c);
        assertEquals("1.5", item.get("balance").n());
        assertEquals("100", item.get("score").n());
    }

    @Test
    void writesEveryDecimalAsTheAstsNumberText() {
        for (String n : List.of("1.500", "-12.50", "100.0", "0.000", "-0.0010", "12345.67", "123456789012345678.9",
                "0.123456789012345678", "1E+3", "1.0E-5", "999999999999999999", "-1.23456789012345678E-200")) {
            BigDecimal v = new BigDecimal(n);
            String expected;
            try {
                expected = new Value.N(v).text();
            } catch (IllegalArgumentException e) {
                assertThrows(IllegalArgumentException.class, () -> CUSTOMERS.encode(customerWithBalance(v)), n);
                continue;
            }
            assertEquals(expected, CUSTOMERS.encode(customerWithBalance(v)).get("balance").n(), n);
        }
    }

    private static Customer customerWithBalance(BigDecimal balance) {
        Customer c = new Customer();
        c.setBalance(balance);
        return c;
    }

    @Test
    void readsNumbersInAnyDecimalForm() {
        Map<String, AttributeValue> item = customerItem(
                "balance", AttributeValue.fromN("1.2E+3"),
                "lifetimePoints", AttributeValue.fromN("1E+45"),
                "visits", AttributeValue.fromN("1.0E+2"),
                "age", AttributeValue.fromN("42"),
                "score", AttributeValue.fromN("1.25E+37"));
        Customer c = CUSTOMERS.decode(item);
        assertEquals(new BigDecimal("1.2E+3"), c.getBalance());
        assertEquals(BigInteger.TEN.pow(45), c.getLifetimePoints());
        assertEquals(100, c.getVisits());
        assertEquals(42, c.getAge());
        assertEquals(1.25E37, c.getScore());
    }

    @Test
    void roundsToTheNearestDoubleOnlyWhenLenient() {
        Map<String, AttributeValue> item = customerItem("score",
                AttributeValue.fromN("12345678901234567890123456789012345678"));
        assertMessage("Customer.score: the number cannot be held by a double without rounding (declare it BigDecimal)",
                () -> CUSTOMERS.decode(item));
        assertEquals(1.2345678901234568E37, CUSTOMERS.lenient().decode(item).getScore());
    }

    @Test
    void readsStringsAsBase64WhenTheClassWantsBinaryOnlyWhenLenient() {
        Map<String, AttributeValue> item = customerItem("avatar", AttributeValue.fromS("AQID"));
        assertMessage("Customer.avatar: expected binary (B), found S", () -> CUSTOMERS.decode(item));
        assertArrayEquals(new byte[] {1, 2, 3}, CUSTOMERS.lenient().decode(item).getAvatar());
        assertMessage("Customer.avatar: the string is not Base64, so it cannot be read as binary",
                () -> CUSTOMERS.lenient().decode(customerItem("avatar", AttributeValue.fromS("no!"))));
    }

    @Test
    void nullsFollowTheMappersInclusion() {
        Customer c = new Customer();
        assertEquals(AttributeValue.fromNul(true), CUSTOMERS.encode(c).get("name"));

        JsonMapper nonNull = JsonMapper.builder()
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
        Map<String, AttributeValue> item = JacksonCodec.of(nonNull, Customer.class).encode(c);
        assertFalse(item.containsKey("name"));
        assertFalse(item.containsKey("balance"));
        assertTrue(item.containsKey("visits"));
    }

    @Test
    void writesJavaTimeAsTheMapperIsConfigured() {
        JsonMapper timestamps = JsonMapper.builder().enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        JacksonCodec<Customer> codec = JacksonCodec.of(timestamps, Customer.class);
        Customer c = new Customer();
        c.setCreatedAt(Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
        c.setBirthday(LocalDate.of(1990, 2, 3));
        Map<String, AttributeValue> item = codec.encode(c);

        assertEquals(AttributeValue.fromN("1700000000.123456789"), item.get("createdAt"));
        assertEquals(AttributeValue.fromL(List.of(AttributeValue.fromN("1990"), AttributeValue.fromN("2"),
                AttributeValue.fromN("3"))), item.get("birthday"));
        assertEquals(c, codec.decode(item));
    }

    @Test
    void writesSetsOfOtherThingsAsLists() {
        JacksonCodec<Things> codec = JacksonCodec.of(MAPPER, Things.class);
        Map<String, AttributeValue> item = codec.encode(new Things(new LinkedHashSet<>(List.of(true, false)),
                new TreeSet<>(List.of(Tier.GOLD, Tier.BRONZE)), List.of(Set.of("x"))));
        assertEquals(AttributeValue.fromL(List.of(AttributeValue.fromBool(true), AttributeValue.fromBool(false))),
                item.get("flags"));
        assertEquals(List.of("BRONZE", "GOLD"), item.get("tiers").ss());
        assertEquals(AttributeValue.fromL(List.of(AttributeValue.fromSs(List.of("x")))), item.get("groups"));
        assertEquals(codec.decode(item), new Things(Set.of(true, false), Set.of(Tier.GOLD, Tier.BRONZE),
                List.of(Set.of("x"))));
    }

    @Test
    void omitsEmptySetsWhenAsked() {
        JacksonCodec<Customer> omitting = CUSTOMERS.omittingEmptySets();
        Customer c = new Customer();
        c.setFavourites(Set.of());
        Map<String, AttributeValue> item = omitting.encode(c);
        assertFalse(item.containsKey("favourites"));
        assertNull(omitting.decode(item).getFavourites());
        assertSame(omitting, omitting.omittingEmptySets());
        assertEquals("JacksonCodec[dev.dynamatic.jackson.Pojos$Customer, omitting empty sets]", omitting.toString());
    }

    @Test
    void isAnItemCodec() {
        ItemCodec<Customer> codec = CUSTOMERS;
        assertEquals("JacksonCodec[dev.dynamatic.jackson.Pojos$Customer]", codec.toString());
    }

    // ---- what DynamoDB cannot store is refused, naming class, path and rule

    @Test
    void rejectsAnEmptySet() {
        Customer c = new Customer();
        c.setFavourites(Set.of());
        assertMessage("Customer.favourites: empty set — DynamoDB sets cannot be empty", () -> CUSTOMERS.encode(c));
    }

    @Test
    void rejectsAnEmptySetInAListEvenWhenOmitting() {
        JacksonCodec<Things> codec = JacksonCodec.of(MAPPER, Things.class).omittingEmptySets();
        Things t = new Things(null, null, List.of(Set.of("a"), Set.of()));
        assertMessage("Things.groups[1]: empty set — DynamoDB sets cannot be empty (one inside a list cannot be"
                + " left out)", () -> codec.encode(t));
    }

    @Test
    void rejectsANullSetMember() {
        Customer c = new Customer();
        c.setTags(new LinkedHashSet<>(java.util.Arrays.asList("a", null)));
        assertMessage("Customer.tags: a member of the set is null — DynamoDB set members cannot be NULL",
                () -> CUSTOMERS.encode(c));
    }

    @Test
    void rejectsASetOfMixedTypes() {
        JacksonCodec<Mixed> codec = JacksonCodec.of(MAPPER, Mixed.class);
        assertMessage("Mixed.values: the set mixes strings and numbers — a DynamoDB set holds members of one type",
                () -> codec.encode(new Mixed(new LinkedHashSet<>(List.of("a", 1)))));
        assertMessage("Mixed.values: the set mixes numbers with other values — a DynamoDB set holds strings,"
                + " numbers or binary values of one type",
                () -> codec.encode(new Mixed(new LinkedHashSet<>(List.of(1, true)))));
    }

    @Test
    void rejectsDuplicateSetMembers() {
        JacksonCodec<Order> orders = JacksonCodec.of(MAPPER, Order.class);
        Order numbers = new Order("o", List.of(), Set.of(1L), new LinkedHashSet<>(List.of(new BigDecimal("1.0"),
                new BigDecimal("1.00"))), null, null, null, null);
        assertMessage("Order.discounts: the set holds a member twice (at [0] and [1]) — DynamoDB set members are unique",
                () -> orders.encode(numbers));
        Order binary = new Order("o", List.of(), Set.of(1L), null,
                new LinkedHashSet<>(List.of(new byte[] {1, 2}, new byte[] {1, 2})), null, null, null);
        assertMessage("Order.signatures: the set holds the same 2 bytes twice (at [0] and [1]) — DynamoDB set members"
                + " are unique", () -> orders.encode(binary));
        List<BigDecimal> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(BigDecimal.valueOf(i));
        }
        many.add(new BigDecimal("7.000"));
        Order large = new Order("o", List.of(), Set.of(1L), new LinkedHashSet<>(many), null, null, null, null);
        assertMessage("Order.discounts: the set holds a member twice (at [7] and [20]) — DynamoDB set members are"
                + " unique", () -> orders.encode(large));
    }

    @Test
    void rejectsNumbersDynamoDbCannotStore() {
        Customer digits = new Customer();
        digits.setBalance(new BigDecimal("1234567890123456789012345678901234567.89"));
        assertMessage("Customer.balance: the number has 39 significant digits; DynamoDB keeps at most 38 (it is not"
                + " rounded here)", () -> CUSTOMERS.encode(digits));
        Customer large = new Customer();
        large.setScore(1e300);
        assertMessage("Customer.score: the number is too large in magnitude; DynamoDB's numbers are below 1E+126",
                () -> CUSTOMERS.encode(large));
        Customer small = new Customer();
        small.setScore(-1e-200);
        assertMessage("Customer.score: the number is too small in magnitude; DynamoDB's smallest is 1E-130",
                () -> CUSTOMERS.encode(small));
        Customer nan = new Customer();
        nan.setScore(Double.NaN);
        assertMessage("Customer.score: NaN is not a number DynamoDB can store — DynamoDB numbers are finite decimals",
                () -> CUSTOMERS.encode(nan));
        Customer infinite = new Customer();
        infinite.setScore(Double.NEGATIVE_INFINITY);
        assertMessage("Customer.score: infinity is not a number DynamoDB can store — DynamoDB numbers are finite"
                + " decimals", () -> CUSTOMERS.encode(infinite));
        JacksonCodec<Extra> extras = JacksonCodec.of(MAPPER, Extra.class);
        Map<String, Object> deep = Map.of("a", List.of(1, new BigDecimal("1E+200")));
        assertMessage("Extra.a[1]: the number is too large in magnitude; DynamoDB's numbers are below 1E+126",
                () -> extras.encode(new Extra(deep)));
    }

    @Test
    void rejectsEmptyNames() {
        Customer c = new Customer();
        c.setHistory(Map.of("", List.of()));
        assertMessage("Customer.history: empty map key — DynamoDB attribute names and map keys are at least one"
                + " character", () -> CUSTOMERS.encode(c));
        assertMessage("Extra: empty attribute name — DynamoDB attribute names and map keys are at least one character",
                () -> JacksonCodec.of(MAPPER, Extra.class).encode(new Extra(Map.of("", 1))));
    }

    @Test
    void rejectsAnAttributeWrittenTwice() {
        assertMessage("Extra.name: written twice — an item or map holds each name once",
                () -> JacksonCodec.of(MAPPER, Extra.class).encode(new Extra(Map.of("name", 1))));
        assertMessage("Extra.inner.name: written twice — an item or map holds each name once",
                () -> JacksonCodec.of(MAPPER, Extra.class).encode(new Extra(Map.of("inner", new Extra(Map.of("name", 1))))));
    }

    @Test
    void rejectsNestingDeeperThanDynamoDbAllows() {
        JacksonCodec<Node> codec = JacksonCodec.of(MAPPER, Node.class);
        Node ok = Node.chain(32);
        Item.from(codec.encode(ok));
        assertEquals(ok, codec.decode(codec.encode(ok)));
        String path = "Node" + ".next".repeat(33); // the 33rd "next" is the map one level too deep
        assertMessage(path + ": the document nests 33 levels deep — DynamoDB documents nest at most 32 levels",
                () -> codec.encode(Node.chain(33)));
    }

    @Test
    void rejectsRawJson() {
        assertMessage("Raw.json: a serializer wrote raw JSON text (@JsonRawValue or writeRaw) — DynamoDB items hold"
                + " typed values, not JSON text", () -> JacksonCodec.of(MAPPER, Raw.class).encode(new Raw("{}")));
    }

    @Test
    void rejectsAClassJacksonDoesNotWriteAsAnObject() {
        assertMessage("Scalar: Jackson writes it as a string, not as an object — a DynamoDB item is a map of"
                + " attributes", () -> JacksonCodec.of(MAPPER, Scalar.class).encode(new Scalar("x")));
        assertMessage("Pair: Jackson writes it as an array, not as an object — a DynamoDB item is a map of"
                + " attributes", () -> JacksonCodec.of(MAPPER, Pair.class).encode(new Pair("a", "b")));
    }

    @Test
    void reportsJacksonsOwnErrorsWithThePathAndWithoutTheirText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JacksonCodec.of(MAPPER, Boom.class).encode(new Boom()));
        assertEquals("Boom.value: Jackson failed (java.lang.IllegalStateException; message withheld: it may show a"
                + " value)", e.getMessage());
        // the cause keeps where it happened: each exception's class and stack trace, without its message
        Throwable thrown = e.getCause();
        while (thrown.getCause() != null) {
            thrown = thrown.getCause();
        }
        assertEquals("java.lang.IllegalStateException (message withheld: it may show a value)", thrown.getMessage());
        assertEquals("getValue", thrown.getStackTrace()[0].getMethodName());
        assertEquals(Boom.class.getName(), thrown.getStackTrace()[0].getClassName());
        assertFalse(JacksonRedactionProperties.shows(e, "no value today"));
    }

    @Test
    void rejectsNulls() {
        assertMessage("mapper is null", NullPointerException.class, () -> JacksonCodec.of(null, Customer.class));
        assertMessage("type is null", NullPointerException.class, () -> JacksonCodec.of(MAPPER, null));
        assertMessage("value is null", NullPointerException.class, () -> CUSTOMERS.encode(null));
        assertMessage("item is null", NullPointerException.class, () -> CUSTOMERS.decode(null));
    }

    // ---- items that do not fit the class

    @Test
    void reportsAValueOfTheWrongType() {
        assertMessage("Customer.age: expected a number (N), found S",
                () -> CUSTOMERS.decode(customerItem("age", AttributeValue.fromS("old"))));
        assertMessage("Customer.age: the string is not a valid int",
                () -> CUSTOMERS.lenient().decode(customerItem("age", AttributeValue.fromS("old"))));
    }

    @Test
    void readsWholeNumbersExactlyAtTheLimitsOfTheirFields() {
        for (JacksonCodec<Customer> codec : List.of(CUSTOMERS, CUSTOMERS.lenient())) {
            Customer c = codec.decode(customerItem(
                    "visits", AttributeValue.fromN("-9223372036854775808"),         // 19 digits: past the long fast path
                    "age", AttributeValue.fromN("+2147483647"),
                    "score", AttributeValue.fromN("9007199254740992"),              // 2^53: 16 digits, a double's
                    "balance", AttributeValue.fromN("-999999999999999999"),
                    "lifetimePoints", AttributeValue.fromN("123456789012345678")));
            assertEquals(Long.MIN_VALUE, c.getVisits());
            assertEquals(Integer.MAX_VALUE, c.getAge());
            assertEquals(9007199254740992.0, c.getScore());
            assertEquals(new BigDecimal("-999999999999999999"), c.getBalance());
            assertEquals(new BigInteger("123456789012345678"), c.getLifetimePoints());
            assertEquals(999_999_999_999_999_999L,
                    codec.decode(customerItem("visits", AttributeValue.fromN("999999999999999999"))).getVisits());
            assertMessage("Customer.age: the number is out of range for int (it is not truncated)",
                    () -> codec.decode(customerItem("age", AttributeValue.fromN("2147483648"))));
        }
        // 2^53 + 1 is no double: the nearest is 2^53
        Map<String, AttributeValue> rounded = customerItem("score", AttributeValue.fromN("9007199254740993"));
        assertEquals(Double.parseDouble("9007199254740993"), CUSTOMERS.lenient().decode(rounded).getScore());
        assertMessage("Customer.score: the number cannot be held by a double without rounding (declare it BigDecimal)",
                () -> CUSTOMERS.decode(rounded));
    }

    @Test
    void readsDecimalsExactlyAndDoublesAsTheirNearestValue() {
        for (String n : List.of("12345.670", "-0.0", "0.1", "-0.000000000000000001", "123456789012345.678", "5.",
                "+.5", "9007199254740993.5", "4.35", "1.2E+3", "0.30000000000000004")) {
            Map<String, AttributeValue> item = customerItem("balance", AttributeValue.fromN(n),
                    "score", AttributeValue.fromN(n));
            Customer c = CUSTOMERS.lenient().decode(item);
            assertEquals(new BigDecimal(n), c.getBalance(), n);                   // same value and scale
            assertEquals(new BigDecimal(n).scale(), c.getBalance().scale(), n);
            assertEquals(Double.doubleToLongBits(Double.parseDouble(n)), Double.doubleToLongBits(c.getScore()), n);
            // strictly, only where the double is the number exactly
            double d = Double.parseDouble(n);
            if (BigDecimal.valueOf(d).compareTo(new BigDecimal(n)) == 0) {
                assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(CUSTOMERS.decode(item).getScore()), n);
            } else {
                assertThrows(IllegalArgumentException.class, () -> CUSTOMERS.decode(item), n);
            }
        }
    }

    @Test
    void reportsANumberTooLargeForTheField() {
        for (JacksonCodec<Customer> codec : List.of(CUSTOMERS, CUSTOMERS.lenient())) {
            assertMessage("Customer.visits: the number is out of range for long (it is not truncated)",
                    () -> codec.decode(customerItem("visits",
                            AttributeValue.fromN("12345678901234567890123456789012345678"))));
        }
    }

    @Test
    void ignoresUnknownAttributesUnlessTheMapperFailsOnThem() {
        // items read from a table carry their key attributes; Jackson 3 ignores unknown properties by default
        Map<String, AttributeValue> item = customerItem("PK", AttributeValue.fromS("c"), "sk", AttributeValue.fromS("x"));
        assertEquals("c", CUSTOMERS.decode(item).getId());

        JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        assertMessage("Customer.sk: is not a property of Customer — the mapper fails on unknown properties"
                + " (DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)",
                () -> JacksonCodec.of(strict, Customer.class).decode(item));
    }

    @Test
    void reportsAnUnknownOrMissingTypeId() {
        assertMessage("Shape: the type id names no subtype of Shape",
                () -> JacksonCodec.of(MAPPER, Shape.class).decode(Map.of("kind", AttributeValue.fromS("triangle"))));
        assertMessage("Shape: has no type id, which Shape needs to pick its subtype",
                () -> JacksonCodec.of(MAPPER, Shape.class).decode(Map.of("id", AttributeValue.fromS("c"))));
    }

    @Test
    void rejectsValuesDynamoDbCouldNotHaveStored() {
        assertMessage("Customer.name: NUL is false — DynamoDB's NULL is always true",
                () -> CUSTOMERS.decode(Map.of("name", AttributeValue.builder().nul(false).build())));
        assertMessage("Customer.name: the AttributeValue has no type set, or one this SDK does not know — DynamoDB"
                + " values hold exactly one of S, N, B, BOOL, NUL, L, M, SS, NS, BS",
                () -> CUSTOMERS.decode(Map.of("name", AttributeValue.builder().build())));
        assertMessage("Customer.name: the AttributeValue has several types set — DynamoDB values hold exactly one",
                () -> CUSTOMERS.decode(Map.of("name", AttributeValue.builder().s("a").n("1").build())));
        assertMessage("Customer.visits: the N value is not a decimal number — DynamoDB numbers are decimal text",
                () -> CUSTOMERS.decode(Map.of("visits", AttributeValue.fromN("12abc"))));
        Map<String, AttributeValue> withNull = new HashMap<>();
        withNull.put("name", null);
        assertMessage("Customer.name: the attribute value is null — DynamoDB's NULL is AttributeValue.fromNul(true)",
                () -> CUSTOMERS.decode(withNull));
        List<AttributeValue> lines = new ArrayList<>(List.of(AttributeValue.fromS("a"),
                AttributeValue.builder().nul(false).build()));
        assertMessage("Customer.address.lines[1]: NUL is false — DynamoDB's NULL is always true",
                () -> CUSTOMERS.decode(Map.of("address", AttributeValue.fromM(Map.of("lines", AttributeValue.fromL(lines))))));
    }

    // ---- helpers and small classes

    private static Customer customer() {
        Customer c = new Customer();
        c.setId("CUST#1");
        c.setName("Zoë 🚀");
        c.setBalance(new BigDecimal("12345678901234567890.123456789012345678"));
        c.setLifetimePoints(new BigInteger("99999999999999999999999999999999999999"));
        c.setVisits(Long.MAX_VALUE);
        c.setAge(33);
        c.setScore(0.1);
        c.setActive(true);
        c.setNewsletter(null);
        c.setAvatar(new byte[] {1, 2, 3});
        c.setTags(Set.of("vip", "new"));
        c.setFavourites(Set.of(7L, -3L));
        c.setNotes(List.of("first", ""));
        c.setHistory(Map.of("2024", List.of(1L, 2L)));
        Address a = new Address();
        a.setCity("Oslo");
        c.setAddress(a);
        c.setCreatedAt(Instant.parse("2024-05-06T07:08:09.123456789Z"));
        c.setBirthday(LocalDate.of(1990, 2, 3));
        c.setToken(new UUID(1, 2));
        c.setTier(Tier.GOLD);
        c.setSessionOnly("secret");
        return c;
    }

    /** {@return an item that fits {@link Customer}: its primitives present}, with the given attributes added */
    private static Map<String, AttributeValue> customerItem(Object... attributes) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("visits", AttributeValue.fromN("1"));
        item.put("age", AttributeValue.fromN("2"));
        item.put("score", AttributeValue.fromN("0.5"));
        item.put("active", AttributeValue.fromBool(true));
        for (int i = 0; i < attributes.length; i += 2) {
            item.put((String) attributes[i], (AttributeValue) attributes[i + 1]);
        }
        return item;
    }

    private static void assertMessage(String expected, Runnable call) {
        assertMessage(expected, IllegalArgumentException.class, call);
    }

    private static void assertMessage(String expected, Class<? extends RuntimeException> type, Runnable call) {
        RuntimeException e = assertThrows(type, call::run);
        assertEquals(expected, e.getMessage());
    }

    record Things(Set<Boolean> flags, Set<Tier> tiers, List<Set<String>> groups) {
    }

    record Mixed(Set<Object> values) {
    }

    record Raw(@JsonRawValue String json) {
    }

    record Scalar(@JsonValue String value) {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record Pair(String left, String right) {
    }

    /** A property named "name" plus whatever the map holds, as top-level attributes. */
    static final class Extra {
        private final Map<String, Object> more;

        Extra(Map<String, Object> more) {
            this.more = more;
        }

        public String getName() {
            return "fixed";
        }

        @JsonAnyGetter
        public Map<String, Object> more() {
            return more;
        }
    }

    static final class Boom {
        public String getValue() {
            throw new IllegalStateException("no value today");
        }
    }

    record Node(String label, Node next) {
        static Node chain(int length) {
            Node n = null;
            for (int i = 0; i < length; i++) {
                n = new Node("n" + i, n);
            }
            return new Node("top", n);
        }
    }
}
