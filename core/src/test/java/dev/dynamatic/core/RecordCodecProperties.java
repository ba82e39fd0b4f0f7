package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.floats;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Value;
import dev.dynamatic.render.AttributeValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class RecordCodecProperties {

    enum Mood { HAPPY, SAD, MEH }

    record Leaf(String text, int count, Optional<String> note, boolean flag, List<String> words) {}

    record Tree(
            String name,
            long id,
            double score,
            float ratio,
            BigDecimal amount,
            BigInteger big,
            Mood mood,
            Optional<Mood> maybeMood,
            List<Leaf> leaves,
            Optional<Leaf> first,
            Map<String, Leaf> byName,
            Set<String> tags,
            Set<Long> numbers,
            List<Optional<String>> maybe,
            Instant at,
            UUID uuid,
            Bytes bytes,
            Short small,
            List<Tree> children) {}

    private static final ItemCodec<Tree> TREES = RecordCodec.of(Tree.class);

    record Anything(Object value) {}

    record Numbers(Integer i, Long l, Short s, Byte b, Double d, Float f, BigDecimal dec, BigInteger big) {}

    record When(Instant at, Set<Instant> times) {}

    private static final ItemCodec<Anything> ANYTHING = RecordCodec.of(Anything.class);
    private static final ItemCodec<Numbers> NUMBERS = RecordCodec.of(Numbers.class);

    // ---- generators

    /** Any Unicode, plus a few texts that break naive code. */
    private static Gen<String> texts() {
        return strings().allPossible().ofLengthBetween(0, 8)
                .mix(arbitrary().pick(List.of("", "a", "a.b", "#n0", ":v0", "🙂", "\u0000", "é", "NULL")), 20);
    }

    /** Map keys and attribute names: a small alphabet, so duplicates occur; never empty. */
    private static Gen<String> names() {
        return arbitrary().pick(List.of("a", "b", "a.b", "#x", ":y", "a[0]", "SET", "🙂", "name with space"))
                .mix(strings().allPossible().ofLengthBetween(1, 5), 30);
    }

    private static <T> Gen<T> nullable(Gen<T> gen) {
        return gen.mix(arbitrary().constant(() -> null), 15);
    }

    private static final BigDecimal SMALLEST = new BigDecimal("1E-130");
    private static final BigDecimal TOO_LARGE = new BigDecimal("1E+126");

    /** Doubles DynamoDB can hold: finite, in its range, and not {@code -0.0} (which it has no way to store). */
    private static Gen<Double> storableDoubles() {
        return doubles().any().mix(doubles().between(-1e6, 1e6), 50).map(d -> {
            if (!Double.isFinite(d) || Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(-0.0)) {
                return 0.0;
            }
            BigDecimal magnitude = BigDecimal.valueOf(Math.abs(d));
            return d == 0 || magnitude.compareTo(SMALLEST) >= 0 && magnitude.compareTo(TOO_LARGE) < 0 ? d : 1.5;
        });
    }

    private static Gen<Float> storableFloats() {
        return floats().any().map(f -> Float.isFinite(f) && Float.floatToRawIntBits(f) != Float.floatToRawIntBits(-0f)
                ? f : 0.5f);
    }

    private static Gen<BigInteger> bigIntegers() {
        return lists().of(integers().between(0, 9)).ofSizeBetween(1, 38).zip(booleans().all(), (digits, negative) -> {
            StringBuilder text = new StringBuilder(negative ? "-" : "");
            digits.forEach(text::append);
            return new BigInteger(text.toString());
        });
    }

    /**
     * Numbers of up to 38 digits across most of DynamoDB's range, normalised as they are stored ({@code 1.50} is
     * written and read back as {@code 1.5}, as DynamoDB does), so that a record holding one reads back equal.
     */
    private static Gen<BigDecimal> recordDecimals() {
        return bigIntegers().zip(integers().between(-80, 120), BigDecimal::new)
                .map(d -> new BigDecimal(new Value.N(d).text()));
    }

    /** Any DynamoDB number, in any scale: {@link Item} makes them canonical. */
    private static Gen<BigDecimal> decimals() {
        Gen<BigDecimal> random = bigIntegers().zip(integers().between(-87, 130), BigDecimal::new)
                .assuming(d -> d.signum() == 0 || d.abs().compareTo(SMALLEST) >= 0 && d.abs().compareTo(TOO_LARGE) < 0);
        Gen<BigDecimal> extremes = arbitrary().pick(List.of("1E-130", "-9.9999999999999999999999999999999999999E+125",
                "0", "0.000", "-0", "1.0", "1E+3", "100", "1E-39", "1.50")).map(text -> new BigDecimal(text));
        return random.mix(extremes, 30);
    }

    private static Gen<Instant> instants() {
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        return longs().between(first, last).zip(integers().between(0, 999_999_999), Instant::ofEpochSecond);
    }

    private static Gen<Bytes> binaries() {
        return Generate.byteArrays(integers().between(0, 6), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .map(array -> Bytes.of(array));
    }

    private static Gen<Leaf> leaves() {
        Gen<String> text = nullable(texts());
        Gen<Integer> count = integers().all();
        Gen<Optional<String>> note = texts().toOptionals(40);
        Gen<Boolean> flag = booleans().all();
        Gen<List<String>> words = lists().of(nullable(texts())).ofSizeBetween(0, 3);
        return in -> new Leaf(text.generate(in), count.generate(in), note.generate(in), flag.generate(in),
                words.generate(in));
    }

    private static <V> Gen<Map<String, V>> maps(Gen<V> values) {
        // not Map.entry: values may be null (DynamoDB's NULL)
        return lists().of(names().zip(values, (k, v) -> new SimpleImmutableEntry<>(k, v))).ofSizeBetween(0, 3).map(entries -> {
            Map<String, V> map = new LinkedHashMap<>();
            entries.forEach(e -> map.put(e.getKey(), e.getValue()));
            return map;
        });
    }

    /** Trees nested at most {@code depth} levels below this one. */
    private static Gen<Tree> trees(int depth) {
        Gen<String> name = nullable(texts());
        Gen<Long> id = longs().all();
        Gen<Double> score = storableDoubles();
        Gen<Float> ratio = storableFloats();
        Gen<BigDecimal> amount = nullable(recordDecimals());
        Gen<BigInteger> big = nullable(bigIntegers());
        Gen<Mood> mood = nullable(arbitrary().enumValues(Mood.class));
        Gen<Optional<Mood>> maybeMood = arbitrary().enumValues(Mood.class).toOptionals(50);
        Gen<List<Leaf>> leaves = nullable(lists().of(leaves()).ofSizeBetween(0, 3));
        Gen<Optional<Leaf>> first = leaves().toOptionals(50);
        Gen<Map<String, Leaf>> byName = nullable(maps(leaves()));
        Gen<Set<String>> tags = lists().of(texts()).ofSizeBetween(0, 4).map(Set::copyOf);
        Gen<Set<Long>> numbers = lists().of(longs().all()).ofSizeBetween(0, 4).map(Set::copyOf);
        Gen<List<Optional<String>>> maybe = lists().of(texts().toOptionals(30)).ofSizeBetween(0, 3);
        Gen<Instant> at = nullable(instants());
        Gen<UUID> uuid = nullable(longs().all().zip(longs().all(), UUID::new));
        Gen<Bytes> bytes = nullable(binaries());
        Gen<Short> small = nullable(integers().between(Short.MIN_VALUE, Short.MAX_VALUE).map(Integer::shortValue));
        Gen<List<Tree>> children = depth == 0
                ? arbitrary().constant(List.of())
                : lists().of(trees(depth - 1)).ofSizeBetween(0, 2);
        return in -> new Tree(name.generate(in), id.generate(in), score.generate(in), ratio.generate(in),
                amount.generate(in), big.generate(in), mood.generate(in), maybeMood.generate(in), leaves.generate(in),
                first.generate(in), byName.generate(in), tags.generate(in), numbers.generate(in), maybe.generate(in),
                at.generate(in), uuid.generate(in), bytes.generate(in), small.generate(in), children.generate(in));
    }

    /** The Java values {@link Item#of} takes, nested at most {@code depth} lists or maps deep. */
    private static Gen<Object> javaValues(int depth) {
        Gen<Object> s = texts().map(x -> x);
        Gen<Object> n = decimals().map(x -> x);
        Gen<Object> i = integers().all().map(x -> x);
        Gen<Object> b = binaries().map(x -> x);
        Gen<Object> bool = booleans().all().map(x -> x);
        Gen<Object> nul = arbitrary().constant(() -> null);
        Gen<Object> ss = lists().of(texts()).ofSizeBetween(1, 4).map(l -> new LinkedHashSet<Object>(l));
        Gen<Object> ns = lists().of(decimals()).ofSizeBetween(1, 4)
                .map(l -> new LinkedHashSet<Object>(new TreeSet<>(l))); // compareTo: 1.0 and 1 are one member
        Gen<Object> bs = lists().of(binaries()).ofSizeBetween(1, 4).map(l -> new LinkedHashSet<Object>(l));
        Gen<Object> leaf = s.mix(n, 25).mix(i, 10).mix(b, 10).mix(bool, 10).mix(nul, 10).mix(ss, 10).mix(ns, 10)
                .mix(bs, 10);
        if (depth == 0) {
            return leaf;
        }
        Gen<Object> inner = javaValues(depth - 1);
        Gen<Object> list = lists().of(inner).ofSizeBetween(0, 3).map(l -> new ArrayList<Object>(l));
        Gen<Object> map = maps(inner).map(m -> m);
        return leaf.mix(list, 25).mix(map, 25);
    }

    // ---- records

    @Test
    void recordsRoundTrip() {
        qt().withExamples(500).forAll(trees(2)).checkAssert(tree -> assertEquals(tree, TREES.decode(TREES.encode(tree))));
    }

    @Test
    void theEncodedFormIsStable() {
        qt().withExamples(300).forAll(trees(1)).checkAssert(tree -> {
            Map<String, AttributeValue> item = TREES.encode(tree);
            assertEquals(item, TREES.encode(TREES.decode(item)));
        });
    }

    // ---- the same rules as Value's: what is stored, what is read

    @Test
    void anObjectIsStoredAsValueOfStoresIt() {
        qt().forAll(javaValues(2)).checkAssert(value -> {
            Map<String, AttributeValue> item = ANYTHING.encode(new Anything(value));
            if (value == null) {
                assertEquals(Map.of(), item);
            } else {
                assertEquals(Map.of("value", AttributeValues.fromJava(value)), item);
            }
        });
    }

    @Test
    void anObjectReadsBackAsAnItemReadsIt() {
        qt().forAll(javaValues(2).assuming(v -> v != null)).checkAssert(value -> {
            AttributeValue stored = AttributeValues.fromJava(value);
            assertEquals(Item.from(Map.of("value", stored)).get("value"),
                    ANYTHING.decode(Map.of("value", stored)).value());
        });
    }

    @Test
    void numbersAreStoredAsValueOfStoresThem() {
        Gen<Numbers> numbers = in -> new Numbers(integers().all().generate(in), longs().all().generate(in),
                integers().between(Short.MIN_VALUE, Short.MAX_VALUE).generate(in).shortValue(),
                integers().between(Byte.MIN_VALUE, Byte.MAX_VALUE).generate(in).byteValue(),
                storableDoubles().generate(in), storableFloats().generate(in), decimals().generate(in),
                bigIntegers().generate(in));
        qt().forAll(numbers).checkAssert(n -> {
            Map<String, AttributeValue> item = NUMBERS.encode(n);
            for (var component : Numbers.class.getRecordComponents()) {
                Object value;
                try {
                    value = component.getAccessor().invoke(n);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
                assertEquals(AttributeValues.fromJava(value), item.get(component.getName()), component.getName());
            }
        });
    }

    /** Number text as DynamoDB or a hand-built item may hold it: any scale, plain, scientific or engineering. */
    private static Gen<String> numberTexts() {
        Gen<BigDecimal> wholes = longs().all().map(l -> BigDecimal.valueOf(l))
                .mix(integers().all().map(i -> BigDecimal.valueOf(i)), 30)
                .mix(integers().between(-3, 3).map(i -> BigDecimal.valueOf(Integer.MAX_VALUE + (long) i)), 10);
        Gen<BigDecimal> doubles = storableDoubles().map(d -> BigDecimal.valueOf(d))
                .mix(floats().between(-1e6f, 1e6f).map(f -> new BigDecimal(Float.toString(f))), 30);
        Gen<BigDecimal> any = decimals().mix(wholes, 35).mix(doubles, 35);
        return any.zip(integers().between(0, 2), integers().between(0, 2), (d, zeros, form) -> {
            BigDecimal padded = d.setScale(d.scale() + zeros);
            return switch (form) {
                case 0 -> padded.toString();
                case 1 -> padded.toPlainString();
                default -> padded.toEngineeringString();
            };
        });
    }

    private static Optional<Object> exactly(String text, Class<?> type) {
        BigDecimal n = new BigDecimal(text);
        try {
            if (type == Integer.class) {
                return Optional.of(n.intValueExact());
            }
            if (type == Long.class) {
                return Optional.of(n.longValueExact());
            }
            if (type == Short.class) {
                return Optional.of(n.shortValueExact());
            }
            if (type == Byte.class) {
                return Optional.of(n.byteValueExact());
            }
            if (type == BigInteger.class) {
                return Optional.of(n.toBigIntegerExact());
            }
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
        if (type == Double.class) {
            double d = n.doubleValue();
            return Double.isFinite(d) && BigDecimal.valueOf(d).compareTo(n) == 0 ? Optional.of(d) : Optional.empty();
        }
        if (type == Float.class) {
            float f = n.floatValue();
            return Float.isFinite(f) && new BigDecimal(Float.toString(f)).compareTo(n) == 0
                    ? Optional.of(f) : Optional.empty();
        }
        return Optional.of(n); // BigDecimal: exactly as written
    }

    @Test
    void readsANumberExactlyOrNotAtAll() {
        qt().withExamples(2_000).forAll(numberTexts()).checkAssert(text -> {
            for (var component : Numbers.class.getRecordComponents()) {
                Optional<Object> expected = exactly(text, component.getType());
                Map<String, AttributeValue> item = Map.of(component.getName(), AttributeValue.fromN(text));
                if (expected.isPresent()) {
                    Numbers read = NUMBERS.decode(item);
                    Object value;
                    try {
                        value = component.getAccessor().invoke(read);
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                    assertEquals(expected.get(), value, component.getName() + " of " + text);
                } else {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> NUMBERS.decode(item), component.getName() + " of " + text);
                    assertTrue(e.getMessage().startsWith("Numbers." + component.getName() + ": the number "),
                            e.getMessage());
                }
            }
        });
    }

    @Test
    void instantsAreStoredAsValueOfStoresThem() {
        ItemCodec<When> codec = RecordCodec.of(When.class);
        qt().forAll(instants(), lists().of(instants()).ofSizeBetween(1, 4)).checkAssert((at, times) -> {
            Map<String, AttributeValue> item = codec.encode(new When(at, Set.copyOf(times)));
            assertEquals(AttributeValues.fromJava(at), item.get("at"));
            // Value.of takes no set of instants: its text for each, in a string set
            assertEquals(AttributeValues.toSdk(new Value.SS(Set.copyOf(times).stream()
                    .map(t -> ((Value.S) Value.of(t)).value()).toList())), item.get("times"));
            assertEquals(new When(at, Set.copyOf(times)), codec.decode(item));
        });
    }

    @Test
    void nestsAsDeepAsDynamoDbAndNoDeeper() {
        qt().forAll(integers().between(1, 40)).checkAssert(levels -> {
            Object lists = List.of();
            AttributeValue stored = AttributeValue.fromL(List.of());
            for (int i = 1; i < levels; i++) {
                lists = List.of(lists);
                stored = AttributeValue.fromL(List.of(stored));
            }
            Anything value = new Anything(lists);
            Map<String, AttributeValue> item = Map.of("value", stored);
            if (levels <= dev.dynamatic.ast.Limits.MAX_NESTING) {
                assertEquals(item, ANYTHING.encode(value));
                assertEquals(value, ANYTHING.decode(item));
            } else {
                assertThrows(IllegalArgumentException.class, () -> ANYTHING.encode(value));
                assertThrows(IllegalArgumentException.class, () -> ANYTHING.decode(item));
            }
        });
    }

    // ---- items

    @Test
    void itemsRoundTripThroughTheSdk() {
        qt().forAll(maps(javaValues(2))).checkAssert(attributes -> {
            Item item = Item.of(attributes);
            Item back = Item.from(item.attributes());
            assertEquals(item, back);
            assertEquals(item.hashCode(), back.hashCode());
            assertEquals(List.copyOf(item.keySet()), List.copyOf(back.keySet()));
        });
    }

    @Test
    void itemsFromJavaAndFromTheSdkAgree() {
        qt().forAll(maps(javaValues(2))).checkAssert(attributes ->
                assertEquals(Item.of(attributes), Item.from(AttributeValues.fromJava(attributes))));
    }

    @Test
    void itemNumbersCompareNumerically() {
        qt().forAll(decimals(), integers().between(0, 5)).checkAssert((n, extraZeros) -> {
            BigDecimal padded = n.setScale(n.scale() + extraZeros);
            Item a = Item.of(Map.of("n", n, "ns", Set.of(n)));
            Item b = Item.of(Map.of("n", padded, "ns", Set.of(padded)));
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
            assertEquals(0, n.compareTo(a.getBigDecimal("n")));
        });
    }
}
