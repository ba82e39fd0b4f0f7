package dev.dynamatic.bench;

import dev.dynamatic.jackson.JacksonCodec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Encoding and decoding one 20-property bean: {@link JacksonCodec} (Jackson's tokens straight to and from
 * {@code AttributeValue}s) against the SDK v2 Enhanced Client's {@code BeanTableSchema} (built by
 * {@code TableSchema.fromBean} from the same class's {@code @DynamoDbBean} getters and setters) and against Jackson
 * through a {@code JsonNode} tree converted to and from {@code AttributeValue}s by hand. All three write and read the
 * same item.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBench {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final JacksonCodec<Profile> codec = JacksonCodec.of(mapper, Profile.class);
    private final TableSchema<Profile> beanSchema = TableSchema.fromBean(Profile.class);
    private final Profile value = Profile.sample();
    private final Map<String, AttributeValue> item = codec.encode(value);
    private final byte[] json = mapper.writeValueAsBytes(value);
    private final ObjectReader reader = mapper.readerFor(Profile.class);
    private final TokenBuffer tokens = tokens(mapper, value);

    /** Creates the state and checks that the three routes write the same item and read the sample back from it. */
    public CodecBench() {
        if (!item.equals(beanSchema.itemToMap(value, false)) || !item.equals(toItem(mapper.valueToTree(value)))) {
            throw new IllegalStateException("the routes write different items: " + item + " / "
                    + beanSchema.itemToMap(value, false) + " / " + toItem(mapper.valueToTree(value)));
        }
        if (!value.equals(codec.decode(item)) || !value.equals(beanSchema.mapToItem(item))
                || !value.equals(jsonNodeDecode()) || !value.equals(tokenBufferDecode())) {
            throw new IllegalStateException("the routes disagree on the sample");
        }
    }

    /** This library's Jackson codec, encoding. */
    @Benchmark
    public Map<String, AttributeValue> encode_jackson() {
        return codec.encode(value);
    }

    /** The Enhanced Client's bean schema, encoding. */
    @Benchmark
    public Map<String, AttributeValue> encode_beanTableSchema() {
        return beanSchema.itemToMap(value, false);
    }

    /** Jackson to a {@code JsonNode} tree, the tree to attribute values. */
    @Benchmark
    public Map<String, AttributeValue> encode_jsonNode() {
        return toItem(mapper.valueToTree(value));
    }

    /** Reference, not a route to DynamoDB: Jackson writing the bean as JSON bytes, its own serialization cost. */
    @Benchmark
    public byte[] encode_jsonText() {
        return mapper.writeValueAsBytes(value);
    }

    /**
     * Reference, not a route to DynamoDB: Jackson writing the bean into a {@code TokenBuffer} (an in-memory token list),
     * what its serialization costs with the cheapest generator there is.
     */
    @Benchmark
    public TokenBuffer encode_tokenBuffer() {
        return tokens(mapper, value);
    }

    /** This library's Jackson codec, decoding. */
    @Benchmark
    public Profile decode_jackson() {
        return codec.decode(item);
    }

    /** The Enhanced Client's bean schema, decoding. */
    @Benchmark
    public Profile decode_beanTableSchema() {
        return beanSchema.mapToItem(item);
    }

    /** Attribute values to a {@code JsonNode} tree, the tree to the bean through Jackson. */
    @Benchmark
    public Profile decode_jsonNode() {
        return jsonNodeDecode();
    }

    /** Reference, not a route from DynamoDB: Jackson reading the bean from JSON bytes. */
    @Benchmark
    public Profile decode_jsonText() {
        return mapper.readValue(json, Profile.class);
    }

    /**
     * Reference, not a route from DynamoDB: Jackson reading the bean from a filled {@code TokenBuffer} (strings and
     * numbers already parsed), the floor for any codec that has Jackson bind the bean.
     */
    @Benchmark
    public Profile decode_tokenBuffer() {
        return tokenBufferDecode();
    }

    private Profile tokenBufferDecode() {
        return reader.readValue(tokens.asParser());
    }

    private static TokenBuffer tokens(JsonMapper mapper, Profile value) {
        TokenBuffer buffer = TokenBuffer.forGeneration();
        mapper.writeValue(buffer, value);
        return buffer;
    }

    private Profile jsonNodeDecode() {
        return mapper.treeToValue(fromItem(item), Profile.class);
    }

    // ---- the JsonNode route's conversions, written as a user of Jackson would

    /** The tree does not say which arrays hold a set: a user of this route names the set attributes (here: one). */
    private static final Set<String> STRING_SETS = Set.of("tags");

    static Map<String, AttributeValue> toItem(JsonNode object) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            JsonNode v = e.getValue();
            item.put(e.getKey(), v.isArray() && STRING_SETS.contains(e.getKey()) ? toStringSet(v) : toAttribute(v));
        }
        return item;
    }

    static AttributeValue toStringSet(JsonNode array) {
        List<String> members = new ArrayList<>(array.size());
        for (JsonNode e : array) {
            members.add(e.stringValue());
        }
        return AttributeValue.fromSs(members);
    }

    static AttributeValue toAttribute(JsonNode node) {
        if (node.isString()) {
            return AttributeValue.fromS(node.stringValue());
        }
        if (node.isNumber()) {
            return AttributeValue.fromN(node.isBigDecimal() ? node.decimalValue().toPlainString()
                    : node.numberValue().toString());
        }
        if (node.isBoolean()) {
            return AttributeValue.fromBool(node.booleanValue());
        }
        if (node.isNull()) {
            return AttributeValue.fromNul(true);
        }
        if (node.isBinary()) {
            return AttributeValue.fromB(SdkBytes.fromByteArray(node.binaryValue()));
        }
        if (node.isArray()) {
            List<AttributeValue> list = new ArrayList<>(node.size());
            for (JsonNode e : node) {
                list.add(toAttribute(e));
            }
            return AttributeValue.fromL(list);
        }
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            map.put(e.getKey(), toAttribute(e.getValue()));
        }
        return AttributeValue.fromM(map);
    }

    static ObjectNode fromItem(Map<String, AttributeValue> item) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        item.forEach((name, av) -> object.set(name, fromAttribute(av)));
        return object;
    }

    static JsonNode fromAttribute(AttributeValue av) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (av.type()) {
            case S -> f.stringNode(av.s());
            case N -> f.numberNode(new BigDecimal(av.n()));
            case B -> f.binaryNode(av.b().asByteArray());
            case BOOL -> f.booleanNode(av.bool());
            case NUL -> f.nullNode();
            case L -> {
                ArrayNode array = f.arrayNode();
                av.l().forEach(e -> array.add(fromAttribute(e)));
                yield array;
            }
            case M -> {
                ObjectNode object = f.objectNode();
                av.m().forEach((k, e) -> object.set(k, fromAttribute(e)));
                yield object;
            }
            case SS -> {
                ArrayNode array = f.arrayNode();
                av.ss().forEach(array::add);
                yield array;
            }
            case NS -> {
                ArrayNode array = f.arrayNode();
                av.ns().forEach(n -> array.add(new BigDecimal(n)));
                yield array;
            }
            case BS -> {
                ArrayNode array = f.arrayNode();
                av.bs().forEach(b -> array.add(b.asByteArray()));
                yield array;
            }
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("no type: " + av);
            case null -> throw new IllegalArgumentException("several types: " + av);
            default -> throw new IllegalArgumentException("unexpected type " + av.type());
        };
    }

    /** A customer profile with 20 properties, readable by Jackson and by the Enhanced Client alike. */
    @DynamoDbBean
    public static final class Profile {
        private String pk;
        private String sk;
        private String name;
        private String email;
        private String city;
        private String country;
        private String status;
        private Integer age;
        private Long visits;
        private Double score;
        private Boolean active;
        private BigDecimal balance;
        private Instant created;
        private Instant updated;
        private Set<String> tags;
        private List<String> notes;
        private Map<String, String> attributes;
        private Integer loyalty;
        private Double rating;
        private Long version;

        /** Creates an empty profile. */
        public Profile() {
        }

        static Profile sample() {
            Profile p = new Profile();
            p.pk = "CUST#4711";
            p.sk = "PROFILE";
            p.name = "Ada Lovelace";
            p.email = "ada@example.com";
            p.city = "London";
            p.country = "GB";
            p.status = "ACTIVE";
            p.age = 36;
            p.visits = 1_234_567L;
            p.score = 98.25;
            p.active = true;
            p.balance = new BigDecimal("12345.67");
            p.created = Instant.parse("2024-01-02T03:04:05.678Z");
            p.updated = Instant.parse("2025-06-07T08:09:10.111Z");
            p.tags = new LinkedHashSet<>(List.of("vip", "early-adopter", "newsletter"));
            p.notes = List.of("prefers email", "birthday in December");
            p.attributes = new LinkedHashMap<>(Map.of("source", "web", "campaign", "spring"));
            p.loyalty = 3;
            p.rating = 4.5;
            p.version = 42L;
            return p;
        }

        /** @return the partition key */
        @DynamoDbPartitionKey
        public String getPk() {
            return pk;
        }

        /** @param pk the partition key */
        public void setPk(String pk) {
            this.pk = pk;
        }

        /** @return the sort key */
        @DynamoDbSortKey
        public String getSk() {
            return sk;
        }

        /** @param sk the sort key */
        public void setSk(String sk) {
            this.sk = sk;
        }

        /** @return the name */
        public String getName() {
            return name;
        }

        /** @param name the name */
        public void setName(String name) {
            this.name = name;
        }

        /** @return the email */
        public String getEmail() {
            return email;
        }

        /** @param email the email */
        public void setEmail(String email) {
            this.email = email;
        }

        /** @return the city */
        public String getCity() {
            return city;
        }

        /** @param city the city */
        public void setCity(String city) {
            this.city = city;
        }

        /** @return the country */
        public String getCountry() {
            return country;
        }

        /** @param country the country */
        public void setCountry(String country) {
            this.country = country;
        }

        /** @return the status */
        public String getStatus() {
            return status;
        }

        /** @param status the status */
        public void setStatus(String status) {
            this.status = status;
        }

        /** @return the age */
        public Integer getAge() {
            return age;
        }

        /** @param age the age */
        public void setAge(Integer age) {
            this.age = age;
        }

        /** @return the visits */
        public Long getVisits() {
            return visits;
        }

        /** @param visits the visits */
        public void setVisits(Long visits) {
            this.visits = visits;
        }

        /** @return the score */
        public Double getScore() {
            return score;
        }

        /** @param score the score */
        public void setScore(Double score) {
            this.score = score;
        }

        /** @return whether active */
        public Boolean getActive() {
            return active;
        }

        /** @param active whether active */
        public void setActive(Boolean active) {
            this.active = active;
        }

        /** @return the balance */
        public BigDecimal getBalance() {
            return balance;
        }

        /** @param balance the balance */
        public void setBalance(BigDecimal balance) {
            this.balance = balance;
        }

        /** @return when created */
        public Instant getCreated() {
            return created;
        }

        /** @param created when created */
        public void setCreated(Instant created) {
            this.created = created;
        }

        /** @return when updated */
        public Instant getUpdated() {
            return updated;
        }

        /** @param updated when updated */
        public void setUpdated(Instant updated) {
            this.updated = updated;
        }

        /** @return the tags */
        public Set<String> getTags() {
            return tags;
        }

        /** @param tags the tags */
        public void setTags(Set<String> tags) {
            this.tags = tags;
        }

        /** @return the notes */
        public List<String> getNotes() {
            return notes;
        }

        /** @param notes the notes */
        public void setNotes(List<String> notes) {
            this.notes = notes;
        }

        /** @return the attributes */
        public Map<String, String> getAttributes() {
            return attributes;
        }

        /** @param attributes the attributes */
        public void setAttributes(Map<String, String> attributes) {
            this.attributes = attributes;
        }

        /** @return the loyalty level */
        public Integer getLoyalty() {
            return loyalty;
        }

        /** @param loyalty the loyalty level */
        public void setLoyalty(Integer loyalty) {
            this.loyalty = loyalty;
        }

        /** @return the rating */
        public Double getRating() {
            return rating;
        }

        /** @param rating the rating */
        public void setRating(Double rating) {
            this.rating = rating;
        }

        /** @return the version */
        public Long getVersion() {
            return version;
        }

        /** @param version the version */
        public void setVersion(Long version) {
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Profile p && Objects.equals(pk, p.pk) && Objects.equals(sk, p.sk)
                    && Objects.equals(name, p.name) && Objects.equals(email, p.email) && Objects.equals(city, p.city)
                    && Objects.equals(country, p.country) && Objects.equals(status, p.status)
                    && Objects.equals(age, p.age) && Objects.equals(visits, p.visits) && Objects.equals(score, p.score)
                    && Objects.equals(active, p.active) && Objects.equals(balance, p.balance)
                    && Objects.equals(created, p.created) && Objects.equals(updated, p.updated)
                    && Objects.equals(tags, p.tags) && Objects.equals(notes, p.notes)
                    && Objects.equals(attributes, p.attributes) && Objects.equals(loyalty, p.loyalty)
                    && Objects.equals(rating, p.rating) && Objects.equals(version, p.version);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pk, sk);
        }
    }
}
