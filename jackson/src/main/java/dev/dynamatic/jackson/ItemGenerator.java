package dev.dynamatic.jackson;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.internal.Numbers;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteCapability;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TreeNode;
import tools.jackson.core.Version;
import tools.jackson.core.exc.StreamWriteException;
import tools.jackson.core.util.JacksonFeatureSet;

/**
 * A Jackson generator whose output is a DynamoDB item: each token Jackson writes becomes part of an
 * {@link AttributeValue}, with no JSON text in between.
 *
 * <p>Objects become M (the outermost object is the item itself), arrays L, strings S, numbers N (as exact decimal
 * text), binary B, booleans BOOL and nulls NULL. An array Jackson writes <em>for a {@link Set}</em> (serializers
 * pass the collection to {@link #writeStartArray(Object, int)}) becomes SS, NS or BS when its members are all
 * strings, numbers or binary. Everything DynamoDB would refuse is refused here, before a request exists, with the
 * value's path: empty sets, NULL or mixed set members, duplicate set members, numbers beyond 38 digits or out of
 * range, empty attribute names, nesting deeper than {@value Limits#MAX_NESTING} levels (checked as each map or list
 * opens, so a structure that refers to itself ends there). No message shows a value (see {@link Redaction}).
 *
 * <p>One generator writes one item and is then thrown away.
 */
final class ItemGenerator extends JsonGenerator {

    private static final AttributeValue NULL = AttributeValue.createNul(true);
    private static final AttributeValue TRUE = AttributeValue.createBool(true);
    private static final AttributeValue FALSE = AttributeValue.createBool(false);
    private static final JacksonFeatureSet<StreamWriteCapability> CAPABILITIES = JacksonFeatureSet.fromBitmask(0);
    private static final int DEFAULT_FEATURES = StreamWriteFeature.collectDefaults();

    private final ObjectWriteContext writeContext;
    private final String typeName;
    private final boolean omitEmptySets;
    private final int itemSize;
    private int features;
    private Frame frame = new Frame(null, Frame.ROOT, -1, 0);
    private @Nullable Map<String, AttributeValue> item;
    private boolean closed;

    /**
     * Creates a generator for one item.
     *
     * @param writeContext  where {@link #writePOJO} and {@link #writeTree} go (the caller's mapper)
     * @param typeName      the class being written, first in every error message
     * @param omitEmptySets whether an empty set property is left out (otherwise it is an error)
     * @param itemSize      how many attributes to make room for when Jackson does not say
     */
    ItemGenerator(ObjectWriteContext writeContext, String typeName, boolean omitEmptySets, int itemSize) {
        this.writeContext = writeContext;
        this.typeName = typeName;
        this.omitEmptySets = omitEmptySets;
        this.itemSize = itemSize;
        this.features = writeContext.getStreamWriteFeatures(DEFAULT_FEATURES);
    }

    /** {@return the item written}, once Jackson has finished the outermost object. */
    Map<String, AttributeValue> item() {
        Map<String, AttributeValue> item = this.item;
        if (item == null) {
            throw new IllegalStateException(typeName + ": Jackson wrote nothing, or did not finish the object");
        }
        return item;
    }

    // ---- structure

    @Override
    public JsonGenerator writeStartObject() throws JacksonException {
        return startObject(null, -1);
    }

    @Override
    public JsonGenerator writeStartObject(@Nullable Object forValue) throws JacksonException {
        return startObject(forValue, -1);
    }

    @Override
    public JsonGenerator writeStartObject(@Nullable Object forValue, int size) throws JacksonException {
        return startObject(forValue, size);
    }

    private JsonGenerator startObject(@Nullable Object forValue, int size) {
        Frame f;
        if (frame.kind == Frame.ROOT) {
            if (item != null) {
                throw error(typeName + ": Jackson wrote a second value after the item — an item is one map of attributes");
            }
            f = new Frame(frame, Frame.OBJECT, 0, size >= 0 ? size : itemSize);
        } else {
            beforeValue("a map");
            checkLevel(frame.level + 1, frame);
            f = new Frame(frame, Frame.OBJECT, frame.level + 1, size);
        }
        f.value = forValue;
        frame = f;
        return this;
    }

    @Override
    public JsonGenerator writeEndObject() throws JacksonException {
        Frame f = frame;
        if (f.kind != Frame.OBJECT) {
            throw error(typeName + ": writeEndObject() outside an object (a serializer wrote unbalanced tokens)");
        }
        if (f.name != null) {
            throw error(path(f) + ": a property name was written without a value");
        }
        frame = requireNonNull(f.parent);
        if (frame.kind == Frame.ROOT) {
            item = f.map;
        } else {
            Entries entries = requireNonNull(f.entries);
            AttributeValue m = AttributeValue.createM(entries);
            if (m.m().size() != entries.size()) {
                f.name = entries.firstDuplicate(); // the SDK's copy kept one of the entries with that name
                throw error(path(f) + ": written twice — an item or map holds each name once");
            }
            add(m);
        }
        return this;
    }

    @Override
    public JsonGenerator writeStartArray() throws JacksonException {
        return startArray(null, -1);
    }

    @Override
    public JsonGenerator writeStartArray(@Nullable Object forValue) throws JacksonException {
        return startArray(forValue, -1);
    }

    @Override
    public JsonGenerator writeStartArray(@Nullable Object forValue, int size) throws JacksonException {
        return startArray(forValue, size);
    }

    private JsonGenerator startArray(@Nullable Object forValue, int size) {
        beforeValue("an array");
        // Only a set may become SS/NS/BS, which nests nothing, so it may sit one level below the deepest map or list;
        // its own level is checked when it ends, if it turns out to be a list. A set one level further down means the
        // set around it is such a list: that one is reported, before going deeper.
        boolean set = forValue instanceof Set<?>;
        int level = frame.level + 1;
        if (!set) {
            checkLevel(level, frame);
        } else if (level > Limits.MAX_NESTING + 1) {
            checkLevel(frame.level, requireNonNull(frame.parent));
        }
        Frame f = new Frame(frame, set ? Frame.SET : Frame.LIST, level, size);
        f.value = forValue;
        frame = f;
        return this;
    }

    @Override
    public JsonGenerator writeEndArray() throws JacksonException {
        Frame f = frame;
        if (f.kind != Frame.LIST && f.kind != Frame.SET) {
            throw error(typeName + ": writeEndArray() outside an array (a serializer wrote unbalanced tokens)");
        }
        frame = requireNonNull(f.parent);
        if (f.kind == Frame.LIST) {
            add(AttributeValue.createL(requireNonNull(f.list)));
        } else {
            endSet(f);
        }
        return this;
    }

    @Override
    public JsonGenerator writeName(String name) throws JacksonException {
        Frame f = frame;
        if (f.kind != Frame.OBJECT || f.name != null) {
            throw error(path(f) + ": property name \"" + name + "\" written where a value belongs"
                    + " (a serializer wrote unbalanced tokens)");
        }
        if (name.isEmpty()) {
            throw error(path(f) + ": empty " + (f.level == 0 ? "attribute name" : "map key")
                    + " — DynamoDB attribute names and map keys are at least one character");
        }
        f.name = name;
        f.advance();
        return this;
    }

    @Override
    public JsonGenerator writeName(SerializableString name) throws JacksonException {
        return writeName(name.getValue());
    }

    @Override
    public JsonGenerator writePropertyId(long id) throws JacksonException {
        return writeName(Long.toString(id));
    }

    // ---- scalars

    @Override
    public JsonGenerator writeString(String text) throws JacksonException {
        if (text == null) {
            return writeNull();
        }
        beforeValue("a string");
        addScalar(AttributeValue.Type.S, text);
        return this;
    }

    @Override
    public JsonGenerator writeString(Reader reader, int len) throws JacksonException {
        if (reader == null) {
            return writeNull();
        }
        StringBuilder text = new StringBuilder(Math.max(len, 16));
        char[] buffer = new char[4096];
        try {
            int remaining = len < 0 ? Integer.MAX_VALUE : len;
            while (remaining > 0) {
                int n = reader.read(buffer, 0, Math.min(buffer.length, remaining));
                if (n < 0) {
                    break;
                }
                text.append(buffer, 0, n);
                remaining -= n;
            }
        } catch (IOException e) {
            throw error(path(frame) + ": reading the string failed (" + e.getClass().getName() + ")", e);
        }
        return writeString(text.toString());
    }

    @Override
    public JsonGenerator writeString(char[] buffer, int offset, int len) throws JacksonException {
        return writeString(new String(buffer, offset, len));
    }

    @Override
    public JsonGenerator writeString(SerializableString text) throws JacksonException {
        return writeString(text.getValue());
    }

    @Override
    public JsonGenerator writeRawUTF8String(byte[] buffer, int offset, int len) throws JacksonException {
        return writeString(new String(buffer, offset, len, StandardCharsets.UTF_8));
    }

    @Override
    public JsonGenerator writeUTF8String(byte[] buffer, int offset, int len) throws JacksonException {
        return writeString(new String(buffer, offset, len, StandardCharsets.UTF_8));
    }

    @Override
    public JsonGenerator writeBinary(Base64Variant variant, byte[] data, int offset, int len) throws JacksonException {
        if (data == null) {
            return writeNull();
        }
        beforeValue("binary");
        // the caller's array stays the caller's: the item gets its own copy
        addScalar(AttributeValue.Type.B, SdkBytes.fromByteArrayUnsafe(Arrays.copyOfRange(data, offset, offset + len)));
        return this;
    }

    @Override
    public int writeBinary(Base64Variant variant, InputStream data, int dataLength) throws JacksonException {
        byte[] bytes;
        try {
            bytes = dataLength < 0 ? data.readAllBytes() : data.readNBytes(dataLength);
        } catch (IOException e) {
            throw error(path(frame) + ": reading the binary value failed (" + e.getClass().getName() + ")", e);
        }
        if (dataLength >= 0 && bytes.length < dataLength) {
            throw error(path(frame) + ": the binary value ended after " + bytes.length + " of " + dataLength + " bytes");
        }
        beforeValue("binary");
        addScalar(AttributeValue.Type.B, SdkBytes.fromByteArrayUnsafe(bytes));
        return bytes.length;
    }

    @Override
    public JsonGenerator writeNumber(short v) throws JacksonException {
        return writeLong(v);
    }

    @Override
    public JsonGenerator writeNumber(int v) throws JacksonException {
        return writeLong(v);
    }

    @Override
    public JsonGenerator writeNumber(long v) throws JacksonException {
        return writeLong(v);
    }

    private JsonGenerator writeLong(long v) {
        beforeValue("a number");
        addScalar(AttributeValue.Type.N, Long.toString(v)); // 19 digits at most: always a valid DynamoDB number
        return this;
    }

    @Override
    public JsonGenerator writeNumber(BigInteger v) throws JacksonException {
        if (v == null) {
            return writeNull();
        }
        beforeValue("a number");
        String text;
        try {
            text = Numbers.text(v);
        } catch (IllegalArgumentException e) {
            throw unstorable(new BigDecimal(v), e);
        }
        addScalar(AttributeValue.Type.N, text);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(double v) throws JacksonException {
        beforeValue("a number");
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw notFinite(Double.isNaN(v));
        }
        String text;
        try {
            text = Numbers.text(v); // the shortest decimal that reads back as the same double, never its expansion
        } catch (IllegalArgumentException e) {
            throw unstorable(BigDecimal.valueOf(v), e);
        }
        addScalar(AttributeValue.Type.N, text);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(float v) throws JacksonException {
        beforeValue("a number");
        if (Float.isNaN(v) || Float.isInfinite(v)) {
            throw notFinite(Float.isNaN(v));
        }
        addScalar(AttributeValue.Type.N, Numbers.text(v)); // every finite float is in DynamoDB's range
        return this;
    }

    private Rejected notFinite(boolean nan) {
        return error(path(frame) + ": " + (nan ? "NaN" : "infinity")
                + " is not a number DynamoDB can store — DynamoDB numbers are finite decimals");
    }

    @Override
    public JsonGenerator writeNumber(BigDecimal v) throws JacksonException {
        if (v == null) {
            return writeNull();
        }
        beforeValue("a number");
        addScalar(AttributeValue.Type.N, decimalText(v));
        return this;
    }

    @Override
    public JsonGenerator writeNumber(String encodedValue) throws JacksonException {
        if (encodedValue == null) {
            return writeNull();
        }
        beforeValue("a number");
        BigDecimal v;
        try {
            v = new BigDecimal(encodedValue.trim());
        } catch (NumberFormatException e) {
            throw error(path(frame) + ": the text" + Redaction.value(encodedValue)
                    + " was written as a number but is not a decimal — DynamoDB numbers are finite decimals", e);
        }
        addScalar(AttributeValue.Type.N, decimalText(v));
        return this;
    }

    @Override
    public JsonGenerator writeBoolean(boolean state) throws JacksonException {
        beforeValue("a boolean");
        add(state ? TRUE : FALSE);
        return this;
    }

    @Override
    public JsonGenerator writeNull() throws JacksonException {
        beforeValue("null");
        add(NULL);
        return this;
    }

    @Override
    public JsonGenerator writePOJO(Object pojo) throws JacksonException {
        if (pojo == null) {
            return writeNull();
        }
        writeContext.writeValue(this, pojo);
        return this;
    }

    @Override
    public JsonGenerator writeTree(TreeNode rootNode) throws JacksonException {
        if (rootNode == null) {
            return writeNull();
        }
        writeContext.writeTree(this, rootNode);
        return this;
    }

    // ---- raw JSON has no DynamoDB form

    @Override
    public JsonGenerator writeRaw(String text) throws JacksonException {
        throw raw();
    }

    @Override
    public JsonGenerator writeRaw(String text, int offset, int len) throws JacksonException {
        throw raw();
    }

    @Override
    public JsonGenerator writeRaw(char[] text, int offset, int len) throws JacksonException {
        throw raw();
    }

    @Override
    public JsonGenerator writeRaw(char c) throws JacksonException {
        throw raw();
    }

    @Override
    public JsonGenerator writeRawValue(String text) throws JacksonException {
        throw raw();
    }

    @Override
    public JsonGenerator writeRawValue(String text, int offset, int len) throws JacksonException {
        throw raw();
    }

    @Override
    public JsonGenerator writeRawValue(char[] text, int offset, int len) throws JacksonException {
        throw raw();
    }

    private StreamWriteException raw() {
        return error(path(frame) + ": a serializer wrote raw JSON text (@JsonRawValue or writeRaw)"
                + " — DynamoDB items hold typed values, not JSON text");
    }

    // ---- the rest of the generator contract

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public TokenStreamContext streamWriteContext() {
        return frame;
    }

    @Override
    public ObjectWriteContext objectWriteContext() {
        return writeContext;
    }

    @Override
    public @Nullable Object streamWriteOutputTarget() {
        return null;
    }

    @Override
    public int streamWriteOutputBuffered() {
        return -1;
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
    public JsonGenerator configure(StreamWriteFeature f, boolean state) {
        features = state ? features | f.getMask() : features & ~f.getMask();
        return this;
    }

    @Override
    public boolean isEnabled(StreamWriteFeature f) {
        return f.enabledIn(features);
    }

    @Override
    public int streamWriteFeatures() {
        return features;
    }

    /**
     * {@return false for every capability}: in particular not {@code CAN_WRITE_BINARY_NATIVELY}, which would make
     * Jackson write UUIDs as 16 bytes instead of their text (byte arrays are written as binary regardless).
     */
    @Override
    public boolean has(StreamWriteCapability capability) {
        return false;
    }

    @Override
    public JacksonFeatureSet<StreamWriteCapability> streamWriteCapabilities() {
        return CAPABILITIES;
    }

    @Override
    public void flush() {
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    // ---- internals

    /** Checks a value may start here; in an array, moves the index to it (so errors name the element). */
    private void beforeValue(String what) {
        Frame f = frame;
        switch (f.kind) {
            case Frame.OBJECT -> {
                if (f.name == null) {
                    throw error(path(f) + ": " + what + " written where a property name belongs"
                            + " (a serializer wrote unbalanced tokens)");
                }
            }
            case Frame.LIST, Frame.SET -> f.advance();
            default -> throw error(typeName + ": Jackson writes it as " + what
                    + ", not as an object — a DynamoDB item is a map of attributes");
        }
    }

    /**
     * Adds an S, N or B value: inside a set as the member itself (so a string set costs no {@code AttributeValue}
     * per member), elsewhere as an {@code AttributeValue}.
     *
     * @param value a {@code String} for S and N (number text), {@code SdkBytes} for B
     */
    private void addScalar(AttributeValue.Type type, Object value) {
        Frame f = frame;
        if (f.kind == Frame.SET) {
            f.member(type, value);
            return;
        }
        // the SDK's createX factories build the value directly, without a builder (and its EnumSet) per value
        add(switch (type) {
            case S -> AttributeValue.createS((String) value);
            case N -> AttributeValue.createN((String) value);
            default -> AttributeValue.createB((SdkBytes) value);
        });
    }

    /** Adds a finished value to the current object or array (in a set: a member that is not S, N or B). */
    private void add(AttributeValue v) {
        Frame f = frame;
        if (f.kind == Frame.OBJECT) {
            String name = requireNonNull(f.name); // beforeValue saw it
            Entries entries = f.entries;
            if (entries != null) {
                entries.add(name, v); // a duplicate name is found when the map ends
            } else if (requireNonNull(f.map).putIfAbsent(name, v) != null) {
                throw error(path(f) + ": written twice — an item or map holds each name once");
            }
            f.name = null;
        } else {
            List<AttributeValue> list = f.list;
            if (list == null) {
                list = new ArrayList<>();
                f.list = list;
            }
            list.add(v);
        }
    }

    /** Ends an array written for a {@link Set}: SS, NS or BS when its members allow, L otherwise. */
    @SuppressWarnings("unchecked") // a set's scalar members are all of its scalar type: Strings for S and N
    private void endSet(Frame set) {
        List<Object> scalars = requireNonNull(set.scalars);
        if (scalars.isEmpty() && set.list == null) {
            if (omitEmptySets && frame.kind == Frame.OBJECT) {
                frame.name = null; // the property is left out
                return;
            }
            throw error(path(frame) + ": empty set — DynamoDB sets cannot be empty"
                    + (omitEmptySets ? " (one inside a list cannot be left out)" : ""));
        }
        AttributeValue.Type type = set.scalarType;
        if (type == null) {
            // booleans, documents or nulls only: DynamoDB has no such set, so it is a list
            checkLevel(set.level, frame);
            add(AttributeValue.createL(requireNonNull(set.list)));
            return;
        }
        if (set.mixedType != null) {
            throw error(path(frame) + ": the set mixes " + words(type) + " and " + words(set.mixedType)
                    + " — a DynamoDB set holds members of one type");
        }
        if (set.list != null) {
            for (AttributeValue other : set.list) {
                if (other.type() == AttributeValue.Type.NUL) {
                    throw error(path(frame) + ": a member of the set is null — DynamoDB set members cannot be NULL");
                }
            }
            throw error(path(frame) + ": the set mixes " + words(type) + " with other values"
                    + " — a DynamoDB set holds strings, numbers or binary values of one type");
        }
        checkUnique(scalars); // number text is normalised: numerically equal members have equal text
        switch (type) {
            case S -> add(AttributeValue.createSs((List<String>) (List<?>) scalars));
            case N -> add(AttributeValue.createNs((List<String>) (List<?>) scalars));
            default -> add(AttributeValue.createBs((List<SdkBytes>) (List<?>) scalars));
        }
    }

    private void checkUnique(List<?> members) {
        int n = members.size();
        if (n <= 8) {
            // the everyday small set: compare pairwise rather than build a hash set
            for (int i = 1; i < n; i++) {
                Object m = members.get(i);
                for (int j = 0; j < i; j++) {
                    if (m.equals(members.get(j))) {
                        throw duplicate(m, j, i);
                    }
                }
            }
            return;
        }
        Set<Object> seen = HashSet.newHashSet(n);
        for (int i = 0; i < n; i++) {
            Object m = members.get(i);
            if (!seen.add(m)) {
                throw duplicate(m, members.indexOf(m), i);
            }
        }
    }

    /** {@return the error for a member written twice}, naming its positions in the order Jackson wrote the set */
    private Rejected duplicate(Object m, int first, int second) {
        String member = m instanceof SdkBytes b ? "the same " + b.asByteArrayUnsafe().length + " bytes"
                : "a member" + Redaction.value(m);
        return error(path(frame) + ": the set holds " + member + " twice (at [" + first + "] and [" + second
                + "]) — DynamoDB set members are unique");
    }

    private static String words(AttributeValue.Type t) {
        return switch (t) {
            case S -> "strings";
            case N -> "numbers";
            default -> "binary values";
        };
    }

    /**
     * Checks that a map or list may open at this level (the item is level 0).
     *
     * @param level the level of the map or list
     * @param where the frame holding it, for the path
     */
    private void checkLevel(int level, Frame where) {
        if (level > Limits.MAX_NESTING) {
            throw error(path(where) + ": the document nests " + level + " levels deep — DynamoDB documents nest at most "
                    + Limits.MAX_NESTING + " levels");
        }
    }

    /**
     * {@return DynamoDB's text for the number}, normalised as DynamoDB stores it ({@link Numbers#text(BigDecimal)}:
     * the everyday decimal directly, any other after checking its digits and range, each once)
     */
    private String decimalText(BigDecimal v) {
        try {
            return Numbers.text(v);
        } catch (IllegalArgumentException e) {
            throw unstorable(v, e);
        }
    }

    /**
     * {@return the error for a number DynamoDB cannot store}, naming the rule it breaks in the codec's words; the
     * stripped copy that tells which is made on this error path only
     */
    private Rejected unstorable(BigDecimal v, IllegalArgumentException e) {
        BigDecimal stripped = v.stripTrailingZeros();
        String problem = stripped.precision() > Limits.MAX_NUMBER_DIGITS
                ? " has " + stripped.precision() + " significant digits; DynamoDB keeps at most "
                        + Limits.MAX_NUMBER_DIGITS + " (it is not rounded here)"
                : stripped.precision() - stripped.scale() > 0
                        ? " is too large in magnitude; DynamoDB's numbers are below 1E+" + (Limits.MAX_NUMBER_EXPONENT + 1)
                        : " is too small in magnitude; DynamoDB's smallest is 1E" + Limits.MIN_NUMBER_EXPONENT;
        return error(path(frame) + ": the number" + Redaction.value(v) + problem, e);
    }

    /** {@return where the value being written in frame {@code f} sits}: {@code Customer.address.lines[2]}. */
    private String path(Frame f) {
        StringBuilder sb = new StringBuilder(typeName);
        appendPath(f, sb);
        return sb.toString();
    }

    private static void appendPath(@Nullable Frame f, StringBuilder sb) {
        if (f == null || f.kind == Frame.ROOT) {
            return;
        }
        appendPath(f.parent, sb);
        if (f.kind == Frame.OBJECT) {
            if (f.name != null) {
                sb.append('.').append(f.name);
            }
        } else if (f.index() >= 0) {
            sb.append('[').append(f.index()).append(']');
        }
    }

    private Rejected error(String message) {
        return new Rejected(this, message, null);
    }

    private Rejected error(String message, @Nullable Throwable cause) {
        return new Rejected(this, message, cause);
    }

    /** A value DynamoDB could not store; its message is complete (class, path, rule). */
    static final class Rejected extends StreamWriteException {
        private static final long serialVersionUID = 1L;

        Rejected(JsonGenerator g, String message, @Nullable Throwable cause) {
            super(g, message, cause);
        }
    }

    /**
     * A nested map's entries in the order written. The SDK copies an M's map into one of its own (through
     * {@code forEach}), so building a hash map here would hash every key twice; a name written twice shows as a smaller
     * copy. Anything else asked of it goes through a copy of its own.
     */
    private static final class Entries extends AbstractMap<String, AttributeValue> {
        private String[] names;
        private AttributeValue[] values;
        private int size;

        Entries(int capacity) {
            names = new String[capacity];
            values = new AttributeValue[capacity];
        }

        void add(String name, AttributeValue value) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size] = value;
            size++;
        }

        /** {@return the first name written twice}, or null */
        @Nullable String firstDuplicate() {
            Set<String> seen = HashSet.newHashSet(size);
            for (int i = 0; i < size; i++) {
                if (!seen.add(names[i])) {
                    return names[i];
                }
            }
            return null;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super AttributeValue> action) {
            for (int i = 0; i < size; i++) {
                action.accept(names[i], values[i]);
            }
        }

        @Override
        public Set<Map.Entry<String, AttributeValue>> entrySet() {
            Map<String, AttributeValue> copy = LinkedHashMap.newLinkedHashMap(size);
            forEach(copy::put);
            return copy.entrySet();
        }
    }

    /** One open object or array, as Jackson's write context. */
    private static final class Frame extends TokenStreamContext {
        static final int ROOT = 0;
        static final int OBJECT = 1;
        static final int LIST = 2;
        static final int SET = 3;

        final @Nullable Frame parent;
        final int kind;
        /** Document nesting level: 0 for the item, 1 for a map or list attribute, and so on. */
        final int level;
        /** The item's attributes (level 0). */
        final @Nullable Map<String, AttributeValue> map;
        /** A nested map's entries (an M). */
        final @Nullable Entries entries;
        /** A list's elements; a set's members that are not S, N or B (null until there is one). */
        @Nullable List<AttributeValue> list;
        /** A set's S, N or B members, as {@code String} (S, N) or {@code SdkBytes} (B). */
        final @Nullable List<Object> scalars;
        /** A set's first scalar type, and a second one if its members mix them. */
        AttributeValue.@Nullable Type scalarType;
        AttributeValue.@Nullable Type mixedType;
        /** In an object, the name of the value being written; null between properties. */
        @Nullable String name;
        @Nullable Object value;

        /**
         * Opens an object or array (or the root).
         *
         * @param parent the enclosing frame, null for the root
         * @param kind   ROOT, OBJECT, LIST or SET
         * @param level  the document nesting level
         * @param size   the number of entries Jackson announced, or -1
         */
        Frame(@Nullable Frame parent, int kind, int level, int size) {
            super(kind == ROOT ? TYPE_ROOT : kind == OBJECT ? TYPE_OBJECT : TYPE_ARRAY, -1);
            this.parent = parent;
            this.kind = kind;
            this.level = level;
            this.map = kind == OBJECT && level == 0
                    ? (size > 0 ? LinkedHashMap.newLinkedHashMap(size) : new LinkedHashMap<>()) : null;
            this.entries = kind == OBJECT && level > 0 ? new Entries(size > 0 ? size : 8) : null;
            // a set's other members are rare (a set of booleans or objects): that list is made on the first one
            this.list = kind == LIST ? (size > 0 ? new ArrayList<>(size) : new ArrayList<>()) : null;
            this.scalars = kind == SET ? (size > 0 ? new ArrayList<>(size) : new ArrayList<>()) : null;
            this._nestingDepth = parent == null ? 0 : parent._nestingDepth + 1;
        }

        /** Adds a set member of type S, N or B. */
        void member(AttributeValue.Type type, Object value) {
            if (scalarType == null) {
                scalarType = type;
            } else if (type != scalarType && mixedType == null) {
                mixedType = type;
            }
            requireNonNull(scalars).add(value);
        }

        /** Moves to the next entry: Jackson's own index, so its view of the context stays right. */
        void advance() {
            _index++;
        }

        /** {@return the index of the current entry}, -1 before the first */
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
}
