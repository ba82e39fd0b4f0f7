package dev.dynamatic.ast.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The laws of DynamoDB's number rules: written text reads back exactly into the type it came from, equal numbers
 * give equal text, and every fast path agrees with the general definition it shortcuts.
 */
class NumbersProperties {

    private static final BigDecimal SMALLEST = new BigDecimal("1E-130");
    private static final BigDecimal TOO_LARGE = new BigDecimal("1E+126");

    // ---- generators

    /** Any bit pattern (NaN, infinities, subnormals, both zeros), and everyday decimals such as 12.75. */
    private static Gen<Double> doubles() {
        Gen<Double> bits = longs().all().map(Double::longBitsToDouble);
        Gen<Double> everyday = integers().between(-1_000_000, 1_000_000).zip(integers().between(0, 6),
                (unscaled, scale) -> unscaled / Math.pow(10, scale));
        Gen<Double> edges = arbitrary().pick(List.of(0.0, -0.0, 1e15, -1e15, 9007199254740992.0, 1e-130, 1e126,
                9.999999999999999e125, 1e-3, 1e7, Double.MIN_NORMAL, Double.MAX_VALUE, 0.1, 0.2, 0.30000000000000004));
        return bits.mix(everyday, 40).mix(edges, 10);
    }

    private static Gen<Float> floats() {
        Gen<Float> bits = integers().all().map(Float::intBitsToFloat);
        Gen<Float> everyday = integers().between(-100_000, 100_000).zip(integers().between(0, 4),
                (unscaled, scale) -> (float) (unscaled / Math.pow(10, scale)));
        Gen<Float> edges = arbitrary().pick(List.of(0f, -0f, 1e6f, 16777216f, 16777218f, 1e7f, 1e-3f,
                Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, 0.1f));
        return bits.mix(everyday, 40).mix(edges, 10);
    }

    private static Gen<Long> wholeNumbers() {
        Gen<Long> edges = arbitrary().pick(List.of(0L, -1L, 1L, (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE,
                Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE, 999_999_999_999_999_999L,
                1_000_000_000_000_000_000L, (long) Short.MAX_VALUE + 1, (long) Byte.MIN_VALUE - 1));
        return longs().all().mix(longs().between(-100_000, 100_000), 40).mix(edges, 10);
    }

    /** Decimals of up to 38 digits across DynamoDB's whole range, and its extremes. */
    private static Gen<BigDecimal> decimals() {
        Gen<BigDecimal> random = integers().between(1, 9)
                .zip(lists().of(integers().between(0, 9)).ofSizeBetween(0, 37), integers().between(-130, 125),
                        (first, rest, exponent) -> {
                            StringBuilder digits = new StringBuilder().append(first);
                            rest.forEach(digits::append);
                            // first.rest × 10^exponent
                            return new BigDecimal(new BigInteger(digits.toString()), rest.size() - exponent);
                        })
                .zip(booleans().all(), (d, negative) -> negative ? d.negate() : d);
        Gen<BigDecimal> everyday = longs().between(-10_000_000_000L, 10_000_000_000L).zip(integers().between(-3, 20),
                BigDecimal::valueOf);
        Gen<BigDecimal> extremes = arbitrary().pick(List.of("1E-130", "-1E-130",
                "9.9999999999999999999999999999999999999E+125", "-9.9999999999999999999999999999999999999E+125",
                "12345678901234567890123456789012345678", "0", "0.000", "0E+7", "1E+39", "1E+40", "1E-39", "1E-40"))
                .map(text -> new BigDecimal(text));
        return random.mix(everyday, 40).mix(extremes, 10);
    }

    /** The same number written with extra trailing zeros: another scale, the same value. */
    private static Gen<BigDecimal> withZeros(Gen<BigDecimal> decimals) {
        return decimals.zip(integers().between(0, 5), (d, zeros) -> d.setScale(d.scale() + zeros));
    }

    /** Text the way SDK users and other writers spell numbers: signs, leading zeros, points, exponents. */
    private static Gen<String> numberTexts() {
        Gen<String> digits = lists().of(integers().between(0, 9)).ofSizeBetween(1, 22).map(list -> {
            StringBuilder sb = new StringBuilder();
            list.forEach(sb::append);
            return sb.toString();
        });
        Gen<String> sign = arbitrary().pick(List.of("", "", "-", "+"));
        Gen<String> plain = sign.zip(digits, integers().between(-1, 22), (s, d, point) ->
                s + (point < 0 || point > d.length() ? d : d.substring(0, point) + "." + d.substring(point)));
        Gen<String> scientific = plain.zip(integers().between(-140, 140), (p, e) -> p + "E" + e);
        return plain.mix(scientific, 30);
    }

    private static boolean inRange(BigDecimal d) {
        return d.signum() == 0 || d.abs().compareTo(SMALLEST) >= 0 && d.abs().compareTo(TOO_LARGE) < 0;
    }

    // ---- Java -> text -> Java is exact

    @Test
    void aDoubleReadsBackAsItselfOrIsRefusedForItsRange() {
        qt().forAll(doubles()).checkAssert(d -> {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                assertThrows(IllegalArgumentException.class, () -> Numbers.text(d));
            } else if (!inRange(BigDecimal.valueOf(d))) {
                String message = assertThrows(IllegalArgumentException.class, () -> Numbers.text(d)).getMessage();
                assertTrue(message.contains("in magnitude"), message);
                assertFalse(message.contains(Double.toString(d)), message);
            } else {
                String text = Numbers.text(d);
                assertEquals(d == 0 ? 0.0 : d, Numbers.doubleValue(text), text);
                // the fast paths write what the general one does
                assertEquals(Numbers.text(BigDecimal.valueOf(d)), text);
            }
        });
    }

    @Test
    void aFloatReadsBackAsItself() {
        qt().forAll(floats()).checkAssert(f -> {
            if (Float.isNaN(f) || Float.isInfinite(f)) {
                assertThrows(IllegalArgumentException.class, () -> Numbers.text(f));
            } else {
                String text = Numbers.text(f);
                assertEquals(f == 0 ? 0f : f, Numbers.floatValue(text), text);
                assertEquals(Numbers.text(new BigDecimal(Float.toString(f))), text);
            }
        });
    }

    @Test
    void aLongReadsBackAsItselfAndIntoEverySmallerTypeThatHoldsIt() {
        qt().forAll(wholeNumbers()).checkAssert(boxed -> {
            long l = boxed;
            String text = Numbers.text(l);
            assertEquals(Numbers.text(BigDecimal.valueOf(l)), text);
            assertEquals(l, Numbers.longValue(text));
            assertEquals(BigInteger.valueOf(l), Numbers.bigIntegerValue(text));
            assertEquals(BigDecimal.valueOf(l), Numbers.decimalValue(text));
            readsIntoIff(l == (int) l, () -> (long) Numbers.intValue(text), l);
            readsIntoIff(l == (short) l, () -> (long) Numbers.shortValue(text), l);
            readsIntoIff(l == (byte) l, () -> (long) Numbers.byteValue(text), l);
        });
    }

    private static void readsIntoIff(boolean fits, Supplier<Long> read, long expected) {
        if (fits) {
            assertEquals(expected, read.get());
        } else {
            String message = assertThrows(IllegalArgumentException.class, read::get).getMessage();
            assertTrue(message.startsWith("the number is out of range for "), message);
        }
    }

    @Test
    void aDecimalInRangeReadsBackAsTheSameNumber() {
        qt().forAll(decimals()).checkAssert(d -> {
            String text = Numbers.text(d);
            BigDecimal back = Numbers.decimalValue(text);
            assertEquals(0, back.compareTo(d), text);
            // the text is normal: writing what was read gives the same text, with no trailing fraction zeros
            assertEquals(text, Numbers.text(back));
            boolean plain = text.indexOf('E') < 0;
            assertFalse(plain && text.contains(".") && (text.endsWith("0") || text.endsWith(".")), text);
            assertEquals(d, Numbers.check(d));
        });
    }

    @Test
    void aWholeDecimalReadsBackAsABigInteger() {
        qt().forAll(decimals()).checkAssert(d -> {
            BigDecimal stripped = d.stripTrailingZeros();
            String text = Numbers.text(d);
            if (d.signum() == 0 || stripped.scale() <= 0) {
                assertEquals(stripped.toBigIntegerExact(), Numbers.bigIntegerValue(text));
                assertEquals(text, Numbers.text(stripped.toBigIntegerExact()));
            } else {
                String message = assertThrows(IllegalArgumentException.class, () -> Numbers.bigIntegerValue(text))
                        .getMessage();
                assertTrue(message.startsWith("the number has a fraction"), message);
            }
        });
    }

    // ---- equal numbers, equal text

    @Test
    void numericallyEqualNumbersHaveEqualText() {
        qt().forAll(withZeros(decimals()), withZeros(decimals()))
                .checkAssert((a, b) -> assertEquals(a.compareTo(b) == 0, Numbers.text(a).equals(Numbers.text(b))));
        qt().forAll(decimals(), integers().between(0, 5)).checkAssert((d, zeros) ->
                assertEquals(Numbers.text(d), Numbers.text(d.setScale(d.scale() + zeros))));
        // (not "assuming": most bit patterns are outside DynamoDB's range, and QuickTheories would give up)
        qt().forAll(doubles()).checkAssert(d -> {
            if (!Double.isNaN(d) && !Double.isInfinite(d) && inRange(BigDecimal.valueOf(d))) {
                assertEquals(Numbers.text(d), Numbers.text((Number) d));
            }
        });
    }

    // ---- reading any text: exactly what the type holds, or a refusal

    @Test
    void readingTextGivesTheExactNumberOrARefusal() {
        qt().forAll(numberTexts()).checkAssert(text -> {
            BigDecimal n = new BigDecimal(text);
            assertEquals(n, Numbers.decimalValue(text));
            double d = n.doubleValue();
            agrees(text, Numbers::doubleValue, !Double.isInfinite(d) && BigDecimal.valueOf(d).compareTo(n) == 0, d);
            float f = n.floatValue();
            agrees(text, Numbers::floatValue,
                    !Float.isInfinite(f) && new BigDecimal(Float.toString(f)).compareTo(n) == 0, f);
            boolean whole = n.signum() == 0 || n.stripTrailingZeros().scale() <= 0;
            boolean isLong = whole && n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    && n.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0;
            agrees(text, Numbers::longValue, isLong, isLong ? n.longValueExact() : 0L);
            boolean isInt = isLong && n.longValueExact() == (int) n.longValueExact();
            agrees(text, Numbers::intValue, isInt, isInt ? n.intValueExact() : 0);
        });
    }

    private static <T> void agrees(String text, Function<String, T> read, boolean holds, T expected) {
        if (holds) {
            assertEquals(expected, read.apply(text), text);
        } else {
            String message = assertThrows(IllegalArgumentException.class, () -> read.apply(text), text).getMessage();
            assertTrue(message.startsWith("the number "), message);
        }
    }
}
