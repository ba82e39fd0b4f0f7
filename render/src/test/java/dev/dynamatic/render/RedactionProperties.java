package dev.dynamatic.render;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Dsl;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.Redaction;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Values never show: every value of a random tree is replaced by one that carries a canary secret (in a string, a
 * number's digits or binary content), and the canary must not appear in any {@code toString}, debug text,
 * rendering's text, or in the message of any exception, cause or suppressed exception that a random failure
 * throws (bad sets, bad numbers, bad SDK values, bad Java values, bad expression values), while values are
 * hidden, the default. With values shown ({@link Redaction}) the canary does appear, so the check can fail.
 */
class RedactionProperties {

    static final String CANARY = "hunter2-canary";
    /** A number whose digits are a canary: a planted number's text always holds them. */
    static final BigDecimal CANARY_NUMBER = new BigDecimal("271828182845904523");
    static final Bytes CANARY_BYTES = Bytes.of(CANARY.getBytes(UTF_8));
    /** What a canary looks like in text: the secret, the number's digits, the first 12 bytes in Base64. */
    static final List<String> TRACES = List.of(CANARY, CANARY_NUMBER.toPlainString(),
            CANARY_BYTES.base64().substring(0, 16));

    @AfterEach
    void hideValuesAgain() {
        Redaction.showValues(false);
    }

    // ---- planting canaries in trees

    /** Replaces every value of a tree by one of the same type that carries a canary, keeping the tree valid. */
    static Value plant(Value v) {
        return switch (v) {
            case Value.S(String s) -> new Value.S(CANARY + s);
            case Value.N n -> new Value.N(CANARY_NUMBER);
            case Value.B b -> new Value.B(CANARY_BYTES);
            case Value.Bool b -> b;
            case Value.Null x -> x;
            case Value.L(List<Value> values) -> new Value.L(values.stream().map(RedactionProperties::plant).toList());
            case Value.M(Map<String, Value> values) -> {
                Map<String, Value> m = new LinkedHashMap<>();
                values.forEach((k, e) -> m.put(k, plant(e)));
                yield new Value.M(m);
            }
            case Value.SS(List<String> members) -> new Value.SS(members.stream().map(s -> CANARY + s).toList());
            case Value.NS(List<Value.N> members) -> {
                List<Value.N> planted = new ArrayList<>();
                for (int i = 0; i < members.size(); i++) {
                    planted.add(new Value.N(CANARY_NUMBER.movePointRight(2).add(BigDecimal.valueOf(i))));
                }
                yield new Value.NS(planted);
            }
            case Value.BS(List<Bytes> members) -> {
                List<Bytes> planted = new ArrayList<>();
                for (Bytes b : members) {
                    byte[] all = new byte[CANARY_BYTES.length() + b.length()];
                    System.arraycopy(CANARY_BYTES.toArray(), 0, all, 0, CANARY_BYTES.length());
                    System.arraycopy(b.toArray(), 0, all, CANARY_BYTES.length(), b.length());
                    planted.add(Bytes.of(all));
                }
                yield new Value.BS(planted);
            }
        };
    }

    /** The trees of a request with every value planted: paths and names as they are. */
    static final RendererProperties.Rebuild PLANT = new RendererProperties.Rebuild(p -> p, RedactionProperties::plant,
            n -> n);

    /** One request's trees, planted, and how they show: toString, debug text, rendering (or its failure). */
    record Planted(RendererProperties.Request request) {
        List<Object> trees() {
            List<Object> trees = new ArrayList<>();
            Collections.addAll(trees, request.key(), request.update(), request.condition(), request.projection());
            trees.removeIf(t -> t == null);
            return trees;
        }

        /** {@return everything the trees print, at the switch's current setting} */
        String text() {
            StringBuilder sb = new StringBuilder();
            for (Object t : trees()) {
                sb.append(t).append('\n');
                sb.append(switch (t) {
                    case KeyCondition k -> Renderer.debug(k);
                    case Update u -> Renderer.debug(u);
                    case Condition c -> Renderer.debug(c);
                    case Projection p -> Renderer.debug(p);
                    default -> throw new IllegalStateException("not a tree: " + t);
                }).append('\n');
            }
            try {
                sb.append(request.render()).append('\n');
            } catch (RuntimeException e) {
                sb.append(everything(e));
            }
            return sb.toString();
        }

        /** {@return whether any tree holds a value that shows a canary when values are shown} */
        boolean carriesACanary() {
            Redaction.showValues(true);
            try {
                String shown = trees().toString();
                return TRACES.stream().anyMatch(shown::contains);
            } finally {
                Redaction.showValues(false);
            }
        }
    }

    static Gen<Planted> planted() {
        return RendererProperties.requests().map(r -> new Planted(PLANT.request(r)));
    }

    @Test
    void treesNeverShowAValue() {
        qt().forAll(planted()).checkAssert(p -> {
            String hidden = p.text();
            for (String trace : TRACES) {
                assertFalse(hidden.contains(trace), () -> "a value shows:\n" + hidden);
            }
        });
    }

    @Test
    void treesShowValuesOnlyWhenSwitchedOn() {
        int[] carrying = {0};
        qt().forAll(planted()).checkAssert(p -> {
            if (!p.carriesACanary()) {
                return;
            }
            carrying[0]++;
            Redaction.showValues(true);
            try {
                String shown = p.text();
                assertTrue(TRACES.stream().anyMatch(shown::contains), () -> "no value shows:\n" + shown);
            } finally {
                Redaction.showValues(false);
            }
        });
        assertTrue(carrying[0] > 100, "too few trees carried a value: " + carrying[0]);
    }

    // ---- failures that carry canaries

    /** Something that must fail, carrying a canary; whether its message quotes the canary when values are shown. */
    record Failure(String what, Runnable action, boolean quotesWhenShown) {
        @Override
        public String toString() {
            return what;
        }
    }

    /** An object whose text is a canary: a map key, a set member or a value of a type Dynamatic does not convert. */
    record Canary(String suffix) {
        @Override
        public String toString() {
            return CANARY + suffix;
        }
    }

    /** A number type whose text is a canary, and no decimal. */
    static final class CanaryNumber extends Number {
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
            return CANARY;
        }
    }

    /** Wraps an SDK value at a random position inside a document: {@code L[M{k: …}]} and so on. */
    static AttributeValue nest(AttributeValue av, int shape) {
        AttributeValue out = av;
        for (int i = 0; i < shape % 4; i++) {
            out = (shape + i) % 2 == 0 ? AttributeValue.fromL(List.of(AttributeValue.fromS("x"), out))
                    : AttributeValue.fromM(Map.of("k" + i, out));
        }
        return out;
    }

    static Gen<Failure> failures() {
        Gen<String> suffixes = strings().basicLatinAlphabet().ofLengthBetween(0, 4);
        Gen<Integer> shapes = integers().between(0, 7);
        return Generate.pick(List.of(Kind.values())).zip(suffixes, shapes, Kind::failure);
    }

    /** The failures, each built from a random suffix (so members differ) and a random document shape. */
    enum Kind {
        STRING_SET_TWICE, NUMBER_SET_TWICE, BINARY_SET_TWICE, JAVA_SET_TWICE, SDK_SET_TWICE, SDK_NUMBER_NO_DECIMAL,
        SDK_NUMBER_DIGITS, SDK_NUMBER_RANGE, SDK_SEVERAL_TYPES, SDK_JAVA_SET_TWICE, JAVA_MAP_KEY, JAVA_TYPE,
        JAVA_MIXED_SET, JAVA_NUMBER_TYPE, JAVA_NUMBER_DIGITS, JAVA_INSTANT, BASE64, PARSED_VALUE, PARSED_TYPE_NAME,
        VALUES_MAP, BETWEEN_ORDER, KEY_TYPE;

        Failure failure(String suffix, int shape) {
            String secret = CANARY + suffix;
            Function<AttributeValue, Runnable> fromSdk = av -> shape % 2 == 0
                    ? () -> AttributeValues.fromSdk(nest(av, shape)) : () -> AttributeValues.toJava(nest(av, shape));
            return switch (this) {
                case STRING_SET_TWICE -> new Failure(name(), () -> Dsl.stringSet("a" + suffix, secret, secret), true);
                case NUMBER_SET_TWICE -> new Failure(name(),
                        () -> Dsl.numberSet(CANARY_NUMBER, 1, CANARY_NUMBER.setScale(shape)), true);
                case BINARY_SET_TWICE -> new Failure(name(), () -> Dsl.binarySet(CANARY_BYTES, CANARY_BYTES), true);
                case JAVA_SET_TWICE -> new Failure(name(), () -> Value.of(List.of(new LinkedHashSet<>(
                        List.of(CANARY_NUMBER, CANARY_NUMBER.setScale(shape + 1))))), true);
                case SDK_SET_TWICE -> new Failure(name(),
                        fromSdk.apply(AttributeValue.fromSs(List.of(secret, "b", secret))), true);
                case SDK_JAVA_SET_TWICE -> new Failure(name(), fromSdk.apply(AttributeValue.fromBs(List.of(
                        SdkBytes.fromByteArray(CANARY_BYTES.toArray()), SdkBytes.fromByteArray(CANARY_BYTES.toArray())))),
                        true);
                case SDK_NUMBER_NO_DECIMAL -> new Failure(name(), fromSdk.apply(AttributeValue.fromN(secret)), false);
                case SDK_NUMBER_DIGITS -> new Failure(name(), fromSdk.apply(AttributeValue.fromN(
                        CANARY_NUMBER.toPlainString().repeat(3))), false);
                case SDK_NUMBER_RANGE -> new Failure(name(), fromSdk.apply(AttributeValue.fromN(
                        CANARY_NUMBER.toPlainString() + "E+200")), false);
                case SDK_SEVERAL_TYPES -> new Failure(name(), fromSdk.apply(AttributeValue.builder().s(secret)
                        .n(CANARY_NUMBER.toPlainString()).build()), false);
                case JAVA_MAP_KEY -> new Failure(name(), () -> Value.of(Map.of("a", Map.of(new Canary(suffix), 1))),
                        true);
                case JAVA_TYPE -> new Failure(name(), () -> Value.of(List.of(new Canary(suffix))), false);
                case JAVA_MIXED_SET -> new Failure(name(), () -> Value.of(new LinkedHashSet<>(
                        List.of(secret, new Canary(suffix)))), false);
                case JAVA_NUMBER_TYPE -> new Failure(name(), () -> Value.of(Map.of("n", new CanaryNumber())), false);
                case JAVA_NUMBER_DIGITS -> new Failure(name(), () -> Value.of(new BigDecimal(
                        CANARY_NUMBER.toPlainString().repeat(3))), false);
                case JAVA_INSTANT -> new Failure(name(), () -> Dsl.value(Instant.MAX.minusSeconds(shape)), true);
                case BASE64 -> new Failure(name(), () -> Bytes.fromBase64(secret), false);
                case PARSED_VALUE -> new Failure(name(), () -> Expressions.parseCondition("a = :v", Map.of(),
                        Map.of(":v", nest(AttributeValue.fromSs(List.of(secret, secret)), shape))), true);
                case PARSED_TYPE_NAME -> new Failure(name(), () -> Expressions.parseCondition("attribute_type(a, :t)",
                        Map.of(), Map.of(":t", AttributeValue.fromS(secret))), true);
                case VALUES_MAP -> new Failure(name(), () -> Expressions.values(Map.of(":v",
                        List.of(Set.of(new Canary(suffix))))), false);
                case BETWEEN_ORDER -> new Failure(name(), () -> Renderer.condition(Dsl.between(Dsl.path("a"),
                        Dsl.value(secret + "b"), Dsl.value(secret + "a"))), false);
                case KEY_TYPE -> new Failure(name(), () -> Dsl.partitionKey("PK", Dsl.stringSet(secret)), false);
            };
        }
    }

    /** {@return the failure's exception}, failing the test if there is none */
    static Throwable thrown(Failure f) {
        try {
            f.action().run();
        } catch (RuntimeException e) {
            return e;
        }
        return fail(f + " did not fail");
    }

    /** {@return the text of an exception, its causes and its suppressed exceptions, recursively} */
    static String everything(Throwable t) {
        StringBuilder sb = new StringBuilder();
        collect(t, sb, Collections.newSetFromMap(new IdentityHashMap<>()));
        return sb.toString();
    }

    private static void collect(Throwable t, StringBuilder sb, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        sb.append(t).append('\n').append(t.getLocalizedMessage()).append('\n');
        if (t instanceof ExpressionParseException e) {
            sb.append(e.token()).append('\n');
        }
        collect(t.getCause(), sb, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, sb, seen);
        }
    }

    @Test
    void failuresNeverShowAValue() {
        qt().forAll(failures()).checkAssert(f -> {
            String hidden = everything(thrown(f));
            for (String trace : TRACES) {
                assertFalse(hidden.contains(trace), () -> f + " shows a value:\n" + hidden);
            }
            assertFalse(hidden.contains("1000000000-12-31"), () -> f + " shows a value:\n" + hidden);
        });
    }

    @Test
    void failuresQuoteTheValueOnlyWhenSwitchedOn() {
        qt().forAll(failures()).checkAssert(f -> {
            if (!f.quotesWhenShown()) {
                return;
            }
            Redaction.showValues(true);
            String shown;
            try {
                shown = everything(thrown(f));
            } finally {
                Redaction.showValues(false);
            }
            assertTrue(TRACES.stream().anyMatch(shown::contains) || shown.contains("1000000000-12-31"),
                    () -> f + " quotes no value:\n" + shown);
        });
    }
}
