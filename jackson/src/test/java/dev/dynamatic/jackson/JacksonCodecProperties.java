package dev.dynamatic.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.bigIntegers;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.dynamatic.core.Item;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;

/** {@code decode(encode(x))} equals {@code x} for generated values of annotated classes. */
class JacksonCodecProperties {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JacksonCodec<Customer> CUSTOMERS = JacksonCodec.of(MAPPER, Customer.class);
    private static final JacksonCodec<Order> ORDERS = JacksonCodec.of(MAPPER, Order.class);
    private static final JacksonCodec<Shape> SHAPES = JacksonCodec.of(MAPPER, Shape.class);

    @Test
    void customersRoundTrip() {
        qt().forAll(customers()).checkAssert(c -> assertEquals(c, CUSTOMERS.decode(CUSTOMERS.encode(c))));
    }

    @Test
    void ordersRoundTrip() {
        qt().forAll(orders()).checkAssert(o -> assertEquals(o, ORDERS.decode(ORDERS.encode(o))));
    }

    @Test
    void shapesRoundTrip() {
        qt().forAll(shapes(3)).checkAssert(s -> assertEquals(s, SHAPES.decode(SHAPES.encode(s))));
    }

    @Test
    void encodedItemsAreValidDynamoDbItems() {
        // Item.from checks every DynamoDB rule (number ranges, set members, nesting, names)
        qt().forAll(customers(), orders(), shapes(3)).checkAssert((c, o, s) -> {
            Item.from(CUSTOMERS.encode(c));
            Item.from(ORDERS.encode(o));
            Item.from(SHAPES.encode(s));
        });
    }

    @Test
    void encodingIsExactForNumbers() {
        qt().forAll(decimals(), bigIntegers().ofBytes(15), longs().all()).checkAssert((d, i, l) -> {
            Customer c = new Customer();
            c.setBalance(d);
            c.setLifetimePoints(i);
            c.setVisits(l);
            Map<String, AttributeValue> item = CUSTOMERS.encode(c);
            assertEquals(0, new BigDecimal(item.get("balance").n()).compareTo(d));
            assertEquals(i, new BigInteger(item.get("lifetimePoints").n()));
            assertEquals(l, Long.parseLong(item.get("visits").n()));
        });
    }

    @Test
    void numbersAreWrittenAsDynamoDbNormalisesThem() {
        // numerically equal numbers give equal text, with no trailing fraction zeros; a double is its shortest decimal
        qt().forAll(decimals(), integers().between(0, 5), storableDoubles()).checkAssert((d, zeros, score) -> {
            Customer c = new Customer();
            c.setBalance(d);
            c.setScore(score);
            Customer padded = new Customer();
            padded.setBalance(d.setScale(d.scale() + zeros));
            padded.setScore(score);
            Map<String, AttributeValue> item = CUSTOMERS.encode(c);
            String text = item.get("balance").n();
            assertEquals(text, CUSTOMERS.encode(padded).get("balance").n());
            assertEquals(false, text.contains(".") && !text.contains("E") && text.endsWith("0"), text);
            assertEquals(0, new BigDecimal(item.get("score").n()).compareTo(BigDecimal.valueOf(score)));
        });
    }

    // ---- generators

    static Gen<Customer> customers() {
        Gen<String> text = unicode(0, 12);
        Gen<String> nullableText = orNull(text);
        Gen<BigDecimal> balance = orNull(decimals());
        Gen<BigInteger> points = orNull(bigIntegers().ofBytes(15));
        Gen<Long> visits = longs().all();
        Gen<Integer> age = integers().all();
        Gen<Double> score = storableDoubles();
        Gen<Boolean> flag = booleans().all();
        Gen<Boolean> newsletter = orNull(booleans().all());
        Gen<byte[]> avatar = orNull(bytes(0, 16));
        Gen<List<String>> tags = lists().of(text).ofSizeBetween(0, 4);
        Gen<List<Long>> favourites = orNull(lists().of(longs().all()).ofSizeBetween(1, 4));
        Gen<List<String>> notes = lists().of(text).ofSizeBetween(0, 3);
        Gen<Map<String, List<Long>>> history = maps().of(unicode(1, 6),
                lists().of(longs().between(-1_000_000, 1_000_000)).ofSizeBetween(0, 3)).ofSizeBetween(0, 3);
        Gen<Address> address = orNull(addresses());
        Gen<Instant> createdAt = orNull(longs().between(-10_000_000_000L, 10_000_000_000L)
                .zip(integers().between(0, 999_999_999), Instant::ofEpochSecond));
        Gen<LocalDate> birthday = orNull(integers().between(-100_000, 100_000).map(d -> LocalDate.ofEpochDay(d)));
        Gen<UUID> token = orNull(longs().all().zip(longs().all(), UUID::new));
        Gen<Tier> tier = orNull(integers().between(0, 2).map(i -> Tier.values()[i]));
        return in -> {
            Customer c = new Customer();
            c.setId(text.generate(in));
            c.setName(nullableText.generate(in));
            c.setBalance(balance.generate(in));
            c.setLifetimePoints(points.generate(in));
            c.setVisits(visits.generate(in));
            c.setAge(age.generate(in));
            c.setScore(score.generate(in));
            c.setActive(flag.generate(in));
            c.setNewsletter(newsletter.generate(in));
            c.setAvatar(avatar.generate(in));
            c.setTags(new HashSet<>(tags.generate(in)));
            List<Long> favs = favourites.generate(in);
            c.setFavourites(favs == null ? null : new HashSet<>(favs));
            c.setNotes(notes.generate(in));
            c.setHistory(new LinkedHashMap<>(history.generate(in)));
            c.setAddress(address.generate(in));
            c.setCreatedAt(createdAt.generate(in));
            c.setBirthday(birthday.generate(in));
            c.setToken(token.generate(in));
            c.setTier(tier.generate(in));
            return c;
        };
    }

    static Gen<Address> addresses() {
        Gen<String> text = orNull(unicode(0, 10));
        Gen<List<String>> lines = lists().of(unicode(0, 8)).ofSizeBetween(0, 3);
        return in -> {
            Address a = new Address();
            a.setStreet(text.generate(in));
            a.setCity(text.generate(in));
            a.setLines(lines.generate(in));
            return a;
        };
    }

    static Gen<Order> orders() {
        Gen<String> text = unicode(0, 10);
        Gen<List<Line>> lines = lists().of(lines()).ofSizeBetween(0, 3);
        Gen<List<Long>> products = lists().of(longs().all()).ofSizeBetween(1, 5);
        Gen<List<BigDecimal>> discounts = orNull(lists().of(decimals()).ofSizeBetween(1, 4));
        Gen<List<String>> signatures = orNull(lists().of(unicode(0, 8)).ofSizeBetween(1, 3));
        Gen<byte[]> receipt = orNull(bytes(0, 24));
        Gen<Money> total = orNull(orNull(decimals()).zip(orNull(unicode(0, 3)), Money::new));
        Gen<String> note = orNull(text);
        return in -> {
            List<BigDecimal> ds = discounts.generate(in);
            Set<BigDecimal> discountSet = null;
            if (ds != null) {
                // numerically distinct members: DynamoDB would refuse 1.0 and 1.00 in one set
                TreeSet<BigDecimal> distinct = new TreeSet<>(ds);
                discountSet = new HashSet<>(distinct);
            }
            List<String> sigs = signatures.generate(in);
            Set<byte[]> signatureSet = null;
            if (sigs != null) {
                signatureSet = new HashSet<>();
                for (String s : new HashSet<>(sigs)) {
                    signatureSet.add(s.getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] r = receipt.generate(in);
            Money m = total.generate(in);
            return new Order(text.generate(in), lines.generate(in), new HashSet<>(products.generate(in)),
                    discountSet, signatureSet, r == null ? null : ByteBuffer.wrap(r),
                    // Jackson writes nothing for an absent unwrapped part and reads nothing back as one with no values
                    m == null ? new Money(null, null) : m,
                    note.generate(in));
        };
    }

    static Gen<Line> lines() {
        Gen<String> sku = unicode(1, 8);
        Gen<List<List<String>>> options = lists().of(lists().of(unicode(0, 4)).ofSizeBetween(0, 2)).ofSizeBetween(0, 2);
        return sku.zip(integers().all(), orNull(decimals()), options, Line::new);
    }

    static Gen<Shape> shapes(int depth) {
        Gen<String> id = unicode(0, 8);
        Gen<Shape> polygons = in -> {
            List<Point> points = lists().of(storableDoubles().zip(storableDoubles(), Point::new)).ofSizeBetween(0, 4)
                    .generate(in);
            Set<String> labels = new HashSet<>(lists().of(unicode(0, 5)).ofSizeBetween(1, 3).generate(in));
            Map<String, Object> extra = new LinkedHashMap<>();
            for (String k : lists().of(unicode(1, 4)).ofSizeBetween(0, 3).generate(in)) {
                extra.put(k, booleans().all().generate(in) ? unicode(0, 4).generate(in)
                        : new ArrayList<Object>(lists().of(unicode(0, 3)).ofSizeBetween(0, 2).generate(in)));
            }
            return new Polygon(id.generate(in), points, labels, extra);
        };
        Gen<Shape> inner = depth == 0 ? in -> null : orNull(shapes(depth - 1));
        Gen<Shape> circles = id.zip(orNull(decimals()), inner, Circle::new);
        return circles.mix(polygons);
    }

    /** Text from all of Unicode, supplementary characters included. */
    static Gen<String> unicode(int min, int max) {
        return strings().allPossible().ofLengthBetween(min, max)
                .mix(strings().basicLatinAlphabet().ofLengthBetween(min, max));
    }

    /** Decimals DynamoDB can store: up to 38 significant digits, magnitude 1E-130 to below 1E+126. */
    static Gen<BigDecimal> decimals() {
        return bigIntegers().ofBytes(16).zip(integers().between(-80, 80), (unscaled, scale) -> {
            BigInteger u = unscaled;
            while (u.abs().toString().length() > 38) {
                u = u.divide(BigInteger.TEN);
            }
            return new BigDecimal(u, scale);
        });
    }

    /** Finite doubles within DynamoDB's range, from everyday values to extremes. */
    static Gen<Double> storableDoubles() {
        return doubles().between(-1e120, 1e120).mix(doubles().fromZeroToOne())
                .mix(integers().between(-130, 120).map(e -> Math.pow(10, e) * 1.2345678901234567))
                .map(d -> d != 0 && Math.abs(d) < 1e-129 ? 0.0 : d);
    }

    static Gen<byte[]> bytes(int min, int max) {
        return lists().of(integers().between(-128, 127)).ofSizeBetween(min, max).map(list -> {
            byte[] b = new byte[list.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = list.get(i).byteValue();
            }
            return b;
        });
    }

    static <T> Gen<T> orNull(Gen<T> gen) {
        return gen.toOptionals(20).map(o -> o.orElse(null));
    }
}
