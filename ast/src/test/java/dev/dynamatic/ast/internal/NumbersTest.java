package dev.dynamatic.ast.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {

    // ---- Java -> DynamoDB text

    @ParameterizedTest
    @CsvSource({
        "1.50, 1.5", "1.0, 1", "-0.0, 0", "0E+5, 0", "0.000, 0", "1E+3, 1000", "-7, -7", "0.0010, 0.001",
        "1E+39, 1000000000000000000000000000000000000000", "1E+40, 1E+40", "1.5E+45, 1.5E+45",
        "1E-39, 0.000000000000000000000000000000000000001", "1E-40, 1E-40", "-2.5E-100, -2.5E-100",
        "1E-130, 1E-130", "9.9999999999999999999999999999999999999E+125, 9.9999999999999999999999999999999999999E+125",
        "12345678901234567890123456789012345678, 12345678901234567890123456789012345678",
        "123456789012345678.90, 123456789012345678.9", "100, 100", "100.00, 100"})
    void normalisesDecimalsAsDynamoDbStoresThem(String decimal, String text) {
        assertEquals(text, Numbers.text(new BigDecimal(decimal)));
    }

    @Test
    void writesDoublesAndFloatsAsTheirShortestDecimal() {
        assertEquals("0.1", Numbers.text(0.1));
        assertEquals("0.30000000000000004", Numbers.text(0.1 + 0.2));
        assertEquals("3", Numbers.text(3.0));
        assertEquals("0", Numbers.text(-0.0));
        assertEquals("-12345678.9", Numbers.text(-12345678.9));
        assertEquals("1000000000000000", Numbers.text(1e15));
        assertEquals("0.00001", Numbers.text(1e-5));
        assertEquals("1E+100", Numbers.text(1e100));
        assertEquals("1.7976931348623157E+100", Numbers.text(1.7976931348623157e100));
        assertEquals("0.1", Numbers.text(0.1f));
        assertEquals("16777216", Numbers.text(16777216f));
        assertEquals("340282350000000000000000000000000000000", Numbers.text(Float.MAX_VALUE));
        assertEquals("1.4E-45", Numbers.text(Float.MIN_VALUE));
        assertEquals("-9223372036854775808", Numbers.text(Long.MIN_VALUE));
    }

    @Test
    void writesEveryNumberTypeByItsOwnRule() {
        assertEquals("7", Numbers.text((Number) 7));
        assertEquals("7", Numbers.text((Number) 7L));
        assertEquals("7", Numbers.text((Number) (short) 7));
        assertEquals("7", Numbers.text((Number) (byte) 7));
        assertEquals("0.1", Numbers.text((Number) 0.1));
        assertEquals("0.1", Numbers.text((Number) 0.1f));
        assertEquals("1.5", Numbers.text((Number) new BigDecimal("1.50")));
        assertEquals("1E+40", Numbers.text((Number) BigInteger.TEN.pow(40)));
        assertEquals("12", Numbers.text(new AtomicLong(12)));
        assertEquals(new BigDecimal("0.1"), Numbers.decimal(0.1));
        assertEquals(new BigDecimal("0.1"), Numbers.decimal(0.1f));
        assertEquals(new BigDecimal("12"), Numbers.decimal(new AtomicLong(12)));
    }

    static Stream<Arguments> notFinite() {
        return Stream.of(
                Arguments.of((Runnable) () -> Numbers.text(Double.NaN), "NaN"),
                Arguments.of((Runnable) () -> Numbers.text(Double.POSITIVE_INFINITY), "Infinity"),
                Arguments.of((Runnable) () -> Numbers.text(Double.NEGATIVE_INFINITY), "-Infinity"),
                Arguments.of((Runnable) () -> Numbers.text(Float.NaN), "NaN"),
                Arguments.of((Runnable) () -> Numbers.text(Float.NEGATIVE_INFINITY), "-Infinity"),
                Arguments.of((Runnable) () -> Numbers.text((Number) Double.NaN), "NaN"),
                Arguments.of((Runnable) () -> Numbers.decimal(Float.POSITIVE_INFINITY), "Infinity"),
                Arguments.of((Runnable) () -> Numbers.decimal((Number) Double.NEGATIVE_INFINITY), "-Infinity"));
    }

    @ParameterizedTest
    @MethodSource("notFinite")
    void rejectsNaNAndInfinity(Runnable write, String kind) {
        assertEquals("the number is " + kind + "; DynamoDB numbers are finite",
                assertThrows(IllegalArgumentException.class, write::run).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            123456789012345678901234567890123456789       | has 39 significant digits; DynamoDB keeps at most 38 (it is not rounded)
            -1.23456789012345678901234567890123456789     | has 39 significant digits; DynamoDB keeps at most 38 (it is not rounded)
            1E-131                                        | is too small in magnitude; DynamoDB's smallest is 1E-130
            -9.9E-131                                     | is too small in magnitude; DynamoDB's smallest is 1E-130
            1E+126                                        | is too large in magnitude; DynamoDB's numbers are below 1E+126
            -1.0E+200                                     | is too large in magnitude; DynamoDB's numbers are below 1E+126
            """)
    void rejectsDecimalsDynamoDbCannotStoreWithoutShowingThem(String decimal, String problem) {
        BigDecimal v = new BigDecimal(decimal);
        for (Runnable write : new Runnable[] {() -> Numbers.text(v), () -> Numbers.check(v)}) {
            String message = assertThrows(IllegalArgumentException.class, write::run).getMessage();
            assertEquals("the number " + problem, message);
        }
    }

    @Test
    void rejectsDoublesAndIntegersOutOfRange() {
        assertEquals("the number is too large in magnitude; DynamoDB's numbers are below 1E+126",
                assertThrows(IllegalArgumentException.class, () -> Numbers.text(1e300)).getMessage());
        assertEquals("the number is too small in magnitude; DynamoDB's smallest is 1E-130",
                assertThrows(IllegalArgumentException.class, () -> Numbers.text(-Double.MIN_VALUE)).getMessage());
        assertEquals("the number has 39 significant digits; DynamoDB keeps at most 38 (it is not rounded)",
                assertThrows(IllegalArgumentException.class,
                        () -> Numbers.text(BigInteger.TEN.pow(38).add(BigInteger.ONE))).getMessage());
        // below 2^126 an integer is written as it is, with no check needed: 38 digits at most
        assertEquals(BigInteger.TWO.pow(126).subtract(BigInteger.ONE).toString(),
                Numbers.text(BigInteger.TWO.pow(126).subtract(BigInteger.ONE)));
    }

    @Test
    void judgesAScaleNearTheIntLimitByItsExponent() {
        // 1E+2147483648 was called too small (the exponent overflowed an int), and 10 at that scale threw
        // ArithmeticException: Overflow while its zeros were stripped
        String tooLarge = "the number is too large in magnitude; DynamoDB's numbers are below 1E+126";
        String tooSmall = "the number is too small in magnitude; DynamoDB's smallest is 1E-130";
        BigDecimal[] huge = {new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE),
            new BigDecimal(BigInteger.TEN, Integer.MIN_VALUE), new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE + 1)};
        for (BigDecimal n : huge) {
            assertEquals(tooLarge, assertThrows(IllegalArgumentException.class, () -> Numbers.check(n)).getMessage());
            assertEquals(tooLarge, assertThrows(IllegalArgumentException.class, () -> Numbers.text(n)).getMessage());
        }
        BigDecimal tiny = new BigDecimal(BigInteger.TEN, Integer.MAX_VALUE);
        assertEquals(tooSmall, assertThrows(IllegalArgumentException.class, () -> Numbers.check(tiny)).getMessage());
        assertEquals(tooSmall, assertThrows(IllegalArgumentException.class, () -> Numbers.text(tiny)).getMessage());
    }

    @Test
    void namesAnotherNumberTypeWhoseTextIsNoDecimal() {
        Number odd = new Odd();
        String message = assertThrows(IllegalArgumentException.class, () -> Numbers.text(odd)).getMessage();
        assertEquals("the number (a " + odd.getClass().getName() + ") is not a decimal number", message);
    }

    /** A number type whose text is no decimal. */
    private static final class Odd extends Number {
        private static final long serialVersionUID = 1L;

        @Override
        public int intValue() {
            return 0;
        }

        @Override
        public long longValue() {
            return 0;
        }

        @Override
        public float floatValue() {
            return 0;
        }

        @Override
        public double doubleValue() {
            return 0;
        }

        @Override
        public String toString() {
            return "secret";
        }
    }

    /**
     * A decimal that fails the test if it is stripped of its trailing zeros or printed: what once took most of a
     * second for {@code 10^99999} (stripping divides by ten once per zero) and built a message as long as the number.
     */
    private static final class Tripwire extends BigDecimal {
        private static final long serialVersionUID = 1L;

        Tripwire(BigInteger unscaled, int scale) {
            super(unscaled, scale);
        }

        @Override
        public BigDecimal stripTrailingZeros() {
            throw new AssertionError("stripped a number of " + precision() + " digits one zero at a time");
        }

        @Override
        public String toString() {
            throw new AssertionError("printed a number of " + precision() + " digits");
        }

        @Override
        public String toPlainString() {
            throw new AssertionError("printed a number of " + precision() + " digits");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0      | is too large in magnitude; DynamoDB's numbers are below 1E+126
            -99999 | is too large in magnitude; DynamoDB's numbers are below 1E+126
            99874  | is too large in magnitude; DynamoDB's numbers are below 1E+126
            200200 | is too small in magnitude; DynamoDB's smallest is 1E-130
            """)
    void judgesAHugeDecimalByItsExponentBeforeAnyWork(int scale, String problem) {
        // 10^99999 with the scale given: 1E+99999, 1E+199998, 1E+125 (the largest magnitude but with a 100,000-digit
        // unscaled value: in range, so stripped by one division), 1E-100201
        BigDecimal huge = new Tripwire(BigInteger.TEN.pow(99_999), scale);
        for (Runnable write : new Runnable[] {() -> Numbers.text(huge), () -> Numbers.check(huge)}) {
            if (scale == 99874) {
                assertEquals("1E+125", Numbers.text(huge));
                assertEquals(huge, Numbers.check(huge));
                continue;
            }
            assertEquals("the number " + problem, assertThrows(IllegalArgumentException.class, write::run).getMessage());
        }
    }

    @Test
    void judgesAHugeDecimalByItsSignificantDigitsBeforeAnyWork() {
        String tooMany = "the number has more than 38 significant digits; DynamoDB keeps at most 38 (it is not rounded)";
        // 10^99999 + 1 over 10^99999: about 1, with 100,000 significant digits (odd: found by its lowest bit)
        BigInteger odd = BigInteger.TEN.pow(99_999).add(BigInteger.ONE);
        assertEquals(tooMany, assertThrows(IllegalArgumentException.class,
                () -> Numbers.check(new Tripwire(odd, 99_999))).getMessage());
        // 2^332000 over 10^99940: even to the last bit asked for, found by the one division
        BigInteger even = BigInteger.TWO.pow(332_000);
        assertEquals(tooMany, assertThrows(IllegalArgumentException.class,
                () -> Numbers.check(new Tripwire(even, 99_940))).getMessage());
        // 1.000…0 with 99,999 zeros is 1, a valid number however it is written
        BigDecimal one = new Tripwire(BigInteger.TEN.pow(99_999), 99_999);
        assertEquals("1", Numbers.text(one));
        // and short numbers still name their digits exactly
        assertEquals("the number has 39 significant digits; DynamoDB keeps at most 38 (it is not rounded)",
                assertThrows(IllegalArgumentException.class,
                        () -> Numbers.check(new BigDecimal(BigInteger.TEN.pow(38).add(BigInteger.ONE), 5))).getMessage());
    }

    @Test
    void readsLongTextWholeOrNotWithoutStrippingIt() {
        // past 256 digits whether a number is whole is decided by its lowest bits and one division
        String oneWithZeros = "1." + "0".repeat(300);
        assertEquals(BigInteger.ONE, Numbers.bigIntegerValue(oneWithZeros));
        assertEquals(1L, Numbers.longValue(oneWithZeros));
        assertEquals(BigInteger.TEN.pow(120), Numbers.bigIntegerValue("1" + "0".repeat(120) + "." + "0".repeat(300)));
        String fraction = "the number has a fraction, and BigInteger holds whole numbers only (it is not truncated)";
        assertEquals(fraction, assertThrows(IllegalArgumentException.class,
                () -> Numbers.bigIntegerValue("1." + "0".repeat(299) + "1")).getMessage());
        assertEquals(fraction, assertThrows(IllegalArgumentException.class,
                () -> Numbers.bigIntegerValue("1." + "0".repeat(299) + "5")).getMessage());
        assertEquals(fraction, assertThrows(IllegalArgumentException.class,
                () -> Numbers.bigIntegerValue("0." + "0".repeat(299) + "2")).getMessage());
        assertEquals("the number has a fraction, and int holds whole numbers only (it is not truncated)",
                assertThrows(IllegalArgumentException.class,
                        () -> Numbers.intValue("1." + "0".repeat(299) + "1")).getMessage());
        assertEquals("the number is out of range for BigInteger: DynamoDB's numbers are below 1E+126 (it is not"
                + " truncated)", assertThrows(IllegalArgumentException.class,
                () -> Numbers.bigIntegerValue("1" + "0".repeat(300) + ".0")).getMessage());
    }

    @Test
    void checkKeepsTheDecimalAsItIs() {
        BigDecimal v = new BigDecimal("1.500");
        assertEquals(v, Numbers.check(v));
        assertEquals(3, Numbers.check(v).scale());
    }

    // ---- DynamoDB text -> Java

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "+5", "007", "1.50", "-0.0", ".5", "5.", "123456789012345678", "1234567890123456789",
        "1E+3", "1e-3", "-1.5E+100", "0.000000000000000001", "12345678901234567890123456789012345678"})
    void readsDecimalsExactlyAsWritten(String text) {
        BigDecimal read = Numbers.decimalValue(text);
        assertEquals(new BigDecimal(text), read);
        assertEquals(new BigDecimal(text).scale(), read.scale());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", ".", "1.2.3", "1e", "abc", "NaN", "Infinity", " 1", "1 ", "0x10", "1_000"})
    void rejectsTextThatIsNoDecimal(String text) {
        for (Function<String, ?> read : readers()) {
            String message = assertThrows(IllegalArgumentException.class, () -> read.apply(text)).getMessage();
            assertEquals("the N value is not a decimal number", message);
        }
    }

    @Test
    void rejectsNullText() {
        for (Function<String, ?> read : readers()) {
            assertEquals("number text is null",
                    assertThrows(NullPointerException.class, () -> read.apply(null)).getMessage());
        }
    }

    private static Stream<Function<String, ?>> readersStream() {
        return Stream.of(Numbers::decimalValue, Numbers::bigIntegerValue, Numbers::longValue, Numbers::intValue,
                Numbers::shortValue, Numbers::byteValue, Numbers::doubleValue, Numbers::floatValue);
    }

    private static Iterable<Function<String, ?>> readers() {
        return readersStream().toList();
    }

    @Test
    void readsWholeNumbersIntoEveryIntegerType() {
        assertEquals(2147483647, Numbers.intValue("2147483647"));
        assertEquals(-2147483648, Numbers.intValue("-2147483648"));
        assertEquals(1000, Numbers.intValue("1E+3"));
        assertEquals(1, Numbers.intValue("1.000"));
        assertEquals(Long.MAX_VALUE, Numbers.longValue("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Numbers.longValue("-9223372036854775808"));
        assertEquals((short) -32768, Numbers.shortValue("-32768"));
        assertEquals((byte) 127, Numbers.byteValue("127"));
        assertEquals(new BigInteger("123456789012345678901234567890"), Numbers.bigIntegerValue("123456789012345678901234567890"));
        assertEquals(new BigInteger("1500"), Numbers.bigIntegerValue("1.5E+3"));
        assertEquals(BigInteger.ZERO, Numbers.bigIntegerValue("0E-5"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            int        | 1.5                  | the number has a fraction, and int holds whole numbers only (it is not truncated)
            int        | 2147483648           | the number is out of range for int (it is not truncated)
            int        | -2147483649          | the number is out of range for int (it is not truncated)
            int        | 1E+10                | the number is out of range for int (it is not truncated)
            long       | 9223372036854775808  | the number is out of range for long (it is not truncated)
            long       | 2.000001             | the number has a fraction, and long holds whole numbers only (it is not truncated)
            long       | 1E-999999999         | the number has a fraction, and long holds whole numbers only (it is not truncated)
            short      | 40000                | the number is out of range for short (it is not truncated)
            byte       | 128                  | the number is out of range for byte (it is not truncated)
            byte       | 0.5                  | the number has a fraction, and byte holds whole numbers only (it is not truncated)
            BigInteger | 0.5                  | the number has a fraction, and BigInteger holds whole numbers only (it is not truncated)
            BigInteger | 1E-999999999         | the number has a fraction, and BigInteger holds whole numbers only (it is not truncated)
            BigInteger | 1E+999999999         | the number is out of range for BigInteger: DynamoDB's numbers are below 1E+126 (it is not truncated)
            double     | 0.30000000000000001  | the number has more significant digits than a double holds exactly (it is not rounded)
            double     | 9007199254740993     | the number has more significant digits than a double holds exactly (it is not rounded)
            double     | 1E-400               | the number is too close to zero for a double to hold exactly (it is not rounded)
            double     | 1E+400               | the number is out of range for double (it is not rounded)
            float      | 0.123456789          | the number has more significant digits than a float holds exactly (it is not rounded)
            float      | 16777217             | the number has more significant digits than a float holds exactly (it is not rounded)
            float      | 1E-50                | the number is too close to zero for a float to hold exactly (it is not rounded)
            float      | 1E+39                | the number is out of range for float (it is not rounded)
            """)
    void refusesWhatTheTypeCannotHoldExactlyWithoutShowingTheNumber(String type, String text, String message) {
        Function<String, ?> read = switch (type) {
            case "int" -> Numbers::intValue;
            case "long" -> Numbers::longValue;
            case "short" -> Numbers::shortValue;
            case "byte" -> Numbers::byteValue;
            case "BigInteger" -> Numbers::bigIntegerValue;
            case "double" -> Numbers::doubleValue;
            case "float" -> Numbers::floatValue;
            default -> throw new IllegalArgumentException(type);
        };
        // hostile exponents (1E-999999999, 1E+999999999) fail on their exponent, without expanding the number
        String actual = assertThrows(IllegalArgumentException.class, () -> read.apply(text)).getMessage();
        assertEquals(message, actual);
        assertFalse(actual.contains(text), actual);
    }

    @Test
    void readsDoublesAndFloatsThatHoldTheNumberExactly() {
        assertEquals(0.1, Numbers.doubleValue("0.1"));
        assertEquals(0.30000000000000004, Numbers.doubleValue("0.30000000000000004"));
        assertEquals(1.7976931348623157e100, Numbers.doubleValue("1.7976931348623157E+100"));
        assertEquals(9007199254740992.0, Numbers.doubleValue("9007199254740992"));
        assertEquals(Double.MIN_VALUE, Numbers.doubleValue("4.9E-324"));
        assertEquals(-1.5, Numbers.doubleValue("-1.500"));
        assertEquals(0.0, Numbers.doubleValue("-0"));
        assertEquals(0.1f, Numbers.floatValue("0.1"));
        assertEquals(16777216f, Numbers.floatValue("16777216"));
        assertEquals(Float.MAX_VALUE, Numbers.floatValue("3.4028235E+38"));
        assertEquals(123456.7f, Numbers.floatValue("123456.7"));
    }
}
