package dev.dynamatic.jackson;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.core.ItemCodec;
import java.util.List;
import java.util.Map;
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
 * attribute name or map key, nesting deeper than 32 levels, raw JSON text, and a class that Jackson writes as
 * anything but an object. Jackson's own errors surface the same way, as {@code Customer.address.zip: <Jackson's
 * message>}; {@link #decode} reports items that do not fit the class likewise.
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
    private final String typeName;
    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final ObjectWriteContext writeContext;
    private final ObjectReadContext readContext;
    /** The size of the last item written: room to make in the next one (a hint, so races do no harm). */
    private int lastSize = 16;

    private JacksonCodec(ObjectMapper mapper, Class<T> type, boolean omitEmptySets) {
        this.mapper = mapper;
        this.type = type;
        this.omitEmptySets = omitEmptySets;
        this.typeName = type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
        this.writer = mapper.writerFor(type);
        this.reader = mapper.readerFor(type);
        this.writeContext = new WriteContext(mapper, mapper.tokenStreamFactory().getStreamWriteFeatures());
        this.readContext = new ReadContext(mapper, mapper.tokenStreamFactory().getStreamReadFeatures(),
                mapper.tokenStreamFactory().streamReadConstraints());
    }

    /**
     * {@return a codec that writes and reads {@code type} with the given mapper}, rejecting empty sets.
     *
     * @param mapper the application's mapper, with its modules and settings (a {@code JsonMapper} or any other)
     * @param type   the class of the items: a bean, record or polymorphic base type that Jackson writes as an object
     */
    public static <T> JacksonCodec<T> of(ObjectMapper mapper, Class<T> type) {
        return new JacksonCodec<>(requireNonNull(mapper, "mapper is null"), requireNonNull(type, "type is null"), false);
    }

    /**
     * {@return a codec like this one that leaves out a property holding an empty set}, instead of rejecting the
     * value: DynamoDB has no empty sets, so the attribute is absent and reads back as whatever the class makes of a
     * missing property (often {@code null}). An empty set inside a list is still rejected, since leaving it out
     * would shift the list.
     */
    public JacksonCodec<T> omittingEmptySets() {
        return omitEmptySets ? this : new JacksonCodec<>(mapper, type, true);
    }

    /**
     * {@return the value as DynamoDB attributes}, written by the mapper.
     *
     * @throws IllegalArgumentException naming the class, the property path and the rule when a part cannot be stored
     *                                  in DynamoDB, or when Jackson fails
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
     * {@return the value the mapper reads from the attributes}
     *
     * @throws IllegalArgumentException naming the class and the property path when the item does not fit the class
     *                                  or holds a value DynamoDB could not have stored
     */
    @Override
    public T decode(Map<String, AttributeValue> item) {
        requireNonNull(item, "item is null");
        try {
            return reader.readValue(new ItemParser(readContext, item, typeName));
        } catch (JacksonException e) {
            throw failure(e);
        }
    }

    @Override
    public String toString() {
        return "JacksonCodec[" + type.getName() + (omitEmptySets ? ", omitting empty sets]" : "]");
    }

    /** {@return the exception to throw}: our own message as is, or Jackson's with the class and path in front. */
    private IllegalArgumentException failure(JacksonException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ItemGenerator.Rejected || t instanceof ItemParser.Rejected) {
                return new IllegalArgumentException(((JacksonException) t).getOriginalMessage(), e);
            }
        }
        StringBuilder message = new StringBuilder(typeName);
        List<JacksonException.Reference> path = e.getPath();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                message.append('.').append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                message.append('[').append(ref.getIndex()).append(']');
            }
        }
        return new IllegalArgumentException(message.append(": ").append(e.getOriginalMessage()).toString(), e);
    }

    /**
     * What the generator hands to Jackson for values it writes through the mapper ({@code writePOJO}); the mapper's
     * stream features are read once, as its configuration is immutable.
     */
    private record WriteContext(ObjectMapper mapper, int streamWriteFeatures) implements ObjectWriteContext {
        @Override
        public FormatSchema getSchema() {
            return null;
        }

        @Override
        public CharacterEscapes getCharacterEscapes() {
            return null;
        }

        @Override
        public PrettyPrinter getPrettyPrinter() {
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
        public FormatSchema getSchema() {
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
