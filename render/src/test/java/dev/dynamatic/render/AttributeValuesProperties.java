package dev.dynamatic.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AttributeValuesProperties {

    // ---- generators (private to this class; the shared ones live in Generators)

    /** Any Unicode, plus a few names that break naive code. */
    private static Gen<String> texts() {
        return strings().allPossible().ofLengthBetween(0, 10)
                .mix(strings().basicLatinAlphabet().ofLengthBetween(0, 3), 40)
                .mix(arbitrary().pick(List.of("", "a", "a.b", "#n0", ":v0", "a b", "🙂", "\u0000", "é", "SET")), 20);
    }

    /** Map keys and attribute names: a small alphabet, so duplicates occur; never empty. */
    private static Gen<String> names() {
        return arbitrary().pick(List.of("a", "b", "a.b", "#x", ":y", "a[0]", "SET", "🙂", "name with space"))
                .mix(strings().allPossible().ofLengthBetween(1, 6), 30);
    }

    /** Numbers up to 38 digits, exponents across DynamoDB's whole range, and the extremes themselves. */
    private static Gen<BigDecimal> decimals() {
        Gen<BigDecimal> random = integers().between(1, 9)
                .zip(lists().of(integers().between(0, 9)).ofSizeBetween(0, 37),
                        integers().between(-130, 125),
                        (first, rest, exponent) -> {
                            StringBuilder digits = new StringBuilder().append(first);
                            rest.forEach(digits::append);
                            // first.rest × 10^exponent
                            return new BigDecimal(new BigInteger(digits.toString()), rest.size() - exponent);
                        })
                .zip(booleans().all(), (d, negative) -> negative ? d.negate() : d);
        Gen<BigDecimal> everyday = integers().between(-1000, 1000).zip(integers().between(0, 3),
                (unscaled, scale) -> BigDecimal.valueOf(unscaled, scale));
        Gen<BigDecimal> extremes = arbitrary().pick(List.of(
                "1E-130", "-1E-130", "9.9999999999999999999999999999999999999E+125",
                "-9.9999999999999999999999999999999999999E+125", "12345678901234567890123456789012345678",
                "0.00000000000000000000000000000000000001", "0", "0.000", "-0", "1.0", "1E+3", "100", "1E-39"))
                .map(text -> new BigDecimal(text));
        return random.mix(everyday, 30).mix(extremes, 20);
    }

    private static Gen<Bytes> binaries() {
        return Generate.byteArrays(integers().between(0, 8), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .map(array -> Bytes.of(array));
    }

    private static Gen<Value> scalars() {
        Gen<Value> s = texts().map(Value.S::new);
        Gen<Value> n = decimals().map(Value.N::new);
        Gen<Value> b = binaries().map(Value.B::new);
        Gen<Value> bool = booleans().all().map(Value.Bool::new);
        Gen<Value> nul = arbitrary().constant(new Value.Null());
        Gen<Value> ss = lists().of(texts()).ofSizeBetween(1, 5)
                .map(l -> new Value.SS(List.copyOf(new LinkedHashSet<>(l))));
        Gen<Value> ns = lists().of(decimals()).ofSizeBetween(1, 5).map(l -> {
            TreeSet<BigDecimal> unique = new TreeSet<>(l); // compareTo: 1.0 and 1 are one member
            return new Value.NS(unique.stream().map(Value.N::new).toList());
        });
        Gen<Value> bs = lists().of(binaries()).ofSizeBetween(1, 5)
                .map(l -> new Value.BS(List.copyOf(new LinkedHashSet<>(l))));
        return s.mix(n, 30).mix(b, 10).mix(bool, 10).mix(nul, 10).mix(ss, 10).mix(ns, 10).mix(bs, 10);
    }

    /** Values nested at most {@code depth} lists/maps deep, empty containers included. */
    private static Gen<Value> values(int depth) {
        Gen<Value> leaf = scalars();
        if (depth == 0) {
            return leaf;
        }
        Gen<Value> inner = values(depth - 1);
        Gen<Value> list = lists().of(inner).ofSizeBetween(0, 4).map(Value.L::new);
        Gen<Value> map = lists().of(names().zip(inner, Map::entry)).ofSizeBetween(0, 4).map(entries -> {
            Map<String, Value> m = new LinkedHashMap<>();
            entries.forEach(e -> m.put(e.getKey(), e.getValue()));
            return new Value.M(m);
        });
        return leaf.mix(list, 25).mix(map, 25);
    }

    /** The Java forms {@code toJava} produces: String, BigDecimal, Bytes, Boolean, null, List, Map, Set. */
    private static Gen<Object> javaValues(int depth) {
        Gen<Object> s = texts().map(x -> x);
        Gen<Object> n = decimals().map(x -> x);
        Gen<Object> b = binaries().map(x -> x);
        Gen<Object> bool = booleans().all().map(x -> x);
        Gen<Object> nul = arbitrary().constant(() -> null);
        Gen<Object> ss = lists().of(texts()).ofSizeBetween(1, 5).map(l -> new LinkedHashSet<Object>(l));
        Gen<Object> ns = lists().of(decimals()).ofSizeBetween(1, 5)
                .map(l -> new LinkedHashSet<Object>(new TreeSet<>(l)));
        Gen<Object> bs = lists().of(binaries()).ofSizeBetween(1, 5).map(l -> new LinkedHashSet<Object>(l));
        Gen<Object> leaf = s.mix(n, 30).mix(b, 10).mix(bool, 10).mix(nul, 10).mix(ss, 10).mix(ns, 10).mix(bs, 10);
        if (depth == 0) {
            return leaf;
        }
        Gen<Object> inner = javaValues(depth - 1);
        Gen<Object> list = lists().of(inner).ofSizeBetween(0, 4).map(l -> new ArrayList<Object>(l));
        Gen<Object> map = javaItems(inner).map(m -> m);
        return leaf.mix(list, 25).mix(map, 25);
    }

    private static Gen<Map<String, Object>> javaItems(Gen<Object> attributes) {
        return lists().of(names().zip(attributes, (k, v) -> new Object[] {k, v})).ofSizeBetween(0, 5).map(entries -> {
            Map<String, Object> m = new LinkedHashMap<>();
            entries.forEach(e -> m.put((String) e[0], e[1]));
            return m;
        });
    }

    /** Compares numbers numerically, maps by entries in order, everything else by equals. */
    private static Object normalized(Object o) {
        return switch (o) {
            case null -> null;
            case BigDecimal d -> d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            case List<?> l -> l.stream().map(AttributeValuesProperties::normalized).toList();
            case Set<?> s -> s.stream().map(AttributeValuesProperties::normalized).collect(Collectors.toSet());
            case Map<?, ?> m -> {
                // a list of entries, so that order is compared too
                List<List<Object>> entries = new ArrayList<>();
                m.forEach((k, v) -> entries.add(Arrays.asList(k, normalized(v))));
                yield entries;
            }
            default -> o;
        };
    }

    // ---- properties

    @Test
    void valuesRoundTripThroughTheSdk() {
        qt().forAll(values(3)).checkAssert(v -> assertEquals(v, AttributeValues.fromSdk(AttributeValues.toSdk(v))));
    }

    @Test
    void theSdkFormIsStable() {
        qt().forAll(values(3)).checkAssert(v -> {
            AttributeValue av = AttributeValues.toSdk(v);
            assertEquals(av, AttributeValues.toSdk(AttributeValues.fromSdk(av)));
        });
    }

    @Test
    void toJavaAgreesWithFromSdk() {
        qt().forAll(values(3)).checkAssert(v -> {
            AttributeValue av = AttributeValues.toSdk(v);
            assertEquals(AttributeValues.fromSdk(av), Value.of(AttributeValues.toJava(av)));
        });
    }

    @Test
    void javaFormsRoundTripThroughTheSdk() {
        qt().forAll(javaValues(3)).checkAssert(x ->
                assertEquals(normalized(x), normalized(AttributeValues.toJava(AttributeValues.fromJava(x)))));
    }

    @Test
    void numbersRoundTripExactlyAsText() {
        qt().forAll(decimals()).checkAssert(d -> {
            Object back = AttributeValues.toJava(AttributeValues.fromJava(d));
            assertEquals(0, d.compareTo((BigDecimal) back), () -> d + " came back as " + back);
        });
    }

    @Test
    void itemsRoundTripThroughTheSdk() {
        qt().forAll(javaItems(javaValues(2))).checkAssert(item -> {
            Map<String, Object> back = AttributeValues.toJava(AttributeValues.fromJava(item));
            assertEquals(normalized(item), normalized(back));
            assertThrows(UnsupportedOperationException.class, () -> back.put("new", "x"));
        });
    }
}
