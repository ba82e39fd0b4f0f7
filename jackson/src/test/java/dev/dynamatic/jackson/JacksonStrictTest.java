package dev.dynamatic.jackson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.dynamatic.jackson.Pojos.Tier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Decoding is strict by default, with the record codec's rules, whatever the mapper allows for JSON: a value reads
 * into a property only as its own DynamoDB type, a number only when the property holds it exactly, and a primitive
 * only from a present, non-NULL attribute. {@link JacksonCodec#lenient()} reads as the mapper is configured.
 */
class JacksonStrictTest {

    private static final JsonMapper DEFAULT = JsonMapper.builder().build();

    /** A mapper that lets Jackson coerce everything it can, as a JSON application might configure it. */
    private static final JsonMapper LOOSE = JsonMapper.builder()
            .enable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                    DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                    DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                    DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(MapperFeature.ALLOW_COERCION_OF_SCALARS, MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .disable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .withCoercionConfigDefaults(c -> {
                for (CoercionInputShape shape : CoercionInputShape.values()) {
                    c.setCoercion(shape, CoercionAction.TryConvert);
                }
            })
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer,
                    CoercionAction.TryConvert).setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert))
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String,
                    CoercionAction.TryConvert).setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert))
            .withCoercionConfig(int.class, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
            .withCoercionConfig(short.class, c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.AsEmpty))
            .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer,
                    CoercionAction.TryConvert).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
            .build();

    static Stream<JsonMapper> mappers() {
        return Stream.of(DEFAULT, LOOSE);
    }

    // ---- the classes read: a bean with public fields (set one by one) and a record (built through its creator)

    /** Every kind of scalar property, as fields Jackson sets one by one. */
    public static final class Bean {
        public int count;
        public Integer boxed;
        public long total;
        public short small;
        public byte tiny;
        public double ratio;
        public float weight;
        public boolean flag;
        public char initial;
        public String label;
        public BigInteger big;
        public BigDecimal exact;
        public Tier tier;
        public byte[] data;
        public List<String> notes;
        public Optional<Integer> maybe;
        public Map<String, Object> extra;
        public List<Bean> children;
    }

    /** The same kinds, read through the canonical constructor. */
    public record Rec(int count, Integer boxed, long total, double ratio, boolean flag, String label) {
    }

    /** A polymorphic base whose type id is usually not the first attribute (DynamoDB keeps no order). */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Sub.class, name = "sub")})
    public interface Base {
    }

    /** A subtype with a primitive field. */
    public static final class Sub implements Base {
        public int count;
        public String label;
    }

    /** A part of a record, unwrapped into it: {@code audit_by}, {@code audit_version}. */
    public record Audit(String by, long version) {
    }

    /** A record with an unwrapped part. */
    public record Audited(String id, @JsonUnwrapped(prefix = "audit_") Audit audit) {
    }

    /** A bean with an unwrapped part and a primitive of its own. */
    public static final class AuditedBean {
        public String id;
        @JsonUnwrapped(prefix = "audit_")
        public Audit audit;
        public int count;
    }

    /** An item that fits {@link Bean}: every primitive present. */
    private static Map<String, AttributeValue> bean(Object... replacements) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("count", AttributeValue.fromN("1"));
        item.put("total", AttributeValue.fromN("2"));
        item.put("small", AttributeValue.fromN("3"));
        item.put("tiny", AttributeValue.fromN("4"));
        item.put("ratio", AttributeValue.fromN("0.5"));
        item.put("weight", AttributeValue.fromN("0.25"));
        item.put("flag", AttributeValue.fromBool(true));
        item.put("initial", AttributeValue.fromS("x"));
        return replace(item, replacements);
    }

    /** An item that fits {@link Rec}. */
    private static Map<String, AttributeValue> rec(Object... replacements) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("count", AttributeValue.fromN("1"));
        item.put("total", AttributeValue.fromN("2"));
        item.put("ratio", AttributeValue.fromN("0.5"));
        item.put("flag", AttributeValue.fromBool(false));
        return replace(item, replacements);
    }

    /** Pairs of name and value; a null value removes the attribute. */
    private static Map<String, AttributeValue> replace(Map<String, AttributeValue> item, Object... replacements) {
        for (int i = 0; i < replacements.length; i += 2) {
            String name = (String) replacements[i];
            AttributeValue v = (AttributeValue) replacements[i + 1];
            if (v == null) {
                item.remove(name);
            } else {
                item.put(name, v);
            }
        }
        return item;
    }

    private static AttributeValue n(String n) {
        return AttributeValue.fromN(n);
    }

    private static AttributeValue s(String s) {
        return AttributeValue.fromS(s);
    }

    private static final AttributeValue NULL = AttributeValue.fromNul(true);

    private static void assertRejects(String expected, JacksonCodec<?> codec, Map<String, AttributeValue> item) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.decode(item));
        assertEquals(expected, e.getMessage());
    }

    // ---- what fits still reads

    @ParameterizedTest
    @MethodSource("mappers")
    void readsValuesThatFitExactly(JsonMapper mapper) {
        Bean b = JacksonCodec.of(mapper, Bean.class).decode(bean("count", n("1E+2"), "total", n("-9223372036854775808"),
                "ratio", n("9007199254740992"), "weight", n("16777216"), "big", n("1.00E+3"),
                "exact", n("12345678901234567890.123456789012345678"), "tier", s("GOLD"),
                "data", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2})), "label", s("5"),
                "notes", AttributeValue.fromSs(List.of("a")), "maybe", NULL, "boxed", NULL));
        assertEquals(100, b.count);
        assertEquals(Long.MIN_VALUE, b.total);
        assertEquals(9007199254740992.0, b.ratio);
        assertEquals(16777216f, b.weight);
        assertEquals(BigInteger.valueOf(1000), b.big);
        assertEquals(new BigDecimal("12345678901234567890.123456789012345678"), b.exact);
        assertEquals(Tier.GOLD, b.tier);
        assertArrayEquals(new byte[] {1, 2}, b.data);
        assertEquals("5", b.label);
        assertEquals(List.of("a"), b.notes);
        assertEquals(Optional.empty(), b.maybe);
        assertNull(b.boxed);
        assertEquals('x', b.initial);
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void readsUntypedNumbersWithoutLosingDigits(JsonMapper mapper) {
        Bean b = JacksonCodec.of(mapper, Bean.class).decode(bean("extra", AttributeValue.fromM(Map.of(
                "long", n("12345678901234567890.123456789012345678"), "short", n("1.5"), "whole", n("7")))));
        assertEquals(new BigDecimal("12345678901234567890.123456789012345678"), b.extra.get("long"));
        assertEquals(1.5, b.extra.get("short"));
        assertEquals(7, b.extra.get("whole"));

        JsonNode tree = JacksonCodec.of(mapper, JsonNode.class).decode(Map.of(
                "long", n("12345678901234567890.123456789012345678"), "short", n("1.5")));
        assertEquals(new BigDecimal("12345678901234567890.123456789012345678"), tree.get("long").decimalValue());
        assertEquals(true, tree.get("short").isDouble());
    }

    // ---- numbers of the wrong kind

    @ParameterizedTest
    @MethodSource("mappers")
    void rejectsAFractionForAnIntegralProperty(JsonMapper mapper) {
        JacksonCodec<Bean> beans = JacksonCodec.of(mapper, Bean.class);
        assertRejects("Bean.count: the number has a fraction for int (it is not truncated)", beans,
                bean("count", n("1.5")));
        assertRejects("Bean.boxed: the number has a fraction for Integer (it is not truncated)", beans,
                bean("boxed", n("-0.5")));
        assertRejects("Bean.total: the number has a fraction for long (it is not truncated)", beans,
                bean("total", n("12345678901234567890.5")));
        assertRejects("Bean.small: the number has a fraction for short (it is not truncated)", beans,
                bean("small", n("1E-1")));
        assertRejects("Bean.tiny: the number has a fraction for byte (it is not truncated)", beans,
                bean("tiny", n("2.25")));
        assertRejects("Bean.big: the number has a fraction for BigInteger (it is not truncated)", beans,
                bean("big", n("1.000000000000000000001")));
        assertRejects("Bean.maybe: the number has a fraction for Integer (it is not truncated)", beans,
                bean("maybe", n("3.5")));
        assertRejects("Rec.count: the number has a fraction for int (it is not truncated)",
                JacksonCodec.of(mapper, Rec.class), rec("count", n("1.5")));
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void rejectsANumberOutOfRange(JsonMapper mapper) {
        JacksonCodec<Bean> beans = JacksonCodec.of(mapper, Bean.class);
        assertRejects("Bean.count: the number is out of range for int (it is not truncated)", beans,
                bean("count", n("2147483648")));
        assertRejects("Bean.small: the number is out of range for short (it is not truncated)", beans,
                bean("small", n("40000")));
        assertRejects("Bean.tiny: the number is out of range for byte (it is not truncated)", beans,
                bean("tiny", n("-129")));
        assertRejects("Bean.total: the number is out of range for long (it is not truncated)", beans,
                bean("total", n("1E+19")));
    }

    @Test
    void rejectsABigIntegerDynamoDbCouldNotHaveStoredWithoutExpandingIt() {
        // DynamoDB's numbers are below 1E+126; twelve characters must not become a number of 600 million digits
        JacksonCodec<Bean> beans = JacksonCodec.of(DEFAULT, Bean.class);
        assertRejects("Bean.big: the number is out of range for BigInteger (it is not truncated)", beans,
                bean("big", n("1E+126")));
        assertRejects("Bean.big: the number is out of range for BigInteger (it is not truncated)", beans,
                bean("big", n("1E+600000000")));
        assertRejects("Bean.big: the number has a fraction for BigInteger (it is not truncated)", beans,
                bean("big", n("-1E-600000000")));
        assertEquals(new BigInteger("9".repeat(38) + "0".repeat(88)),
                beans.decode(bean("big", n("9.9999999999999999999999999999999999999E+125"))).big);
    }

    /** A custom deserializer that asks the parser for a BigInteger, whatever the token. */
    public static final class AsBigInteger extends ValueDeserializer<BigInteger> {
        @Override
        public BigInteger deserialize(JsonParser p, DeserializationContext ctxt) {
            return p.getBigIntegerValue();
        }
    }

    /** A class whose BigInteger a custom deserializer reads. */
    public record Custom(@JsonDeserialize(using = AsBigInteger.class) BigInteger big) {
    }

    @Test
    void aDeserializerAskingForABigIntegerGetsTheMappersScaleLimitBeforeTheNumberIsExpanded() {
        // the limit (100000 by default) keeps "1E+600000000" from running for minutes; just beyond it fails the same way
        JacksonCodec<Custom> strict = JacksonCodec.of(DEFAULT, Custom.class);
        for (JacksonCodec<Custom> codec : List.of(strict, strict.lenient())) {
            assertEquals(BigInteger.valueOf(1000), codec.decode(Map.of("big", n("1E+3"))).big());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> codec.decode(Map.of("big", n("1E+100001"))));
            assertEquals("Custom.big: BigDecimal scale (-100001) magnitude exceeds the maximum allowed (100000, from"
                    + " `StreamReadConstraints.getMaxBigIntegerScale()`)", e.getMessage());
        }
        assertEquals(BigInteger.ZERO, strict.lenient().decode(Map.of("big", n("1E-3"))).big());
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void rejectsMoreDigitsThanADoubleOrFloatHolds(JsonMapper mapper) {
        JacksonCodec<Bean> beans = JacksonCodec.of(mapper, Bean.class);
        assertRejects("Bean.ratio: the number cannot be held by a double without rounding (declare it BigDecimal)",
                beans, bean("ratio", n("12345678901234567890123456789012345678")));
        assertRejects("Bean.ratio: the number cannot be held by a double without rounding (declare it BigDecimal)",
                beans, bean("ratio", n("9007199254740993")));
        assertRejects("Bean.ratio: the number cannot be held by a double without rounding (declare it BigDecimal)",
                beans, bean("ratio", n("0.10000000000000001")));
        assertRejects("Bean.weight: the number cannot be held by a float without rounding (declare it BigDecimal)",
                beans, bean("weight", n("16777217")));
        assertRejects("Bean.weight: the number cannot be held by a float without rounding (declare it BigDecimal)",
                beans, bean("weight", n("1E+100")));
        assertRejects("Rec.ratio: the number cannot be held by a double without rounding (declare it BigDecimal)",
                JacksonCodec.of(mapper, Rec.class), rec("ratio", n("1.0000000000000000000000000000000000001")));
    }

    // ---- values of another DynamoDB type

    @ParameterizedTest
    @MethodSource("mappers")
    void rejectsAStringWhereANumberIsDeclared(JsonMapper mapper) {
        JacksonCodec<Bean> beans = JacksonCodec.of(mapper, Bean.class);
        assertRejects("Bean.count: expected a number (N), found S", beans, bean("count", s("5")));
        assertRejects("Bean.boxed: expected a number (N), found S", beans, bean("boxed", s("5")));
        assertRejects("Bean.ratio: expected a number (N), found S", beans, bean("ratio", s("0.5")));
        assertRejects("Bean.exact: expected a number (N), found S", beans, bean("exact", s("1")));
        assertRejects("Bean.big: expected a number (N), found S", beans, bean("big", s("")));
        assertRejects("Bean.count: expected a number (N), found BOOL", beans, bean("count", AttributeValue.fromBool(true)));
        assertRejects("Bean.count: expected a number (N), found L", beans,
                bean("count", AttributeValue.fromL(List.of(n("1")))));
        assertRejects("Rec.total: expected a number (N), found S", JacksonCodec.of(mapper, Rec.class),
                rec("total", s("2")));
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void rejectsANumberOrBooleanWhereAStringIsDeclared(JsonMapper mapper) {
        JacksonCodec<Bean> beans = JacksonCodec.of(mapper, Bean.class);
        assertRejects("Bean.label: expected a string (S), found N", beans, bean("label", n("5")));
        assertRejects("Bean.label: expected a string (S), found BOOL", beans, bean("label", AttributeValue.fromBool(false)));
        assertRejects("Bean.label: expected a string (S), found B", beans,
                bean("label", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1}))));
        assertRejects("Bean.notes[1]: expected a string (S), found N", beans,
                bean("notes", AttributeValue.fromL(List.of(s("a"), n("2")))));
        assertRejects("Rec.label: expected a string (S), found N", JacksonCodec.of(mapper, Rec.class),
                rec("label", n("5")));
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void rejectsOtherTypesWhereABooleanIsDeclared(JsonMapper mapper) {
        JacksonCodec<Bean> beans = JacksonCodec.of(mapper, Bean.class);
        assertRejects("Bean.flag: expected a boolean (BOOL), found S", beans, bean("flag", s("true")));
        assertRejects("Bean.flag: expected a boolean (BOOL), found N", beans, bean("flag", n("1")));
        assertRejects("Rec.flag: expected a boolean (BOOL), found N", JacksonCodec.of(mapper, Rec.class),
                rec("flag", n("0")));
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void rejectsOtherTypesWhereBinaryACharacterOrAnEnumIsDeclared(JsonMapper mapper) {
        JacksonCodec<Bean> beans = JacksonCodec.of(mapper, Bean.class);
        assertRejects("Bean.data: expected binary (B), found S", beans, bean("data", s("AQID")));
        assertRejects("Bean.data: expected binary (B), found L", beans,
                bean("data", AttributeValue.fromL(List.of(n("1")))));
        assertRejects("Bean.initial: expected a string (S) of one character, found N", beans, bean("initial", n("65")));
        assertRejects("Bean.initial: expected a string (S) of one character, found a string of 2 characters", beans,
                bean("initial", s("ab")));
        assertRejects("Bean.tier: expected a string (S) naming a Tier, found N", beans, bean("tier", n("1")));
        assertRejects("Bean.tier: the string is not a constant of Tier", beans, bean("tier", s("gold")));
        assertRejects("Bean.tier: the string is not a constant of Tier", beans, bean("tier", s("PLATINUM")));
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void rejectsAScalarWhereAListOrMapIsDeclared(JsonMapper mapper) {
        JacksonCodec<Bean> beans = JacksonCodec.of(mapper, Bean.class);
        assertRejects("Bean.notes: expected a list or set (L, SS, NS, BS), found S", beans, bean("notes", s("a")));
        assertRejects("Bean.children: expected a list or set (L, SS, NS, BS), found S", beans,
                bean("children", s("")));
        assertRejects("Bean.children[0]: expected a map (M), found S", beans,
                bean("children", AttributeValue.fromL(List.of(s("")))));
        assertRejects("Bean.extra: expected a map (M), found L", beans,
                bean("extra", AttributeValue.fromL(List.of())));
    }

    // ---- missing and NULL primitives

    @ParameterizedTest
    @MethodSource("mappers")
    void rejectsAMissingPrimitive(JsonMapper mapper) {
        JacksonCodec<Bean> beans = JacksonCodec.of(mapper, Bean.class);
        assertRejects("Bean.count: is missing, but the property is a primitive int (declare it Integer or"
                + " Optional<Integer> to allow that)", beans, bean("count", null));
        assertRejects("Bean.flag: is missing, but the property is a primitive boolean (declare it Boolean or"
                + " Optional<Boolean> to allow that)", beans, bean("flag", null));
        assertRejects("Bean.initial: is missing, but the property is a primitive char (declare it Character or"
                + " Optional<Character> to allow that)", beans, bean("initial", null));
        assertRejects("Rec.total: is missing, but the property is a primitive long (declare it Long or"
                + " Optional<Long> to allow that)", JacksonCodec.of(mapper, Rec.class), rec("total", null));
        assertRejects("Bean.children[1].ratio: is missing, but the property is a primitive double (declare it Double"
                + " or Optional<Double> to allow that)", beans,
                bean("children", AttributeValue.fromL(List.of(AttributeValue.fromM(bean()),
                        AttributeValue.fromM(bean("ratio", null))))));
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void rejectsANullPrimitive(JsonMapper mapper) {
        JacksonCodec<Bean> beans = JacksonCodec.of(mapper, Bean.class);
        assertRejects("Bean.count: is NULL, but the property is a primitive int (declare it Integer or"
                + " Optional<Integer> to allow that)", beans, bean("count", NULL));
        assertRejects("Bean.tiny: is NULL, but the property is a primitive byte (declare it Byte or"
                + " Optional<Byte> to allow that)", beans, bean("tiny", NULL));
        assertRejects("Rec.flag: is NULL, but the property is a primitive boolean (declare it Boolean or"
                + " Optional<Boolean> to allow that)", JacksonCodec.of(mapper, Rec.class), rec("flag", NULL));
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void checksPolymorphicValuesWhereverTheTypeIdIs(JsonMapper mapper) {
        JacksonCodec<Base> bases = JacksonCodec.of(mapper, Base.class);
        Map<String, AttributeValue> idLast = new LinkedHashMap<>();
        idLast.put("label", s("a"));
        idLast.put("count", n("1.5"));
        idLast.put("kind", s("sub"));
        assertRejects("Base.count: the number has a fraction for int (it is not truncated)", bases, idLast);
        Map<String, AttributeValue> missing = new LinkedHashMap<>();
        missing.put("label", s("a"));
        missing.put("kind", s("sub"));
        assertRejects("Base.count: is missing, but the property is a primitive int (declare it Integer or"
                + " Optional<Integer> to allow that)", bases, missing);
        Map<String, AttributeValue> fine = new LinkedHashMap<>();
        fine.put("count", n("7"));
        fine.put("kind", s("sub"));
        assertEquals(7, ((Sub) bases.decode(fine)).count);
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void letsAnUnwrappedPartLackItsPrimitivesAsJacksonWritesANullPartAsNothing(JsonMapper mapper) {
        JacksonCodec<Audited> records = JacksonCodec.of(mapper, Audited.class);
        Map<String, AttributeValue> item = records.encode(new Audited("a", null));
        assertEquals(Map.of("id", s("a")), item);
        assertEquals(new Audited("a", new Audit(null, 0)), records.decode(item)); // as Jackson reads it, lenient too
        assertEquals(records.lenient().decode(item), records.decode(item));
        assertRejects("Audited.audit_version: the number has a fraction for long (it is not truncated)", records,
                Map.of("id", s("a"), "audit_version", n("1.5")));

        JacksonCodec<AuditedBean> beans = JacksonCodec.of(mapper, AuditedBean.class);
        AuditedBean b = beans.decode(Map.of("id", s("b"), "count", n("3")));
        assertEquals(new Audit(null, 0), b.audit);
        assertRejects("AuditedBean.count: is missing, but the property is a primitive int (declare it Integer or"
                + " Optional<Integer> to allow that)", beans, Map.of("id", s("b")));
    }

    // ---- lenient: as the mapper is configured

    @Test
    void readsAsTheMapperIsConfiguredWhenLenient() {
        JacksonCodec<Bean> lenient = JacksonCodec.of(LOOSE, Bean.class).lenient();
        Bean b = lenient.decode(Map.of("count", n("1.5"), "boxed", s("5"), "label", n("5"),
                "ratio", n("12345678901234567890123456789012345678"), "notes", s("a"), "tier", s("PLATINUM")));
        assertEquals(1, b.count);
        assertEquals(5, b.boxed);
        assertEquals("5", b.label);
        assertEquals(1.2345678901234568E37, b.ratio);
        assertEquals(0, b.total); // missing
        assertEquals(List.of("a"), b.notes);
        assertNull(b.tier);
    }

    @Test
    void lenientIsAnOptionOfTheCodec() {
        JacksonCodec<Bean> strict = JacksonCodec.of(DEFAULT, Bean.class);
        JacksonCodec<Bean> lenient = strict.lenient();
        assertSame(lenient, lenient.lenient());
        assertEquals("JacksonCodec[dev.dynamatic.jackson.JacksonStrictTest$Bean, lenient]", lenient.toString());
        assertEquals("JacksonCodec[dev.dynamatic.jackson.JacksonStrictTest$Bean, omitting empty sets, lenient]",
                lenient.omittingEmptySets().toString());
        assertEquals("JacksonCodec[dev.dynamatic.jackson.JacksonStrictTest$Bean, omitting empty sets, lenient]",
                strict.omittingEmptySets().lenient().toString());
        assertRejects("Bean.count: the number has a fraction for int (it is not truncated)", strict,
                bean("count", n("1.5")));
        assertEquals(1, lenient.decode(bean("count", n("1.5"))).count);
    }

    @Test
    void saysSoWhenTheMapperCannotBeCopiedForStrictReading() {
        // a subclass of ObjectMapper that does not override rebuild(): Jackson cannot copy it
        ObjectMapper custom = new ObjectMapper() {
            private static final long serialVersionUID = 1L;
        };
        JacksonCodec<Rec> codec = JacksonCodec.of(custom, Rec.class);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> codec.decode(rec()));
        assertEquals("Rec: cannot decode strictly, as the codec could not copy the mapper ("
                + custom.getClass().getName() + " cannot be rebuilt); build the mapper with a MapperBuilder, or decode"
                + " as the mapper is configured with lenient()", e.getMessage());
        assertEquals(new Rec(1, null, 2, 0.5, false, null), codec.lenient().decode(rec()));
        assertEquals(n("2"), codec.encode(new Rec(1, null, 2, 0.5, false, null)).get("total"));
    }

    @Test
    void strictnessDoesNotChangeTheCallersMapper() {
        JacksonCodec.of(LOOSE, Bean.class).decode(bean());
        assertEquals(1, LOOSE.readValue("{\"count\": 1.5}", Bean.class).count);
        assertEquals(5, LOOSE.readValue("{\"count\": \"5\"}", Bean.class).count);
    }
}
