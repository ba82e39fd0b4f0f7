package dev.dynamatic.ast.internal;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.Redaction;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * DynamoDB's number rules, once for every module: Java numbers to DynamoDB's number text, and that text back
 * to Java numbers, exactly or not at all.
 *
 * <p>Towards DynamoDB ({@code text(..)}), a number must be finite, have at most {@value Limits#MAX_NUMBER_DIGITS}
 * significant digits and a magnitude from {@code 1E-130} to below {@code 1E+126}; nothing is rounded. The text is
 * normalised as DynamoDB stores it, so numerically equal numbers give equal text: no trailing fraction zeros
 * ({@code 1.50} is {@code "1.5"}, {@code 1.0} is {@code "1"}, {@code -0.0} is {@code "0"}), plain digits while the
 * leading digit's exponent is from -39 to 39, scientific notation beyond ({@code "1E+40"}). A {@code double} or
 * {@code float} is the shortest decimal that reads back as it ({@code Double.toString}), never its binary
 * expansion.
 *
 * <p>From DynamoDB ({@code xValue(text)}), the number is read into the asked type only when that type holds it
 * exactly: no truncated fraction, no wrapped or clipped integer, no rounded {@code double} or {@code float} (for
 * those, exact means the text and the type's shortest decimal are the same number: {@code "0.1"} is the
 * {@code double} 0.1, {@code "0.30000000000000001"} is no {@code double}). The text is what the SDK holds, so it
 * is checked to be a decimal; DynamoDB's own range is not checked on the way back (use {@link #check}).
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message says what is wrong without repeating
 * the number (numbers are user data): the target type and the reason, such as
 * {@code "the number has a fraction, and int holds whole numbers only (it is not truncated)"}. Callers add
 * where the number was. The everyday cases (integers of up to 18 digits, decimals of up to 15) take paths that
 * allocate nothing beyond the result.
 *
 * <p>Not part of Dynamatic's API: exported only to Dynamatic's own modules.
 */
public final class Numbers {

    private static final String NOT_DECIMAL = "the N value is not a decimal number";
    /** The most digits a long holds whatever they are (10^18 - 1 &lt; 2^63). */
    private static final int LONG_DIGITS = 18;
    /** Below this magnitude an integer has at most 15 significant digits, which a double always holds exactly. */
    private static final long DOUBLE_EXACT = 1_000_000_000_000_000L;
    /** Below this magnitude an integer has at most 6 significant digits, which a float always holds exactly. */
    private static final long FLOAT_EXACT = 1_000_000L;
    /** The powers of ten a double holds exactly: 10^0 to 10^22. */
    private static final double[] DOUBLE_POWERS = new double[23];
    /** The powers of ten a float holds exactly: 10^0 to 10^10. */
    private static final float[] FLOAT_POWERS = new float[11];
    /** Integral doubles below this magnitude print as their digits alone (the spacing of doubles there is below 1). */
    private static final double PLAIN_WHOLE_DOUBLE = 1e15;
    /** Decimals of up to this many digits are stripped of trailing zeros directly; longer ones are checked first. */
    private static final int CHEAP_DIGITS = 256;

    static {
        double d = 1;
        for (int i = 0; i < DOUBLE_POWERS.length; i++, d *= 10) {
            DOUBLE_POWERS[i] = d;
        }
        float f = 1;
        for (int i = 0; i < FLOAT_POWERS.length; i++, f *= 10) {
            FLOAT_POWERS[i] = f;
        }
    }

    private Numbers() {
    }

    // ================================================================ Java -> DynamoDB text

    /**
     * {@return DynamoDB's text for the long}: its digits (at most 19, always a valid DynamoDB number)
     *
     * @param v the number
     */
    public static String text(long v) {
        return Long.toString(v);
    }

    /**
     * {@return DynamoDB's text for the double}: its shortest decimal, normalised
     *
     * @param v the number
     * @throws IllegalArgumentException if it is NaN, infinite, or out of DynamoDB's magnitude range
     */
    public static String text(double v) {
        checkFinite(v);
        if (v == 0) {
            return "0"; // -0.0 too: DynamoDB has no negative zero
        }
        if (v == Math.rint(v) && Math.abs(v) < PLAIN_WHOLE_DOUBLE) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        // Double.toString is plain from 1E-3 to below 1E+7, with at most 17 digits: always in DynamoDB's range
        return s.indexOf('E') < 0 ? plainText(s) : text(new BigDecimal(s));
    }

    /**
     * {@return DynamoDB's text for the float}: its shortest decimal, normalised (every finite float is in range)
     *
     * @param v the number
     * @throws IllegalArgumentException if it is NaN or infinite
     */
    public static String text(float v) {
        checkFinite(v);
        if (v == 0) {
            return "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < FLOAT_EXACT) {
            return Long.toString((long) v);
        }
        String s = Float.toString(v);
        return s.indexOf('E') < 0 ? plainText(s) : text(new BigDecimal(s));
    }

    /**
     * {@return DynamoDB's text for the integer}
     *
     * @param v the number
     * @throws IllegalArgumentException if it has more significant digits or a larger magnitude than DynamoDB keeps
     */
    public static String text(BigInteger v) {
        // below 2^126 (about 8.5E+37) a whole number has at most 38 digits; larger ones are checked as decimals
        return v.bitLength() <= 126 ? v.toString() : text(new BigDecimal(v));
    }

    /**
     * {@return DynamoDB's text for the decimal}, normalised, so that numerically equal decimals give equal text
     *
     * @param v the number
     * @throws IllegalArgumentException if it has more significant digits or a magnitude outside what DynamoDB keeps
     */
    public static String text(BigDecimal v) {
        int scale = v.scale();
        if (scale == 0 && v.precision() <= Limits.MAX_NUMBER_DIGITS) {
            // an integer of at most 38 digits is in range and already normal; BigDecimal caches this text
            return v.toString();
        }
        if (scale > 0 && scale <= LONG_DIGITS && v.precision() <= LONG_DIGITS && v.signum() != 0) {
            // an everyday decimal: at least 1E-18, below 1E+18, so plain and in range; only its zeros go
            return plainText(v.toPlainString());
        }
        if (v.signum() == 0) {
            return "0";
        }
        BigDecimal n = stripped(v);
        long exponent = exponent(n);
        return exponent > -40 && exponent < 40 ? n.toPlainString() : n.toString();
    }

    /**
     * {@return DynamoDB's text for the number}, by its type: {@code Integer}, {@code Long}, {@code Short},
     * {@code Byte}, {@code Double}, {@code Float}, {@code BigInteger}, {@code BigDecimal}, or any other
     * {@code Number} by its {@code toString()} read as a decimal
     *
     * @param n the number
     * @throws IllegalArgumentException as the {@code text} method for its type does, or if the text of another
     *         {@code Number} type is not a decimal
     */
    public static String text(Number n) {
        return switch (requireNonNull(n, "number is null")) {
            case Integer i -> text(i.longValue());
            case Long l -> text(l.longValue());
            case Short s -> text(s.longValue());
            case Byte b -> text(b.longValue());
            case Double d -> text(d.doubleValue());
            case Float f -> text(f.floatValue());
            case BigInteger i -> text(i);
            case BigDecimal d -> text(d);
            default -> text(decimal(n));
        };
    }

    /**
     * {@return the number as an exact decimal}: a {@code double} or {@code float} as its shortest decimal, any
     * other {@code Number} type by its {@code toString()}; DynamoDB's range is not checked here (see
     * {@link #check})
     *
     * @param n the number
     * @throws IllegalArgumentException if it is NaN or infinite, or the text of another type is not a decimal
     */
    public static BigDecimal decimal(Number n) {
        return switch (requireNonNull(n, "number is null")) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Integer i -> BigDecimal.valueOf(i.longValue());
            case Long l -> BigDecimal.valueOf(l.longValue());
            case Short s -> BigDecimal.valueOf(s.longValue());
            case Byte b -> BigDecimal.valueOf(b.longValue());
            case Double d -> decimal(d.doubleValue());
            case Float f -> decimal(f.floatValue());
            default -> {
                try {
                    yield new BigDecimal(n.toString());
                } catch (NumberFormatException e) {
                    // the parser's message quotes a character of the text: user data
                    throw new IllegalArgumentException(
                            "the number (a " + n.getClass().getName() + ") is not a decimal number", cause(e));
                }
            }
        };
    }

    /**
     * {@return the double as an exact decimal: its shortest decimal} ({@code Double.toString}, never the binary
     * expansion); DynamoDB's range is not checked here (see {@link #check})
     *
     * @param v the number
     * @throws IllegalArgumentException if it is NaN or infinite
     */
    public static BigDecimal decimal(double v) {
        return BigDecimal.valueOf(checkFinite(v));
    }

    /**
     * {@return the float as an exact decimal: its shortest decimal} ({@code Float.toString}); every finite float
     * is in DynamoDB's range
     *
     * @param v the number
     * @throws IllegalArgumentException if it is NaN or infinite
     */
    public static BigDecimal decimal(float v) {
        checkFinite(v);
        return new BigDecimal(Float.toString(v));
    }

    /**
     * {@return the decimal, checked against DynamoDB's number rules}
     *
     * @param v the number
     * @throws IllegalArgumentException if it has more than {@value Limits#MAX_NUMBER_DIGITS} significant digits,
     *         or a magnitude other than zero below {@code 1E-130} or from {@code 1E+126} on
     */
    public static BigDecimal check(BigDecimal v) {
        // An integer of at most 38 digits is 0 or from 1 to below 1E+38: skip the stripped copy
        if (v.signum() != 0 && (v.scale() != 0 || v.precision() > Limits.MAX_NUMBER_DIGITS)) {
            stripped(v);
        }
        return v;
    }

    // ================================================================ DynamoDB text -> Java

    /**
     * {@return the number the text holds, exactly as written} ({@code "1.50"} has scale 2)
     *
     * @param text DynamoDB number text
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public static BigDecimal decimalValue(String text) {
        requireNonNull(text, "number text is null");
        int scale = plainScale(text);
        if (scale >= 0) {
            return BigDecimal.valueOf(plainUnscaled(text), scale);
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(NOT_DECIMAL, cause(e));
        }
    }

    /**
     * {@return the whole number the text holds}
     *
     * @param text DynamoDB number text
     * @throws IllegalArgumentException if the text is not a decimal number, has a fraction, or is beyond
     *         DynamoDB's magnitude range (so hostile text such as {@code "1E+999999999"} is never expanded)
     */
    public static BigInteger bigIntegerValue(String text) {
        if (plainScale(text) == 0) {
            return BigInteger.valueOf(plainUnscaled(text));
        }
        BigDecimal n = decimalValue(text);
        if (n.signum() == 0) {
            return BigInteger.ZERO;
        }
        // decided before anything is expanded: neither a tiny fraction nor a huge exponent ever is
        if (hasFraction(n)) {
            throw fraction("BigInteger");
        }
        if (exponent(n) > Limits.MAX_NUMBER_EXPONENT) {
            throw new IllegalArgumentException("the number is out of range for BigInteger: DynamoDB's numbers are"
                    + " below 1E+" + (Limits.MAX_NUMBER_EXPONENT + 1) + " (it is not truncated)");
        }
        return n.toBigInteger();
    }

    /**
     * {@return the long the text holds}
     *
     * @param text DynamoDB number text
     * @throws IllegalArgumentException if the text is not a decimal number, has a fraction or is out of range
     */
    public static long longValue(String text) {
        if (plainScale(text) == 0) {
            return plainUnscaled(text);
        }
        BigDecimal n = decimalValue(text);
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            throw doesNotFit(n, "long", e);
        }
    }

    /**
     * {@return the int the text holds}
     *
     * @param text DynamoDB number text
     * @throws IllegalArgumentException if the text is not a decimal number, has a fraction or is out of range
     */
    public static int intValue(String text) {
        return (int) whole(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    /**
     * {@return the short the text holds}
     *
     * @param text DynamoDB number text
     * @throws IllegalArgumentException if the text is not a decimal number, has a fraction or is out of range
     */
    public static short shortValue(String text) {
        return (short) whole(text, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    /**
     * {@return the byte the text holds}
     *
     * @param text DynamoDB number text
     * @throws IllegalArgumentException if the text is not a decimal number, has a fraction or is out of range
     */
    public static byte byteValue(String text) {
        return (byte) whole(text, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    /**
     * {@return the double the text holds}: the double whose shortest decimal is the text's number
     *
     * @param text DynamoDB number text
     * @throws IllegalArgumentException if the text is not a decimal number, or no double is that number
     */
    public static double doubleValue(String text) {
        int scale = plainScale(text);
        if (scale >= 0 && scale < DOUBLE_POWERS.length) {
            long unscaled = plainUnscaled(text);
            if (Math.abs(unscaled) < DOUBLE_EXACT) {
                // Both operands are exact doubles, so the quotient is the double nearest the decimal; at most 15
                // significant digits, at least 1E-22: that double's shortest decimal is the decimal itself.
                return unscaled / DOUBLE_POWERS[scale];
            }
        }
        BigDecimal n = decimalValue(text);
        double d = n.doubleValue();
        if (Double.isInfinite(d)) {
            throw new IllegalArgumentException("the number is out of range for double (it is not rounded)");
        }
        if (BigDecimal.valueOf(d).compareTo(n) != 0) {
            throw inexact(n, Math.abs(d) < Double.MIN_NORMAL, "double");
        }
        return d;
    }

    /**
     * {@return the float the text holds}: the float whose shortest decimal is the text's number
     *
     * @param text DynamoDB number text
     * @throws IllegalArgumentException if the text is not a decimal number, or no float is that number
     */
    public static float floatValue(String text) {
        int scale = plainScale(text);
        if (scale >= 0 && scale < FLOAT_POWERS.length) {
            long unscaled = plainUnscaled(text);
            if (Math.abs(unscaled) < FLOAT_EXACT) {
                // as for doubles: exact operands, at most 6 significant digits, at least 1E-10
                return unscaled / FLOAT_POWERS[scale];
            }
        }
        BigDecimal n = decimalValue(text);
        float f = n.floatValue();
        if (Float.isInfinite(f)) {
            throw new IllegalArgumentException("the number is out of range for float (it is not rounded)");
        }
        if (new BigDecimal(Float.toString(f)).compareTo(n) != 0) {
            throw inexact(n, Math.abs(f) < Float.MIN_NORMAL, "float");
        }
        return f;
    }

    // ================================================================ internals

    private static double checkFinite(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("the number is NaN; DynamoDB numbers are finite");
        }
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException(
                    "the number is " + (v > 0 ? "Infinity" : "-Infinity") + "; DynamoDB numbers are finite");
        }
        return v;
    }

    /**
     * {@return the decimal (not zero) without trailing zeros}, checked for its significant digits and magnitude.
     *
     * <p>{@code stripTrailingZeros()} takes time quadratic in the length of the unscaled value (it divides by ten
     * once per zero), and a hostile {@code 10^99999} would take most of a second. So a decimal of more than
     * {@value #CHEAP_DIGITS} digits is judged first by what costs nothing: its leading digit's exponent (which
     * stripping does not change) and the trailing zero bits of its unscaled value (a number with at most 38
     * significant digits is {@code m·10^k}, so divisible by {@code 2^k} with {@code k >= precision - 38}); only one
     * that passes both is stripped, by one division.
     */
    private static BigDecimal stripped(BigDecimal v) {
        // the leading digit's exponent, which stripping does not change, first: a number far out of range is
        // rejected before its scale could overflow while it is stripped (1E+2147483648 is unscaled 1, scale -2^31)
        checkExponent(exponent(v));
        int precision = v.precision();
        if (precision > CHEAP_DIGITS) {
            BigInteger unscaled = v.unscaledValue();
            int zeros = precision - Limits.MAX_NUMBER_DIGITS;
            if (unscaled.getLowestSetBit() < zeros) {
                throw tooManyDigits();
            }
            BigInteger[] quotientAndRemainder = unscaled.divideAndRemainder(BigInteger.TEN.pow(zeros));
            if (quotientAndRemainder[1].signum() != 0) {
                throw tooManyDigits();
            }
            // the exponent is in range, so the new scale (37 - exponent) is small
            v = new BigDecimal(quotientAndRemainder[0], v.scale() - zeros);
        }
        return checkStripped(v.stripTrailingZeros());
    }

    private static IllegalArgumentException tooManyDigits() {
        return new IllegalArgumentException("the number has more than " + Limits.MAX_NUMBER_DIGITS
                + " significant digits; DynamoDB keeps at most " + Limits.MAX_NUMBER_DIGITS + " (it is not rounded)");
    }

    /** A parser's exception as a cause: only when values are shown, as its message quotes the text. */
    private static @Nullable Throwable cause(NumberFormatException e) {
        return Redaction.showsValues() ? e : null;
    }

    /** {@return the stripped decimal}, checked for its significant digits (its magnitude was checked before) */
    private static BigDecimal checkStripped(BigDecimal stripped) {
        // a stripped decimal's precision counts its significant digits only
        int digits = stripped.precision();
        if (digits > Limits.MAX_NUMBER_DIGITS) {
            throw new IllegalArgumentException("the number has " + digits + " significant digits; DynamoDB keeps"
                    + " at most " + Limits.MAX_NUMBER_DIGITS + " (it is not rounded)");
        }
        return stripped;
    }

    /** Checks the decimal exponent of a number's leading digit against DynamoDB's range. */
    private static void checkExponent(long exponent) {
        if (exponent < Limits.MIN_NUMBER_EXPONENT) {
            throw new IllegalArgumentException(
                    "the number is too small in magnitude; DynamoDB's smallest is 1E" + Limits.MIN_NUMBER_EXPONENT);
        }
        if (exponent > Limits.MAX_NUMBER_EXPONENT) {
            throw new IllegalArgumentException("the number is too large in magnitude; DynamoDB's numbers are below 1E+"
                    + (Limits.MAX_NUMBER_EXPONENT + 1));
        }
    }

    /**
     * {@return the decimal exponent of the leading digit of a number other than zero}, as a long: a scale near
     * {@code Integer.MIN_VALUE} puts it beyond an int
     */
    private static long exponent(BigDecimal n) {
        return (long) n.precision() - n.scale() - 1;
    }

    /**
     * {@return plain decimal text without trailing fraction zeros}: {@code "1.50"} is {@code "1.5"}, {@code "2.0"}
     * is {@code "2"}
     */
    private static String plainText(String plain) {
        if (plain.indexOf('.') < 0) {
            return plain;
        }
        int end = plain.length();
        while (plain.charAt(end - 1) == '0') {
            end--;
        }
        if (plain.charAt(end - 1) == '.') {
            end--;
        }
        return end == plain.length() ? plain : plain.substring(0, end);
    }

    /**
     * {@return the scale of plain decimal text of at most 18 digits} ({@code [+-]digits[.digits]}, the digits
     * read as a long), or -1 for any other text, which the general path reads
     */
    private static int plainScale(String text) {
        int len = requireNonNull(text, "number text is null").length();
        int i = len > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        int digits = 0;
        int point = -1;
        for (; i < len; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > LONG_DIGITS) {
                    return -1;
                }
            } else if (c == '.' && point < 0) {
                point = digits;
            } else {
                return -1;
            }
        }
        if (digits == 0) {
            return -1;
        }
        return point < 0 ? 0 : digits - point;
    }

    /** {@return the digits of text {@link #plainScale} accepted, as a signed long, the point ignored} */
    private static long plainUnscaled(String text) {
        long v = 0;
        for (int i = 0, len = text.length(); i < len; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
            }
        }
        return text.charAt(0) == '-' ? -v : v;
    }

    /** Reads a whole number that must lie in {@code [min, max]}. */
    private static long whole(String text, long min, long max, String type) {
        long v;
        if (plainScale(text) == 0) {
            v = plainUnscaled(text);
        } else {
            BigDecimal n = decimalValue(text);
            try {
                v = n.longValueExact();
            } catch (ArithmeticException e) {
                throw doesNotFit(n, type, e);
            }
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("the number is out of range for " + type + " (it is not truncated)");
        }
        return v;
    }

    private static IllegalArgumentException doesNotFit(BigDecimal n, String type, ArithmeticException cause) {
        IllegalArgumentException e = hasFraction(n)
                ? fraction(type)
                : new IllegalArgumentException("the number is out of range for " + type + " (it is not truncated)");
        e.initCause(cause);
        return e;
    }

    /**
     * {@return whether the number is not a whole number}, decided without stripping a long unscaled value: it is
     * whole when that value is divisible by {@code 10^scale}, so by {@code 2^scale} first of all
     */
    private static boolean hasFraction(BigDecimal n) {
        if (n.scale() <= 0 || n.signum() == 0) {
            return false;
        }
        if (n.precision() <= CHEAP_DIGITS) {
            return n.stripTrailingZeros().scale() > 0;
        }
        BigInteger unscaled = n.unscaledValue();
        return unscaled.getLowestSetBit() < n.scale() || unscaled.mod(BigInteger.TEN.pow(n.scale())).signum() != 0;
    }

    private static IllegalArgumentException fraction(String type) {
        return new IllegalArgumentException(
                "the number has a fraction, and " + type + " holds whole numbers only (it is not truncated)");
    }

    private static IllegalArgumentException inexact(BigDecimal n, boolean belowNormal, String type) {
        return new IllegalArgumentException(belowNormal && n.signum() != 0
                ? "the number is too close to zero for a " + type + " to hold exactly (it is not rounded)"
                : "the number has more significant digits than a " + type + " holds exactly (it is not rounded)");
    }
}
