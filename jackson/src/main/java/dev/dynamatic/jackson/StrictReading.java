package dev.dynamatic.jackson;

import dev.dynamatic.ast.Limits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.ArrayType;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.util.AccessPattern;
import tools.jackson.databind.util.ClassUtil;
import tools.jackson.databind.util.NameTransformer;

/**
 * Strict reading: a private copy of the caller's mapper that reads DynamoDB values with the record codec's rules,
 * whatever the mapper allows for JSON. The caller's mapper is not changed.
 *
 * <p>The copy ({@code mapper.rebuild()}, so it keeps the caller's modules, annotations, naming and other settings)
 * differs in three ways:
 * <ul>
 * <li>Jackson's own deserializers for {@code String}, {@code boolean}, {@code char}, the number types,
 *     {@code BigDecimal}, {@code BigInteger} and {@code byte[]} (and their boxes) are replaced by ones that take only
 *     their own DynamoDB type (S, BOOL, a one-character S, N, B) and a number only when the Java type holds it exactly:
 *     no fraction for an integral type, nothing out of range, no more digits than a {@code double} or {@code float}
 *     holds. An enum takes only a string that names a constant. A primitive property that is missing or NULL is an
 *     error, for setters and fields (tracked in {@link ItemParser#marks}) and for creator parameters alike, except a
 *     missing one in an object unwrapped into its parent ({@code @JsonUnwrapped}: Jackson writes a null one as no
 *     attributes). The missing check needs the item's parser behind the tokens: an object a custom deserializer
 *     reads from a tree it built is not checked for missing primitives. The caller's own deserializers for these
 *     types are kept.</li>
 * <li>The features that let Jackson read one shape as another are off: {@code ACCEPT_SINGLE_VALUE_AS_ARRAY},
 *     {@code UNWRAP_SINGLE_VALUE_ARRAYS}, {@code ACCEPT_EMPTY_STRING_AS_NULL_OBJECT},
 *     {@code ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT}, {@code ACCEPT_FLOAT_AS_INT}, case-insensitive enums and reading an
 *     unknown enum name as null or as a default constant; numbers are never read as enums.</li>
 * <li>The mapper's coercion configuration by logical type and its defaults are cleared, so Jackson's built-in rules
 *     under those features apply. (Coercion settings for one class of the caller's own stay; so do per-property
 *     annotations such as {@code @JsonFormat} and {@code @JsonSetter}, and custom deserializers.)</li>
 * </ul>
 *
 * <p>Errors are {@link Mismatch}es: their message is the reason alone (DynamoDB type found, Java type, rule), with no
 * value; Jackson adds the property path as they pass, and the codec puts the class in front.
 */
final class StrictReading {

    /** One strict copy per caller's mapper, for as long as the caller keeps the mapper. */
    private static final Map<ObjectMapper, ObjectMapper> COPIES = Collections.synchronizedMap(new WeakHashMap<>());

    /** Below 10^6 a decimal has at most 6 significant digits, which a float always holds exactly. */
    private static final long EXACT_IN_FLOAT = 1_000_000L;

    private StrictReading() {
    }

    /**
     * {@return the strict copy of the mapper}, made on first use.
     *
     * @throws IllegalStateException if the mapper's class cannot be rebuilt (a subclass that does not override
     *                               {@code rebuild()})
     */
    static ObjectMapper mapperFor(ObjectMapper mapper) {
        return COPIES.computeIfAbsent(mapper, StrictReading::strictCopy);
    }

    private static ObjectMapper strictCopy(ObjectMapper mapper) {
        // each call changes the builder (and returns it): no chain, as the builder's own type is not known here
        MapperBuilder<?, ?> builder = mapper.rebuild();
        builder.withCoercionConfigDefaults(StrictReading::clear);
        for (LogicalType t : LogicalType.values()) {
            builder.withCoercionConfig(t, StrictReading::clear);
        }
        builder.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT,
                DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        builder.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        builder.disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);
        builder.disable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL,
                EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
        builder.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        builder.addModule(new SimpleModule("dev.dynamatic.jackson.StrictReading").setDeserializerModifier(new Modifier()));
        return builder.build();
    }

    /** Clears a coercion configuration: no explicit action for any input shape. */
    private static void clear(MutableCoercionConfig config) {
        for (CoercionInputShape shape : CoercionInputShape.values()) {
            config.setCoercion(shape, null);
        }
        config.setAcceptBlankAsEmpty(null);
    }

    // ---- errors

    /** A value that does not fit its property; the message is the reason alone, Jackson adds the path. */
    static final class Mismatch extends MismatchedInputException {
        private static final long serialVersionUID = 1L;

        Mismatch(@Nullable JsonParser p, String reason) {
            super(p, reason);
        }
    }

    /** {@return the DynamoDB type of the parser's current value}, for messages */
    static String found(@Nullable Object parser) {
        if (parser instanceof ItemParser ip) {
            return ip.currentType();
        }
        return parser instanceof JsonParser p ? ItemParser.typeOf(p.currentToken()) : "nothing";
    }

    /** {@return the item parser behind {@code p}, or else behind the context's parser}; null when reading no item */
    private static @Nullable ItemParser itemParser(@Nullable JsonParser p, DeserializationContext ctxt) {
        ItemParser ip = p == null ? null : ItemParser.behind(p);
        if (ip != null) {
            return ip;
        }
        JsonParser own = ctxt.getParser();
        return own == null ? null : ItemParser.behind(own);
    }

    /** {@return the error for a value of another DynamoDB type than {@code type} reads}, in Failures' words */
    private static Mismatch expected(JsonParser p, Class<?> type) {
        return new Mismatch(p, "expected " + Failures.expected(type) + ", found " + found(p));
    }

    private static Mismatch none(DeserializationContext ctxt, boolean missing, Class<?> primitive) {
        String box = ClassUtil.wrapperType(primitive).getSimpleName();
        return new Mismatch(ctxt.getParser(), (missing ? "is missing" : "is NULL") + ", but the property is a primitive "
                + primitive.getName() + " (declare it " + box + " or Optional<" + box + "> to allow that)");
    }

    // ---- which deserializers change

    /** Replaces Jackson's scalar deserializers and wraps beans, enums and byte arrays. */
    private static final class Modifier extends ValueDeserializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier ref,
                                                       ValueDeserializer<?> deserializer) {
            if (ClassUtil.isJacksonStdImpl(deserializer)) {
                ValueDeserializer<?> scalar = scalar(ref.getBeanClass());
                if (scalar != null) {
                    return scalar;
                }
            }
            if (deserializer instanceof BeanDeserializerBase bean) {
                return CheckedBean.wrap(bean);
            }
            return deserializer;
        }

        @Override
        public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                           BeanDescription.Supplier ref,
                                                           ValueDeserializer<?> deserializer) {
            return ClassUtil.isJacksonStdImpl(deserializer) ? new StrictEnum(deserializer, type.getRawClass())
                    : deserializer;
        }

        @Override
        public ValueDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType type,
                                                            BeanDescription.Supplier ref,
                                                            ValueDeserializer<?> deserializer) {
            return type.getRawClass() == byte[].class && ClassUtil.isJacksonStdImpl(deserializer) ? StrictBinary.INSTANCE
                    : deserializer;
        }

        /** Marks the primitive properties set one by one (not creator parameters, which Jackson checks itself). */
        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription.Supplier ref,
                                                     BeanDeserializerBuilder builder) {
            List<SettableBeanProperty> primitives = new ArrayList<>();
            for (Iterator<SettableBeanProperty> it = builder.getProperties(); it.hasNext(); ) {
                SettableBeanProperty p = it.next();
                if (p.getType().isPrimitive() && !p.isCreatorProperty() && primitives.size() < Long.SIZE) {
                    primitives.add(p);
                }
            }
            for (int i = 0; i < primitives.size(); i++) {
                builder.addOrReplaceProperty(new Marking(primitives.get(i), 1L << i), true);
            }
            return builder;
        }
    }

    private static @Nullable ValueDeserializer<?> scalar(Class<?> type) {
        if (type == String.class) {
            return StrictString.INSTANCE;
        }
        if (type == boolean.class || type == Boolean.class) {
            return new StrictBoolean(type);
        }
        if (type == char.class || type == Character.class) {
            return new StrictChar(type);
        }
        NumberKind kind = NumberKind.of(type);
        return kind == null ? null : new StrictNumber(type, kind);
    }

    // ---- scalars

    /** A string from S only. */
    private static final class StrictString extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;
        static final StrictString INSTANCE = new StrictString();

        StrictString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                return p.getString();
            }
            throw expected(p, String.class);
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return "";
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** What scalars that may be primitive have in common: NULL and absence are errors for a primitive. */
    private abstract static class Primitive<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;

        Primitive(Class<?> type) {
            super(type);
        }

        @Override
        public @Nullable Object getNullValue(DeserializationContext ctxt) {
            if (_valueClass.isPrimitive()) {
                throw none(ctxt, false, _valueClass);
            }
            return null;
        }

        /**
         * {@return null for a box}; for a primitive an error, except in an object unwrapped into its parent
         * ({@code @JsonUnwrapped}), where Jackson writes a null object as no attributes at all: there it is Java's
         * default, as Jackson gives it.
         */
        @Override
        public @Nullable Object getAbsentValue(DeserializationContext ctxt) {
            if (_valueClass.isPrimitive()) {
                ItemParser ip = itemParser(null, ctxt);
                if (ip != null && ip.unwrapped > 0) {
                    return getEmptyValue(ctxt);
                }
                throw none(ctxt, true, _valueClass);
            }
            return null;
        }

        /** {@return DYNAMIC for a primitive}, so that Jackson asks {@link #getNullValue} every time. */
        @Override
        public AccessPattern getNullAccessPattern() {
            return _valueClass.isPrimitive() ? AccessPattern.DYNAMIC : AccessPattern.ALWAYS_NULL;
        }
    }

    /** A boolean from BOOL only. */
    private static final class StrictBoolean extends Primitive<Boolean> {
        private static final long serialVersionUID = 1L;

        StrictBoolean(Class<?> type) {
            super(type);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE) {
                return Boolean.TRUE;
            }
            if (t == JsonToken.VALUE_FALSE) {
                return Boolean.FALSE;
            }
            throw expected(p, _valueClass);
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return Boolean.FALSE;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Boolean;
        }
    }

    /** A char from an S of one character only. */
    private static final class StrictChar extends Primitive<Character> {
        private static final long serialVersionUID = 1L;

        StrictChar(Class<?> type) {
            super(type);
        }

        @Override
        public Character deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                String s = p.getString();
                if (s.length() == 1) {
                    return s.charAt(0);
                }
                throw new Mismatch(p, "expected a string (S) of one character, found a string of " + s.length()
                        + " characters");
            }
            throw expected(p, _valueClass);
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return '\0';
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** The Java number types, each read back exactly or not at all (as the record codec reads them). */
    private enum NumberKind {
        INT, LONG, SHORT, BYTE, DOUBLE, FLOAT, BIG_DECIMAL, BIG_INTEGER;

        static @Nullable NumberKind of(Class<?> c) {
            if (c == int.class || c == Integer.class) {
                return INT;
            }
            if (c == long.class || c == Long.class) {
                return LONG;
            }
            if (c == short.class || c == Short.class) {
                return SHORT;
            }
            if (c == byte.class || c == Byte.class) {
                return BYTE;
            }
            if (c == double.class || c == Double.class) {
                return DOUBLE;
            }
            if (c == float.class || c == Float.class) {
                return FLOAT;
            }
            if (c == BigDecimal.class) {
                return BIG_DECIMAL;
            }
            return c == BigInteger.class ? BIG_INTEGER : null;
        }
    }

    /** A number from N only, exactly. */
    private static final class StrictNumber extends Primitive<Object> {
        private static final long serialVersionUID = 1L;
        private final NumberKind kind;
        private final String javaName;

        StrictNumber(Class<?> type, NumberKind kind) {
            super(type);
            this.kind = kind;
            this.javaName = type.getSimpleName();
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw expected(p, _valueClass);
            }
            if (p instanceof ItemParser ip && ip.plain()) {
                // the everyday number, read while the parser checked it: at most 18 digits, no exponent
                Object v = plain(ip, ip.unscaled(), ip.scale());
                if (v != null) {
                    return v;
                }
            }
            return exact(p, p.getDecimalValue());
        }

        /** {@return the plain number as this kind}, or null to take the general way (a fraction, a range check) */
        private @Nullable Object plain(ItemParser ip, long unscaled, int scale) {
            return switch (kind) {
                case INT -> scale == 0 && unscaled == (int) unscaled ? (Object) (int) unscaled : null;
                case LONG -> scale == 0 ? (Object) unscaled : null;
                case SHORT -> scale == 0 && unscaled == (short) unscaled ? (Object) (short) unscaled : null;
                case BYTE -> scale == 0 && unscaled == (byte) unscaled ? (Object) (byte) unscaled : null;
                case BIG_INTEGER -> scale == 0 ? BigInteger.valueOf(unscaled) : null;
                case BIG_DECIMAL -> ip.getDecimalValue();
                case DOUBLE -> ip.exactInDouble() ? ip.getDoubleValue() : null;
                case FLOAT -> unscaled > -EXACT_IN_FLOAT && unscaled < EXACT_IN_FLOAT ? ip.getFloatValue() : null;
            };
        }

        /** {@return the number as this kind}, if the kind holds it exactly */
        private Object exact(JsonParser p, BigDecimal n) {
            try {
                return switch (kind) {
                    case INT -> n.intValueExact();
                    case LONG -> n.longValueExact();
                    case SHORT -> n.shortValueExact();
                    case BYTE -> n.byteValueExact();
                    case BIG_INTEGER -> {
                        // decided before toBigIntegerExact expands the number, which for the 12 characters
                        // "1E+600000000" (or "1E-600000000") takes minutes and gigabytes: as the record codec decides
                        if (n.signum() != 0 && n.scale() >= n.precision()) {
                            throw new ArithmeticException("a fraction of magnitude below 1");
                        }
                        if (n.signum() != 0 && (long) n.precision() - n.scale() - 1 > Limits.MAX_NUMBER_EXPONENT) {
                            throw new ArithmeticException("beyond DynamoDB's numbers, which are below 1E+126");
                        }
                        yield n.toBigIntegerExact();
                    }
                    case BIG_DECIMAL -> n;
                    case DOUBLE -> {
                        double d = n.doubleValue();
                        if (!holdsExactly(d, n)) {
                            throw rounds(p, n);
                        }
                        yield d;
                    }
                    case FLOAT -> {
                        float f = n.floatValue();
                        if (Float.isInfinite(f) || new BigDecimal(Float.toString(f)).compareTo(n) != 0) {
                            throw rounds(p, n);
                        }
                        yield f;
                    }
                };
            } catch (ArithmeticException e) {
                boolean fraction = n.signum() != 0 && n.stripTrailingZeros().scale() > 0;
                throw new Mismatch(p, "the number" + Redaction.value(n) + (fraction ? " has a fraction" : " is out of range")
                        + " for " + javaName + " (it is not truncated)");
            }
        }

        private Mismatch rounds(JsonParser p, BigDecimal n) {
            return new Mismatch(p, "the number" + Redaction.value(n) + " cannot be held by a " + javaName
                    + " without rounding (declare it BigDecimal)");
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return switch (kind) {
                case INT -> 0;
                case LONG -> 0L;
                case SHORT -> (short) 0;
                case BYTE -> (byte) 0;
                case DOUBLE -> 0.0;
                case FLOAT -> 0.0f;
                case BIG_DECIMAL -> BigDecimal.ZERO;
                case BIG_INTEGER -> BigInteger.ZERO;
            };
        }

        @Override
        public LogicalType logicalType() {
            return switch (kind) {
                case INT, LONG, SHORT, BYTE, BIG_INTEGER -> LogicalType.Integer;
                case DOUBLE, FLOAT, BIG_DECIMAL -> LogicalType.Float;
            };
        }
    }

    /** {@return whether the double is the number exactly}: its shortest text is numerically the number. */
    static boolean holdsExactly(double d, BigDecimal n) {
        return !Double.isInfinite(d) && BigDecimal.valueOf(d).compareTo(n) == 0;
    }

    /** A {@code byte[]} from B only. */
    private static final class StrictBinary extends StdScalarDeserializer<byte[]> {
        private static final long serialVersionUID = 1L;
        static final StrictBinary INSTANCE = new StrictBinary();

        StrictBinary() {
            super(byte[].class);
        }

        @Override
        public byte[] deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.hasToken(JsonToken.VALUE_EMBEDDED_OBJECT) && p.getEmbeddedObject() instanceof byte[] bytes) {
                return bytes;
            }
            throw expected(p, byte[].class);
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return new byte[0];
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Binary;
        }
    }

    /** An enum from an S naming a constant only; Jackson's own deserializer maps the name. */
    private static final class StrictEnum extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;
        private final Class<?> type;

        StrictEnum(ValueDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new StrictEnum(delegate, type);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw expected(p, type);
            }
            try {
                return _delegatee.deserialize(p, ctxt);
            } catch (InvalidFormatException e) {
                throw new Mismatch(p, "the string" + Redaction.value(p.getString()) + " is not a constant of "
                        + type.getSimpleName());
            }
        }
    }

    // ---- primitives missing from beans

    /** A primitive property set one by one: records in the parser that it was set. */
    private static final class Marking extends SettableBeanProperty.Delegating {
        private static final long serialVersionUID = 1L;
        final long bit;

        Marking(SettableBeanProperty delegate, long bit) {
            super(delegate);
            this.bit = bit;
        }

        @Override
        protected SettableBeanProperty withDelegate(SettableBeanProperty d) {
            return new Marking(d, bit);
        }

        @Override
        public void deserializeAndSet(JsonParser p, DeserializationContext ctxt, Object instance) {
            delegate.deserializeAndSet(p, ctxt, instance);
            mark(p);
        }

        @Override
        public @Nullable Object deserializeSetAndReturn(JsonParser p, DeserializationContext ctxt, Object instance) {
            Object result = delegate.deserializeSetAndReturn(p, ctxt, instance);
            mark(p);
            return result;
        }

        /**
         * Also counts a value Jackson read earlier and sets now (a bean that has a creator as well): the parser is the
         * context's then.
         */
        @Override
        public void set(DeserializationContext ctxt, Object instance, @Nullable Object value) {
            delegate.set(ctxt, instance, value);
            mark(ctxt.getParser());
        }

        @Override
        public @Nullable Object setAndReturn(DeserializationContext ctxt, Object instance, @Nullable Object value) {
            Object result = delegate.setAndReturn(ctxt, instance, value);
            mark(ctxt.getParser());
            return result;
        }

        private void mark(@Nullable JsonParser p) {
            ItemParser ip = p == null ? null : ItemParser.behind(p);
            if (ip != null) {
                ip.marks |= bit;
            }
        }
    }

    /**
     * A bean with primitive properties: after reading it, checks each one set one by one was set (creator parameters
     * Jackson checks, through {@link Primitive#getAbsentValue}). Read unwrapped into its parent, it checks nothing of
     * that, since a null unwrapped object leaves no attribute: its primitives may be absent there.
     */
    private static final class CheckedBean extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;
        private final long required;
        /** By bit: the property's name and its primitive type. */
        private final String[] names;
        private final Class<?>[] types;

        private CheckedBean(ValueDeserializer<?> delegate, long required, String[] names, Class<?>[] types) {
            super(delegate);
            this.required = required;
            this.names = names;
            this.types = types;
        }

        /** {@return the bean's deserializer, wrapped when it has primitive properties} */
        static ValueDeserializer<?> wrap(BeanDeserializerBase bean) {
            long required = 0;
            String[] names = new String[Long.SIZE];
            Class<?>[] types = new Class<?>[Long.SIZE];
            boolean primitives = false;
            for (Iterator<SettableBeanProperty> it = bean.properties(); it.hasNext(); ) {
                SettableBeanProperty p = it.next();
                primitives |= p.getType().isPrimitive();
                if (p instanceof Marking m) {
                    int i = Long.numberOfTrailingZeros(m.bit);
                    required |= m.bit;
                    names[i] = m.getName();
                    types[i] = m.getType().getRawClass();
                }
            }
            for (Iterator<SettableBeanProperty> it = bean.creatorProperties(); it.hasNext(); ) {
                primitives |= it.next().getType().isPrimitive();
            }
            return primitives ? new CheckedBean(bean, required, names, types) : bean;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new CheckedBean(delegate, required, names, types);
        }

        @Override
        public ValueDeserializer<Object> unwrappingDeserializer(DeserializationContext ctxt,
                                                               NameTransformer unwrapper) {
            return new Unwrapped(_delegatee.unwrappingDeserializer(ctxt, unwrapper));
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            if (required == 0) {
                return _delegatee.deserialize(p, ctxt); // only creator primitives, which Jackson checks
            }
            ItemParser ip = ItemParser.behind(p);
            if (ip == null) {
                return _delegatee.deserialize(p, ctxt); // not read from an item
            }
            long enclosing = ip.marks;
            ip.marks = 0;
            Object bean = _delegatee.deserialize(p, ctxt);
            long set = ip.marks;
            ip.marks = enclosing;
            long missing = required & ~set;
            if (missing != 0) {
                int i = Long.numberOfTrailingZeros(missing);
                JacksonException e = none(ctxt, true, types[i]);
                throw e.prependPath(bean, names[i]);
            }
            return bean;
        }
    }

    /** A bean read unwrapped into its parent: while it is read, its missing primitives are Java's defaults. */
    private static final class Unwrapped extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        Unwrapped(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Unwrapped(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            ItemParser ip = itemParser(p, ctxt);
            if (ip == null) {
                return _delegatee.deserialize(p, ctxt);
            }
            ip.unwrapped++;
            try {
                return _delegatee.deserialize(p, ctxt);
            } finally {
                ip.unwrapped--;
            }
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt, Object intoValue) {
            ItemParser ip = itemParser(p, ctxt);
            if (ip == null) {
                return deserializeInto(p, ctxt, intoValue);
            }
            ip.unwrapped++;
            try {
                return deserializeInto(p, ctxt, intoValue);
            } finally {
                ip.unwrapped--;
            }
        }

        @SuppressWarnings("unchecked") // the delegate reads values of the type it was made for
        private Object deserializeInto(JsonParser p, DeserializationContext ctxt, Object intoValue) {
            return ((ValueDeserializer<Object>) _delegatee).deserialize(p, ctxt, intoValue);
        }
    }
}
