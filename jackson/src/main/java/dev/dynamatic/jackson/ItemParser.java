package dev.dynamatic.jackson;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Limits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.Version;
import tools.jackson.core.base.ParserMinimalBase;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.io.NumberInput;
import tools.jackson.core.sym.PropertyNameMatcher;

/**
 * A Jackson parser that reads a DynamoDB item: it walks the {@link AttributeValue}s and reports them as Jackson's
 * tokens, with no JSON text in between.
 *
 * <p>The item and every M are objects, L, SS, NS and BS arrays, S strings, BOOL booleans, NULL null, B an embedded
 * {@code byte[]} (which Jackson's {@code byte[]} and {@code ByteBuffer} deserializers take as is, and its
 * {@code String} deserializer as Base64). An N is a whole-number token when its text is plain digits and a
 * floating-point one otherwise, exactly as its text in JSON would be; its value is parsed from the text only by the
 * getter Jackson asks for, so a {@code BigDecimal}, {@code BigInteger} or {@code long} never passes through
 * {@code double}. A string read as binary is decoded as Base64, as from JSON.
 *
 * <p>Anything DynamoDB could not have stored (an {@code AttributeValue} with no type or several, {@code NUL(false)},
 * number text that is not a decimal, a null element, a map or list nested deeper than {@value Limits#MAX_NESTING}
 * levels) fails with the attribute's path, before Jackson goes deeper. A strict parser (the codec's default) also
 * refuses a number with a fraction to an integral getter and a string to a binary one, and its
 * {@link #getNumberTypeFP()} says {@code BIG_DECIMAL} for a number a {@code double} cannot hold exactly, so untyped
 * reads ({@code Object}, {@code JsonNode}) keep every digit. No message shows a value (see {@link Redaction}).
 */
final class ItemParser extends ParserMinimalBase {

    /** The powers of ten that are exact doubles. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22};

    /** Below 10^15 a decimal has at most 15 significant digits, and a double holds every such decimal exactly. */
    private static final long EXACT_IN_DOUBLE = 1_000_000_000_000_000L;
    private static final SdkBytes NO_BYTES = SdkBytes.fromByteArrayUnsafe(new byte[0]);

    private final Map<String, AttributeValue> item;
    private final String typeName;
    private final boolean strict;
    private Frame frame = new Root(this);
    private boolean started;

    /**
     * The primitive properties set so far in the object being read, a bit each: the strict reader's bean wrappers
     * clear it before their object and check it after, saving and restoring the enclosing object's bits around it.
     */
    long marks;
    /** How many objects unwrapped into their parent ({@code @JsonUnwrapped}) are being read: they may lack primitives. */
    int unwrapped;

    // the current scalar: text of an S or N, bytes of a B (read only while the token is one); numbers parsed on demand
    private String text = "";
    private SdkBytes binary = NO_BYTES;
    private @Nullable BigDecimal decimal;
    /**
     * A number whose text is plain digits, with at most one point and 18 digits (so they fit a long), is read while
     * it is checked: its value is exactly {@code unscaled × 10^-scale} (scale 0 for a whole number).
     */
    private long unscaled;
    private int scale;
    private boolean fits;

    /**
     * Creates a parser over one item.
     *
     * @param readContext where {@code readValueAs} and {@code readValueAsTree} go (the caller's mapper)
     * @param item        the item to read
     * @param typeName    the class being read, first in every error message
     * @param strict      whether integral getters refuse fractions and binary getters refuse strings
     */
    ItemParser(ObjectReadContext readContext, Map<String, AttributeValue> item, String typeName, boolean strict) {
        super(readContext);
        this.item = item;
        this.typeName = typeName;
        this.strict = strict;
    }

    // ---- tokens

    @Override
    public JsonToken nextToken() throws JacksonException {
        Frame f = frame;
        if (f.kind() == TokenStreamContext.TYPE_OBJECT) {
            if (f.valueNext) {
                f.valueNext = false;
                return value(f.pending);
            }
            return nextEntry(f) ? JsonToken.PROPERTY_NAME : JsonToken.END_OBJECT;
        }
        if (f.kind() == TokenStreamContext.TYPE_ARRAY) {
            int i = f.index() + 1;
            if (i < f.elements.size()) {
                f.advance();
                return element(f, f.elements.get(i));
            }
            frame = requireNonNull(f.parent);
            return _updateToken(JsonToken.END_ARRAY);
        }
        if (started) {
            return _updateTokenToNull();
        }
        started = true;
        f.advance();
        frame = new Frame(f, item);
        return _updateToken(JsonToken.START_OBJECT);
    }

    /**
     * {@return the next property's name}, or null at the end of the object (or at any other token): what Jackson's
     * bean and map deserializers ask for between values, answered without a token switch.
     */
    @Override
    public @Nullable String nextName() throws JacksonException {
        Frame f = frame;
        if (f.kind() == TokenStreamContext.TYPE_OBJECT && !f.valueNext) {
            return nextEntry(f) ? f.name : null;
        }
        return nextToken() == JsonToken.PROPERTY_NAME ? frame.name : null;
    }

    /**
     * {@return the index of the next property in {@code matcher}}, having moved to its value when it matched: Jackson's
     * bean deserializer asks this once per property, so it is answered in one step.
     */
    @Override
    public int nextNameMatchAndToken(PropertyNameMatcher matcher) throws JacksonException {
        Frame f = frame;
        if (f.kind() != TokenStreamContext.TYPE_OBJECT || f.valueNext) {
            return super.nextNameMatchAndToken(matcher);
        }
        if (!nextEntry(f)) {
            return PropertyNameMatcher.MATCH_END_OBJECT;
        }
        int i = matcher.matchName(f.name);
        if (i >= 0) {
            f.valueNext = false;
            value(f.pending);
        }
        return i;
    }

    /** {@return the next value's text when it is a string}, as Jackson's string collection deserializers ask. */
    @Override
    public @Nullable String nextStringValue() throws JacksonException {
        return nextToken() == JsonToken.VALUE_STRING ? text : null;
    }

    /** Moves object frame {@code f} to its next property: {@return true} for a name, false (and leaves) at its end. */
    private boolean nextEntry(Frame f) {
        Iterator<Map.Entry<String, AttributeValue>> entries = f.entries;
        if (entries.hasNext()) {
            Map.Entry<String, AttributeValue> e = entries.next();
            String name = e.getKey();
            f.name = name;
            f.pending = e.getValue();
            f.valueNext = true;
            f.advance();
            if (name == null) {
                throw error(path(f) + ": a map key is null");
            }
            _updateToken(JsonToken.PROPERTY_NAME);
            return true;
        }
        frame = requireNonNull(f.parent);
        _updateToken(JsonToken.END_OBJECT);
        return false;
    }

    private JsonToken value(@Nullable AttributeValue av) {
        if (av == null) {
            throw error(path(frame) + ": the attribute value is null"
                    + " — DynamoDB's NULL is AttributeValue.fromNul(true)");
        }
        AttributeValue.Type type = av.type();
        // the common types first, without a switch (an SDK enum switch needs a null case, which costs an indy call)
        if (type == AttributeValue.Type.S) {
            text = av.s();
            return _updateToken(JsonToken.VALUE_STRING);
        }
        if (type == AttributeValue.Type.N) {
            return number(av.n());
        }
        if (type == null) {
            throw error(path(frame) + ": the AttributeValue has several types set — DynamoDB values hold exactly one");
        }
        return switch (type) {
            case S, N -> throw new AssertionError(type); // handled above
            case B -> {
                binary = av.b();
                yield _updateToken(JsonToken.VALUE_EMBEDDED_OBJECT);
            }
            case BOOL -> _updateToken(av.bool() ? JsonToken.VALUE_TRUE : JsonToken.VALUE_FALSE);
            case NUL -> {
                if (!av.nul()) {
                    throw error(path(frame) + ": NUL is false — DynamoDB's NULL is always true");
                }
                yield _updateToken(JsonToken.VALUE_NULL);
            }
            case M -> {
                checkLevel();
                frame = new Frame(frame, av.m());
                yield _updateToken(JsonToken.START_OBJECT);
            }
            case L -> {
                checkLevel();
                yield array(type, av.l());
            }
            case SS -> array(type, av.ss());
            case NS -> array(type, av.ns());
            case BS -> array(type, av.bs());
            case UNKNOWN_TO_SDK_VERSION -> throw error(path(frame) + ": the AttributeValue has no type set, or one this"
                    + " SDK does not know — DynamoDB values hold exactly one of S, N, B, BOOL, NUL, L, M, SS, NS, BS");
            default -> throw error(path(frame) + ": the AttributeValue has the type " + type
                    + ", which Dynamatic does not know");
        };
    }

    /** Checks that a map or list may open here: the item is level 0, DynamoDB allows levels up to 32 below it. */
    private void checkLevel() {
        int level = frame.level() + 1;
        if (level > Limits.MAX_NESTING) {
            throw error(path(frame) + ": the document nests " + level + " levels deep — DynamoDB documents nest at most "
                    + Limits.MAX_NESTING + " levels");
        }
    }

    private JsonToken array(AttributeValue.Type type, List<?> elements) {
        frame = new Frame(frame, type, elements);
        return _updateToken(JsonToken.START_ARRAY);
    }

    private JsonToken element(Frame f, @Nullable Object element) {
        if (element == null) {
            throw error(path(f) + ": " + (f.elementType == AttributeValue.Type.L ? "the list" : "the set")
                    + " holds a null element — DynamoDB's NULL is AttributeValue.fromNul(true), and sets hold no NULL");
        }
        AttributeValue.Type type = f.elementType;
        if (type == AttributeValue.Type.SS) {
            text = (String) element;
            return _updateToken(JsonToken.VALUE_STRING);
        }
        if (type == AttributeValue.Type.NS) {
            return number((String) element);
        }
        if (type == AttributeValue.Type.BS) {
            binary = (SdkBytes) element;
            return _updateToken(JsonToken.VALUE_EMBEDDED_OBJECT);
        }
        return value((AttributeValue) element);
    }

    /** Reports a number: whole when its text is plain digits, floating-point otherwise, as in JSON. */
    private JsonToken number(@Nullable String n) {
        if (n == null) {
            throw error(path(frame) + ": the N value is null — DynamoDB numbers are decimal text");
        }
        text = n;
        decimal = null;
        fits = false;
        // the everyday N (up to 18 digits, no exponent) is read as a long and a scale while it is checked
        int len = n.length();
        boolean negative = len > 0 && n.charAt(0) == '-';
        int j = negative || len > 0 && n.charAt(0) == '+' ? 1 : 0;
        long v = 0;
        int digits = 0;
        int point = -1;
        for (; j < len; j++) {
            char c = n.charAt(j);
            if (c >= '0' && c <= '9' && digits < 18) {
                v = v * 10 + (c - '0');
                digits++;
            } else if (c == '.' && point < 0) {
                point = digits;
            } else {
                break;
            }
        }
        if (j == len && digits > 0) {
            unscaled = negative ? -v : v;
            scale = point < 0 ? 0 : digits - point;
            fits = true;
            return _updateToken(point < 0 ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT);
        }
        return switch (shape(n)) {
            case 1 -> _updateToken(JsonToken.VALUE_NUMBER_INT);
            case 2 -> _updateToken(JsonToken.VALUE_NUMBER_FLOAT);
            default -> throw error(path(frame) + ": the N value" + Redaction.value(n) + " is not a decimal number"
                    + " — DynamoDB numbers are decimal text");
        };
    }

    /** {@return 1 for an integer's text, 2 for other decimal text, 0 for anything else}: what BigDecimal reads. */
    private static int shape(String s) {
        int i = 0;
        int len = s.length();
        if (i < len && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < len && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i == len) {
            return digits > 0 ? 1 : 0;
        }
        if (s.charAt(i) == '.') {
            i++;
            while (i < len && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return 0;
        }
        if (i < len && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < len && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < len && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return 0;
            }
        }
        return i == len ? 2 : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // ---- names and text

    @Override
    public @Nullable String currentName() {
        if (_currToken == JsonToken.START_OBJECT || _currToken == JsonToken.START_ARRAY) {
            // as Jackson's own parsers: a structure's name is the property that holds it
            Frame parent = frame.parent;
            return parent == null ? null : parent.name;
        }
        return frame.name;
    }

    @Override
    public @Nullable String getString() {
        JsonToken t = _currToken;
        if (t == JsonToken.VALUE_STRING) {
            return text;
        }
        if (t == null) {
            return null;
        }
        return switch (t) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> text;
            case PROPERTY_NAME -> frame.name;
            case VALUE_EMBEDDED_OBJECT -> null;
            default -> t.asString();
        };
    }

    @Override
    public char @Nullable [] getStringCharacters() {
        String s = getString();
        return s == null ? null : s.toCharArray();
    }

    @Override
    public int getStringLength() {
        String s = getString();
        return s == null ? 0 : s.length();
    }

    @Override
    public int getStringOffset() {
        return 0;
    }

    @Override
    public boolean hasStringCharacters() {
        return false;
    }

    // ---- binary

    @Override
    public @Nullable Object getEmbeddedObject() {
        // a copy: the caller's object must not share the SDK value's bytes
        return _currToken == JsonToken.VALUE_EMBEDDED_OBJECT ? binary.asByteArray() : null;
    }

    @Override
    public byte[] getBinaryValue(Base64Variant variant) throws JacksonException {
        if (_currToken == JsonToken.VALUE_EMBEDDED_OBJECT) {
            return binary.asByteArray();
        }
        if (_currToken == JsonToken.VALUE_STRING && !strict) {
            try {
                return variant.decode(text);
            } catch (IllegalArgumentException e) {
                // Base64Variant's message names the offending character: a part of the value
                throw error(path(frame) + ": the string" + Redaction.value(text)
                        + " is not Base64, so it cannot be read as binary");
            }
        }
        throw error(path(frame) + ": expected binary (B), found " + currentType());
    }

    // ---- numbers

    @Override
    public @Nullable NumberType getNumberType() {
        if (_currToken == JsonToken.VALUE_NUMBER_INT) {
            if (fits) {
                return unscaled == (int) unscaled ? NumberType.INT : NumberType.LONG;
            }
            int digits = text.length() - (text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0);
            if (digits <= 9) {
                return NumberType.INT;
            }
            if (digits <= 18) {
                long v = Long.parseLong(text);
                return v == (int) v ? NumberType.INT : NumberType.LONG;
            }
            BigInteger v = new BigInteger(text);
            return v.bitLength() <= 31 ? NumberType.INT : v.bitLength() <= 63 ? NumberType.LONG : NumberType.BIG_INTEGER;
        }
        if (_currToken == JsonToken.VALUE_NUMBER_FLOAT) {
            return NumberType.DOUBLE; // as textual JSON reports it; BigDecimal readers ask getDecimalValue()
        }
        return null;
    }

    /**
     * {@return how exactly a floating-point number can be held}: when strict, {@code BIG_DECIMAL} for one a
     * {@code double} cannot hold exactly, so that untyped reads keep every digit, {@code DOUBLE64} otherwise; when
     * lenient, as Jackson's own parsers ({@code UNKNOWN}, so a double).
     */
    @Override
    public NumberTypeFP getNumberTypeFP() {
        if (strict && _currToken == JsonToken.VALUE_NUMBER_FLOAT) {
            return exactInDouble() ? NumberTypeFP.DOUBLE64 : NumberTypeFP.BIG_DECIMAL;
        }
        return NumberTypeFP.UNKNOWN;
    }

    /** {@return whether a double holds the current number exactly}: its shortest text is numerically the same. */
    boolean exactInDouble() {
        if (fits && unscaled > -EXACT_IN_DOUBLE && unscaled < EXACT_IN_DOUBLE) {
            return true;
        }
        return StrictReading.holdsExactly(getDoubleValue(), decimal());
    }

    /** {@return whether the current number is plain text of at most 18 digits}, held in {@link #unscaled()} and {@link #scale()} */
    boolean plain() {
        return fits && (_currToken == JsonToken.VALUE_NUMBER_INT || _currToken == JsonToken.VALUE_NUMBER_FLOAT);
    }

    /** {@return the plain number's digits}: its value is {@code unscaled() × 10^-scale()} */
    long unscaled() {
        return unscaled;
    }

    /** {@return the plain number's count of fraction digits} */
    int scale() {
        return scale;
    }

    @Override
    public Number getNumberValue() {
        if (_currToken == JsonToken.VALUE_NUMBER_INT) {
            return switch (requireNonNull(getNumberType())) {
                case INT -> getIntValue();
                case LONG -> getLongValue();
                default -> getBigIntegerValue();
            };
        }
        if (_currToken == JsonToken.VALUE_NUMBER_FLOAT) {
            return getDoubleValue();
        }
        throw _constructNotNumericType(_currToken, 0);
    }

    /** {@return the number's text for a floating-point token}: buffering Jackson keeps it exact that way. */
    @Override
    public Object getNumberValueDeferred() {
        if (_currToken == JsonToken.VALUE_NUMBER_FLOAT) {
            return text;
        }
        return getNumberValue();
    }

    @Override
    public int getIntValue() {
        return intValue("int", Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    @Override
    public short getShortValue() {
        return (short) intValue("short", Short.MIN_VALUE, Short.MAX_VALUE);
    }

    @Override
    public byte getByteValue() {
        return (byte) intValue("byte", Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    private int intValue(String javaName, int min, int max) {
        long v = _currToken == JsonToken.VALUE_NUMBER_INT ? longValue(javaName) : integral(javaName, BD_MIN_LONG,
                BD_MAX_LONG).longValue();
        if (v < min || v > max) {
            throw outOfRange(javaName);
        }
        return (int) v;
    }

    @Override
    public long getLongValue() {
        return _currToken == JsonToken.VALUE_NUMBER_INT ? longValue("long")
                : integral("long", BD_MIN_LONG, BD_MAX_LONG).longValue();
    }

    private long longValue(String javaName) {
        if (fits) {
            return unscaled;
        }
        if (text.length() <= 18) {
            return Long.parseLong(text);
        }
        BigInteger v = new BigInteger(text);
        if (v.bitLength() > 63) {
            throw outOfRange(javaName);
        }
        return v.longValue();
    }

    @Override
    public BigInteger getBigIntegerValue() {
        if (_currToken == JsonToken.VALUE_NUMBER_INT) {
            return fits ? BigInteger.valueOf(unscaled) : new BigInteger(text);
        }
        BigDecimal d = integral("BigInteger", null, null);
        // as Jackson's own parsers: a scale beyond the mapper's limit is refused before toBigInteger expands the number
        streamReadConstraints().validateBigIntegerScale(d.scale());
        return d.toBigInteger();
    }

    /**
     * {@return the current floating-point number, for an integral getter}: truncated later when lenient, as Jackson's
     * own parsers do; when strict, a number with a fraction is an error.
     */
    private BigDecimal integral(String javaName, @Nullable BigDecimal min, @Nullable BigDecimal max) {
        BigDecimal d = decimal();
        if (strict && d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw error(path(frame) + ": the number" + Redaction.value(text) + " has a fraction for " + javaName
                    + " (it is not truncated)");
        }
        if (min != null && max != null && (d.compareTo(min) < 0 || d.compareTo(max) > 0)) {
            throw outOfRange(javaName);
        }
        return d;
    }

    private Rejected outOfRange(String javaName) {
        return error(path(frame) + ": the number" + Redaction.value(text) + " is out of range for " + javaName
                + " (it is not truncated)");
    }

    @Override
    public BigDecimal getDecimalValue() {
        return decimal();
    }

    @Override
    public double getDoubleValue() {
        numeric();
        if (fits) {
            if (scale == 0) {
                return unscaled; // a long converts to the double nearest to it, as parsing its text would
            }
            long magnitude = Math.abs(unscaled);
            if (magnitude <= 1L << 53 && scale < POWERS_OF_TEN.length) {
                // both exact doubles, so one division rounds the exact quotient to the nearest double, as a parser
                // does; the sign goes on afterwards, so -0.0 stays negative
                double d = magnitude / POWERS_OF_TEN[scale];
                return text.charAt(0) == '-' ? -d : d;
            }
        }
        // as Jackson's own parsers: the mapper's USE_FAST_DOUBLE_PARSER (on by default) picks the parser; both round
        // the decimal text to the nearest double
        return NumberInput.parseDouble(text, isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER));
    }

    @Override
    public float getFloatValue() {
        numeric();
        return NumberInput.parseFloat(text, isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER));
    }

    @Override
    public boolean isNaN() {
        return false; // DynamoDB numbers are finite
    }

    private BigDecimal decimal() {
        numeric();
        if (decimal == null) {
            decimal = fits ? BigDecimal.valueOf(unscaled, scale) : new BigDecimal(text);
        }
        return decimal;
    }

    private void numeric() {
        if (_currToken != JsonToken.VALUE_NUMBER_INT && _currToken != JsonToken.VALUE_NUMBER_FLOAT) {
            throw _constructNotNumericType(_currToken, 0);
        }
    }

    // ---- the rest of the parser contract

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public TokenStreamContext streamReadContext() {
        return frame;
    }

    @Override
    public TokenStreamLocation currentTokenLocation() {
        return TokenStreamLocation.NA;
    }

    @Override
    public TokenStreamLocation currentLocation() {
        return TokenStreamLocation.NA;
    }

    @Override
    public Object streamReadInputSource() {
        return item;
    }

    @Override
    public @Nullable Object currentValue() {
        return frame.value;
    }

    @Override
    public void assignCurrentValue(@Nullable Object v) {
        frame.value = v;
    }

    @Override
    protected void _closeInput() {
    }

    @Override
    protected void _releaseBuffers() {
    }

    @Override
    protected void _handleEOF() {
    }

    // ---- internals

    /**
     * {@return the item parser whose tokens {@code p} gives}: {@code p} itself, or the one whose tokens Jackson buffered
     * into {@code p} (a buffer's read context continues the contexts of the parser it copied); null if none
     */
    static @Nullable ItemParser behind(JsonParser p) {
        if (p instanceof ItemParser ip) {
            return ip;
        }
        for (TokenStreamContext c = p.streamReadContext(); c != null; c = c.getParent()) {
            if (c instanceof Frame f) {
                while (f.parent != null) {
                    f = f.parent;
                }
                return f instanceof Root root ? root.parser : null;
            }
        }
        return null;
    }

    /** {@return the DynamoDB type of the current value, for messages}: S, N, B, BOOL, NULL, M, L, SS, NS or BS */
    String currentType() {
        JsonToken t = _currToken;
        if (t == JsonToken.START_ARRAY) {
            return frame.elementType.name(); // the array's own frame
        }
        return typeOf(t);
    }

    /** {@return the DynamoDB type that a token of this parser stands for}, "L" for any array */
    static String typeOf(@Nullable JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case VALUE_STRING -> "S";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "N";
            case VALUE_TRUE, VALUE_FALSE -> "BOOL";
            case VALUE_NULL -> "NULL";
            case VALUE_EMBEDDED_OBJECT -> "B";
            case START_OBJECT -> "M";
            case START_ARRAY -> "L";
            case END_OBJECT, END_ARRAY, PROPERTY_NAME, NOT_AVAILABLE -> "no value";
            default -> "the token " + t; // one a later Jackson adds
        };
    }

    /** {@return where the current value of frame {@code f} sits}: {@code Customer.address.lines[2]}. */
    private String path(Frame f) {
        StringBuilder sb = new StringBuilder(typeName);
        appendPath(f, sb);
        return sb.toString();
    }

    private static void appendPath(@Nullable Frame f, StringBuilder sb) {
        if (f == null || f.kind() == TokenStreamContext.TYPE_ROOT) {
            return;
        }
        appendPath(f.parent, sb);
        if (f.kind() == TokenStreamContext.TYPE_OBJECT) {
            if (f.name != null) {
                sb.append('.').append(f.name);
            }
        } else if (f.index() >= 0) {
            sb.append('[').append(f.index()).append(']');
        }
    }

    private Rejected error(String message) {
        return new Rejected(this, message);
    }

    /** An item DynamoDB could not have stored, or a number a getter cannot give; its message is complete (class, path, rule). */
    static final class Rejected extends StreamReadException {
        private static final long serialVersionUID = 1L;

        Rejected(JsonParser p, String message) {
            super(p, message);
        }
    }

    /** One open object or array, as Jackson's read context. */
    private static class Frame extends TokenStreamContext {
        final @Nullable Frame parent;
        /** For arrays: L, SS, NS or BS (L for objects and the root, which have no elements). */
        final AttributeValue.Type elementType;
        final Iterator<Map.Entry<String, AttributeValue>> entries;
        final List<?> elements;
        /** In an object, the name of the current property. */
        @Nullable String name;
        /** In an object, the value of the current property, reported after its name. */
        @Nullable AttributeValue pending;
        boolean valueNext;
        @Nullable Object value;

        /** The root context. */
        Frame() {
            super(TYPE_ROOT, -1);
            this.parent = null;
            this.elementType = AttributeValue.Type.L;
            this.entries = Collections.emptyIterator();
            this.elements = List.of();
        }

        /** An object: the item or an M. */
        Frame(Frame parent, Map<String, AttributeValue> map) {
            super(TYPE_OBJECT, -1);
            this.parent = parent;
            this.elementType = AttributeValue.Type.L;
            this.entries = map.entrySet().iterator();
            this.elements = List.of();
            this._nestingDepth = parent._nestingDepth + 1;
        }

        /** An array: an L, SS, NS or BS. */
        Frame(Frame parent, AttributeValue.Type elementType, List<?> elements) {
            super(TYPE_ARRAY, -1);
            this.parent = parent;
            this.elementType = elementType;
            this.entries = Collections.emptyIterator();
            this.elements = elements;
            this._nestingDepth = parent._nestingDepth + 1;
        }

        void advance() {
            _index++;
        }

        /** {@return TYPE_ROOT, TYPE_OBJECT or TYPE_ARRAY}: Jackson's own field, so frames stay small */
        int kind() {
            return _type;
        }

        /** {@return the document nesting level}: -1 for the root, 0 for the item, 1 for a map or list in it, and so on */
        int level() {
            return _nestingDepth - 1;
        }

        int index() {
            return _index;
        }

        @Override
        public @Nullable TokenStreamContext getParent() {
            return parent;
        }

        @Override
        public @Nullable String currentName() {
            return name;
        }

        @Override
        public @Nullable Object currentValue() {
            return value;
        }

        @Override
        public void assignCurrentValue(@Nullable Object v) {
            value = v;
        }
    }

    /** The root context, which knows its parser: found again from a buffer's copy of these contexts. */
    private static final class Root extends Frame {
        final ItemParser parser;

        Root(ItemParser parser) {
            this.parser = parser;
        }
    }
}
