package dev.dynamatic.jackson;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.core.ItemCodec;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.FormatSchema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TreeNode;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.tree.ArrayTreeNode;
import tools.jackson.core.tree.ObjectTreeNode;
import tools.jackson.core.type.ResolvedType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * An {@link ItemCodec} for any class the caller's Jackson 3 {@link ObjectMapper} can write and read: Jackson's
 * annotations, modules, mix-ins, custom serializers and inclusion settings decide what an item holds.
 *
 * {@snippet :
 * JsonMapper mapper = JsonMapper.builder().build();               // the application's own mapper
 * ItemCodec<Customer> customers = JacksonCodec.of(mapper, Customer.class);
 * table.put(customer, customers);
 * Optional<Customer> back = table.get(Key.of("CUST#42", "PROFILE"), customers);
 * }
 *
 * <p>Jackson's tokens go straight into {@link AttributeValue}s and come straight out of them (the codec is a
 * Jackson generator and parser over DynamoDB's values): no JSON text and no {@code JsonNode} tree in between.
 * <table class="striped">
 * <caption>What Jackson writes and what DynamoDB stores</caption>
 * <thead><tr><th>Jackson writes</th><th>DynamoDB</th><th>read back</th></tr></thead>
 * <tbody>
 * <tr><td>the object for the value (a bean, record, map)</td><td>the item's attributes</td><td>the same</td></tr>
 * <tr><td>a nested object (bean, record, {@code Map})</td><td>M</td><td>an object</td></tr>
 * <tr><td>an array for a {@link java.util.Set} of strings (or enums), numbers or
 *     {@code byte[]}</td><td>SS, NS, BS</td><td>an array, so back into the set</td></tr>
 * <tr><td>any other array ({@code List}, array, a set of booleans or objects)</td><td>L</td><td>an array</td></tr>
 * <tr><td>a string (so {@code UUID}s, enums, {@code java.time} values by default)</td><td>S</td><td>a string</td></tr>
 * <tr><td>a number</td><td>N, as exact decimal text (a {@code BigDecimal}, {@code BigInteger} or {@code long}
 *     never passes through {@code double}; a {@code double} is written as its shortest exact text)</td>
 *     <td>a number, parsed by whatever Jackson asks for</td></tr>
 * <tr><td>binary ({@code byte[]}, {@code ByteBuffer})</td><td>B</td><td>binary</td></tr>
 * <tr><td>a boolean</td><td>BOOL</td><td>a boolean</td></tr>
 * <tr><td>null</td><td>NULL (a property the mapper omits, e.g. with {@code @JsonInclude(NON_NULL)}, is
 *     absent)</td><td>null</td></tr>
 * </tbody>
 * </table>
 *
 * <p>DynamoDB stores numbers normalised ({@code 1.50} as {@code 1.5}) and this codec writes them that way too, so
 * a {@code BigDecimal} reads back numerically equal, with DynamoDB's scale. Sets read back in DynamoDB's order.
 *
 * <p>What DynamoDB cannot store is refused by {@link #encode} with an {@link IllegalArgumentException} naming the
 * class, the property path and the rule, e.g. {@code Customer.tags: empty set — DynamoDB sets cannot be empty}:
 * an empty set (unless {@link #omittingEmptySets()}), a NULL member or members of mixed types in a set, duplicate
 * set members, a number beyond 38 significant digits or outside 1E-130 to 1E+126, NaN or infinity, an empty
 * attribute name or map key, nesting deeper than 32 levels (so also a structure that refers to itself), raw JSON text,
 * and a class that Jackson writes as anything but an object.
 *
 * <p>{@link #decode} is strict, with the rules of {@link dev.dynamatic.core.RecordCodec the record codec}, whatever the mapper
 * allows for JSON: a property reads only its own DynamoDB type (a {@code String} an S, a number an N, a
 * {@code boolean} a BOOL, a {@code byte[]} a B, an enum an S naming a constant, a list or set an L, SS, NS or BS),
 * a number only when the Java type holds it exactly (no fraction for an {@code int}, nothing out of range, no more
 * digits than a {@code double} holds), and a primitive property only from a present, non-NULL attribute (except in an
 * object unwrapped into its parent with {@code @JsonUnwrapped}, which Jackson writes as no attributes at all when it
 * is null: there a missing primitive reads as Java's default, as Jackson reads it). So an N
 * {@code 1.5} for an {@code int}, an S {@code "5"} for an {@code int}, an N for a {@code String}, a missing
 * {@code int} or a 38-digit N for a {@code double} are errors such as
 * {@code Customer.age: the number has a fraction for int (it is not truncated)} or
 * {@code Customer.age: expected a number (N), found S}. Untyped values ({@code Object}, {@code Map<String, Object>},
 * {@code JsonNode}) keep every digit: a number a {@code double} cannot hold reads as a {@code BigDecimal}. Decoding
 * uses a private copy of the mapper for that (built once per mapper, with its modules and annotations; the mapper
 * itself is unchanged), in which Jackson's coercion features and its coercion settings by logical type are off;
 * custom deserializers, per-property annotations and coercion settings for a class of your own still apply.
 * {@link #lenient()} decodes as the mapper is configured instead. An item nested deeper than 32 levels is refused
 * either way, before Jackson reads deeper.
 *
 * <p>No message shows a value of the item: messages name the class, the property path, the DynamoDB type and the
 * reason. Jackson's own errors, whose messages quote the input, are rewritten that way (only errors in a class's
 * definition, which name types, keep Jackson's words), and the exception's cause is a copy of what was thrown that
 * keeps each exception's class and stack trace, without its message.
 *
 * <p>An item read from a table carries its key attributes (and any others written by other code), which Jackson 3
 * ignores by default when the class has no such property; a mapper with
 * {@code DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES} enabled reports them instead. In a named module, open
 * the package of your classes to {@code tools.jackson.databind}, as for any use of Jackson. Instances are thread-safe
 * and their configuration is immutable.
 *
 * @param <T> the caller's type
 */
public final class JacksonCodec<T> implements ItemCodec<T> {

    private final ObjectMapper mapper;
    private final Class<T> type;
    private final boolean omitEmptySets;
    private final boolean lenient;
    private final String typeName;
    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final ObjectWriteContext writeContext;
    private final ObjectReadContext readContext;
    /** Why there is no strict copy of the mapper, if there is none (decoding strictly then fails with it). */
    private final @Nullable RuntimeException noStrictCopy;
    /** The size of the last item written: room to make in the next one (a hint, so races do no harm). */
    private int lastSize = 16;

    private JacksonCodec(ObjectMapper mapper, Class<T> type, boolean omitEmptySets, boolean lenient) {
        this.mapper = mapper;
        this.type = type;
        this.omitEmptySets = omitEmptySets;
        this.lenient = lenient;
        this.typeName = type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
        this.writer = mapper.writerFor(type);
        this.writeContext = new WriteContext(mapper, mapper.tokenStreamFactory().getStreamWriteFeatures());
        ObjectMapper reading = mapper;
        RuntimeException failed = null;
        if (!lenient) {
            try {
                reading = StrictReading.mapperFor(mapper);
            } catch (RuntimeException e) {
                failed = e; // a mapper class that cannot be rebuilt: reported when decoding, so lenient() still works
            }
        }
        this.noStrictCopy = failed;
        this.reader = reading.readerFor(type);
        this.readContext = new ReadContext(reading, reading.tokenStreamFactory().getStreamReadFeatures(),
                reading.tokenStreamFactory().streamReadConstraints());
    }

    /**
     * {@return a codec that writes and reads {@code type} with the given mapper}, rejecting empty sets and decoding
     * strictly.
     *
     * @param <T>    the caller's type
     * @param mapper the application's mapper, with its modules and settings (a {@code JsonMapper} or any other)
     * @param type   the class of the items: a bean, record or polymorphic base type that Jackson writes as an object
     * @throws IllegalArgumentException if {@code type} is a record or class with generated references
     *         ({@code @Attributes}) whose attribute names (its own, or those of the {@code @Attributes} types it
     *         holds) are not names the mapper writes (its naming strategy, mix-ins, visibility or custom serializers
     *         may change them): the first such reference, and the name the mapper writes for it instead, or the
     *         names it writes if it writes none for it
     */
    public static <T> JacksonCodec<T> of(ObjectMapper mapper, Class<T> type) {
        requireNonNull(mapper, "mapper is null");
        requireNonNull(type, "type is null");
        GeneratedNames.check(mapper, type);
        return new JacksonCodec<>(mapper, type, false, false);
    }

    /**
     * {@return a codec like this one that leaves out a property holding an empty set}, instead of rejecting the
     * value: DynamoDB has no empty sets, so the attribute is absent and reads back as whatever the class makes of a
     * missing property (often {@code null}). An empty set inside a list is still rejected, since leaving it out
     * would shift the list.
     */
    public JacksonCodec<T> omittingEmptySets() {
        return omitEmptySets ? this : new JacksonCodec<>(mapper, type, true, lenient);
    }

    /**
     * {@return a codec like this one that decodes as the mapper is configured}, with Jackson's coercions: an N
     * {@code 1.5} may read as the {@code int} 1, an S {@code "5"} as the {@code int} 5, an N as a {@code String}, a
     * missing {@code int} as 0 and a 38-digit N as the nearest {@code double}, as far as the mapper's features and
     * coercion settings allow. For items written by other code that rely on that; encoding is the same either way,
     * and messages still show no value.
     *
     * {@snippet :
     * ItemCodec<LegacyOrder> orders = JacksonCodec.of(mapper, LegacyOrder.class).lenient();
     * }
     */
    public JacksonCodec<T> lenient() {
        return lenient ? this : new JacksonCodec<>(mapper, type, omitEmptySets, true);
    }

    /**
     * {@return the value as DynamoDB attributes}, written by the mapper.
     *
     * @throws IllegalArgumentException naming the class, the property path and the rule when a part cannot be stored
     *                                  in DynamoDB, or when Jackson fails (the message shows no value)
     */
    @Override
    public Map<String, AttributeValue> encode(T value) {
        requireNonNull(value, "value is null");
        ItemGenerator g = new ItemGenerator(writeContext, typeName, omitEmptySets, lastSize);
        try {
            writer.writeValue(g, value);
        } catch (JacksonException e) {
            throw failure(e);
        }
        Map<String, AttributeValue> item = g.item();
        lastSize = item.size();
        return item;
    }

    /**
     * {@return the value the mapper reads from the attributes}, strictly unless {@link #lenient()}
     *
     * @throws IllegalArgumentException naming the class, the property path, the DynamoDB type and the reason when the
     *                                  item does not fit the class or holds a value DynamoDB could not have stored
     * @throws IllegalStateException    when decoding strictly with a mapper whose class cannot be rebuilt (a subclass
     *                                  of {@code ObjectMapper} that does not override {@code rebuild()}), so that the
     *                                  codec has no strict copy of it
     */
    @Override
    public T decode(Map<String, AttributeValue> item) {
        requireNonNull(item, "item is null");
        if (noStrictCopy != null) {
            throw new IllegalStateException(typeName + ": cannot decode strictly, as the codec could not copy the mapper ("
                    + mapper.getClass().getName() + " cannot be rebuilt); build the mapper with a MapperBuilder, or"
                    + " decode as the mapper is configured with lenient()", noStrictCopy);
        }
        try {
            return reader.readValue(new ItemParser(readContext, item, typeName, !lenient));
        } catch (JacksonException e) {
            throw failure(e);
        }
    }

    @Override
    public String toString() {
        return "JacksonCodec[" + type.getName() + (omitEmptySets ? ", omitting empty sets" : "")
                + (lenient ? ", lenient" : "") + "]";
    }

    private IllegalArgumentException failure(JacksonException e) {
        return Failures.of(typeName, e);
    }

    /**
     * What the generator hands to Jackson for values it writes through the mapper ({@code writePOJO}); the mapper's
     * stream features are read once, as its configuration is immutable.
     */
    private record WriteContext(ObjectMapper mapper, int streamWriteFeatures) implements ObjectWriteContext {
        @Override
        public @Nullable FormatSchema getSchema() {
            return null;
        }

        @Override
        public @Nullable CharacterEscapes getCharacterEscapes() {
            return null;
        }

        @Override
        public @Nullable PrettyPrinter getPrettyPrinter() {
            return null;
        }

        @Override
        public boolean hasPrettyPrinter() {
            return false;
        }

        @Override
        public SerializableString getRootValueSeparator(SerializableString defaultSeparator) {
            return defaultSeparator;
        }

        @Override
        public int getStreamWriteFeatures(int defaults) {
            return streamWriteFeatures;
        }

        @Override
        public int getFormatWriteFeatures(int defaults) {
            return defaults;
        }

        @Override
        public TokenStreamFactory tokenStreamFactory() {
            return mapper.tokenStreamFactory();
        }

        @Override
        public ArrayTreeNode createArrayNode() {
            return mapper.createArrayNode();
        }

        @Override
        public ObjectTreeNode createObjectNode() {
            return mapper.createObjectNode();
        }

        @Override
        public void writeValue(JsonGenerator g, Object value) {
            mapper.writeValue(g, value);
        }

        @Override
        public void writeTree(JsonGenerator g, TreeNode tree) {
            if (tree instanceof JsonNode node) {
                mapper.writeTree(g, node);
            } else {
                mapper.writeValue(g, tree);
            }
        }
    }

    /**
     * What the parser hands to Jackson for values read through the mapper ({@code readValueAs}); the mapper's stream
     * features and constraints are read once, as its configuration is immutable.
     */
    private record ReadContext(ObjectMapper mapper, int streamReadFeatures, StreamReadConstraints constraints)
            implements ObjectReadContext {
        @Override
        public @Nullable FormatSchema getSchema() {
            return null;
        }

        @Override
        public int getStreamReadFeatures(int defaults) {
            return streamReadFeatures;
        }

        @Override
        public int getFormatReadFeatures(int defaults) {
            return defaults;
        }

        @Override
        public TokenStreamFactory tokenStreamFactory() {
            return mapper.tokenStreamFactory();
        }

        @Override
        public StreamReadConstraints streamReadConstraints() {
            return constraints;
        }

        @Override
        public ArrayTreeNode createArrayNode() {
            return mapper.createArrayNode();
        }

        @Override
        public ObjectTreeNode createObjectNode() {
            return mapper.createObjectNode();
        }

        @Override
        @SuppressWarnings("unchecked") // the caller asks for the tree type the mapper builds
        public <N extends TreeNode> N readTree(JsonParser p) {
            return (N) mapper.readTree(p);
        }

        @Override
        public <V> V readValue(JsonParser p, Class<V> valueType) {
            return mapper.readValue(p, valueType);
        }

        @Override
        public <V> V readValue(JsonParser p, TypeReference<V> valueTypeRef) {
            return mapper.readValue(p, valueTypeRef);
        }

        @Override
        public <V> V readValue(JsonParser p, ResolvedType valueType) {
            return mapper.readValue(p, valueType);
        }
    }
}
