package dev.dynamatic.jackson;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.dynamatic.jackson.Pojos.Customer;
import dev.dynamatic.jackson.Pojos.Money;
import dev.dynamatic.jackson.Pojos.Order;
import dev.dynamatic.jackson.Pojos.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Values never show: whatever an encode or decode fails on, no message, {@code toString}, cause or suppressed
 * exception carries a value of the item. Each case hides a canary (a random token, or random digits in a number) in
 * a random item and in the value that makes it fail.
 */
class JacksonRedactionProperties {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JacksonCodec<Customer> CUSTOMERS = JacksonCodec.of(MAPPER, Customer.class);
    private static final JacksonCodec<Shape> SHAPES = JacksonCodec.of(MAPPER, Shape.class);

    /** A secret token. */
    static Gen<String> canaries() {
        return strings().betweenCodePoints('a', 'z').ofLength(12).map(s -> "tok_live_" + s);
    }

    /** A secret number: digits that would show if a number were printed. */
    static Gen<String> digitCanaries() {
        return strings().betweenCodePoints('1', '9').ofLength(14);
    }

    /** A token and digits to hide. */
    record Secret(String token, String digits) {
    }

    static Gen<Secret> secrets() {
        return canaries().zip(digitCanaries(), Secret::new);
    }

    /** Ways to spoil an item's attribute with the canaries (token, digits); each fails a strict decode. */
    private static final List<BiFunction<String, String, Map<String, AttributeValue>>> POISONS = List.of(
            (c, d) -> Map.of("age", AttributeValue.fromS(c)),
            (c, d) -> Map.of("visits", AttributeValue.fromN(d + ".5")),
            (c, d) -> Map.of("score", AttributeValue.fromN(d + d + "1")),
            (c, d) -> Map.of("tier", AttributeValue.fromS(c)),
            (c, d) -> Map.of("token", AttributeValue.fromS(c)),
            (c, d) -> Map.of("createdAt", AttributeValue.fromS(c)),
            (c, d) -> Map.of("birthday", AttributeValue.fromS(c)),
            (c, d) -> Map.of("avatar", AttributeValue.fromS(c)),
            (c, d) -> Map.of("balance", AttributeValue.fromN("12" + c)),
            (c, d) -> Map.of("history", AttributeValue.fromM(Map.of("y", AttributeValue.fromL(
                    List.of(AttributeValue.fromS(c)))))),
            (c, d) -> Map.of("favourites", AttributeValue.fromNs(List.of(d + ".25"))),
            (c, d) -> Map.of("PK", AttributeValue.fromN(d)),
            (c, d) -> Map.of("active", AttributeValue.fromS(c)),
            (c, d) -> Map.of("address", AttributeValue.fromS(c)),
            (c, d) -> Map.of("address", AttributeValue.fromM(Map.of("lines", AttributeValue.fromS(c)))),
            (c, d) -> Map.of("notes", AttributeValue.fromL(List.of(AttributeValue.fromN(d)))),
            (c, d) -> Map.of("lifetimePoints", AttributeValue.fromN(d + ".5")),
            (c, d) -> Map.of("visits", AttributeValue.fromN(d + d + d)));

    @Test
    void decodeFailuresShowNoValue() {
        qt().forAll(JacksonCodecProperties.customers(), secrets(), integers().between(0, POISONS.size() - 1),
                booleans().all())
                .checkAssert((customer, secret, poison, lenient) -> {
                    String canary = secret.token();
                    String digits = secret.digits();
                    customer.setName(canary); // the canary is also in the rest of the item
                    Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(customer));
                    item.putAll(POISONS.get(poison).apply(canary, digits));
                    JacksonCodec<Customer> codec = lenient ? CUSTOMERS.lenient() : CUSTOMERS;
                    RuntimeException e = failure(() -> codec.decode(item));
                    if (!lenient) {
                        assertNotNull(e, "a strict decode fails on poison " + poison);
                    }
                    assertShowsNeither(e, canary, digits);
                });
    }

    @Test
    void theSwitchShowsValuesOnlyWhileOn() {
        String canary = "canary-on-4713";
        Customer customer = new Customer();
        customer.setName("n");
        int showing = 0;
        for (var poison : POISONS) {
            Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(customer));
            item.putAll(poison.apply(canary, "9876543219"));
            for (JacksonCodec<Customer> codec : List.of(CUSTOMERS, CUSTOMERS.lenient())) {
                dev.dynamatic.ast.Redaction.showValues(true);
                RuntimeException on;
                try {
                    on = failure(() -> codec.decode(item));
                } finally {
                    dev.dynamatic.ast.Redaction.showValues(false);
                }
                if (on != null && (shows(on, canary) || shows(on, "9876543219"))) {
                    showing++;
                }
                assertShowsNeither(failure(() -> codec.decode(item)), canary, "9876543219");
            }
        }
        assertTrue(showing > 0, "with values switched on, some failure quotes the value (its cause's text)");
    }

    @Test
    void decodeFailuresOfPolymorphicAndConstructedClassesShowNoValue() {
        qt().forAll(canaries(), booleans().all()).checkAssert((canary, lenient) -> {
            JacksonCodec<Shape> shapes = lenient ? SHAPES.lenient() : SHAPES;
            assertShowsNeither(failure(() -> shapes.decode(Map.of("kind", AttributeValue.fromS(canary),
                    "id", AttributeValue.fromS(canary)))), canary, canary);
            JacksonCodec<Checked> checked = JacksonCodec.of(MAPPER, Checked.class);
            RuntimeException e = failure(() -> (lenient ? checked.lenient() : checked)
                    .decode(Map.of("code", AttributeValue.fromS(canary))));
            assertNotNull(e);
            assertShowsNeither(e, canary, canary);
        });
    }

    @Test
    void encodeFailuresShowNoValue() {
        qt().forAll(secrets(), integers().between(0, 6)).checkAssert((secret, kind) -> {
            String canary = secret.token();
            String digits = secret.digits();
            RuntimeException e = failure(switch (kind) {
                case 0 -> () -> CUSTOMERS.encode(customerWithBalance(canary, new BigDecimal(digits + digits + digits)
                        .add(new BigDecimal("0." + digits))));
                case 1 -> () -> CUSTOMERS.encode(customerWithBalance(canary, new BigDecimal(digits + "E+200")));
                case 2 -> () -> JacksonCodec.of(MAPPER, Order.class).encode(new Order(canary, List.of(), Set.of(1L),
                        new LinkedHashSet<>(List.of(new BigDecimal(digits + ".0"), new BigDecimal(digits + ".00"))),
                        null, null, new Money(null, canary), canary));
                case 3 -> () -> JacksonCodec.of(MAPPER, Throwing.class).encode(new Throwing(canary));
                case 4 -> () -> JacksonCodec.of(MAPPER, NumberText.class).encode(new NumberText(canary));
                case 5 -> () -> JacksonCodec.of(MAPPER, ReaderText.class).encode(new ReaderText(canary));
                default -> () -> JacksonCodec.of(MAPPER, StreamedBinary.class).encode(new StreamedBinary(canary));
            });
            assertNotNull(e, "encode fails in case " + kind);
            assertShowsNeither(e, canary, digits);
        });
    }

    @Test
    void theCanaryDetectorWorks() {
        RuntimeException e = new IllegalStateException("outer", new RuntimeException("tok_live_abc"));
        assertTrue(shows(e, "tok_live_abc"));
        RuntimeException suppressed = new IllegalStateException("outer");
        suppressed.addSuppressed(new RuntimeException("x", new RuntimeException("y 1234")));
        assertTrue(shows(suppressed, "1234"));
        assertFalse(shows(new IllegalStateException("outer"), "tok_live_abc"));
    }

    // ---- helpers

    private static Customer customerWithBalance(String name, BigDecimal balance) {
        Customer c = new Customer();
        c.setName(name);
        c.setBalance(balance);
        return c;
    }

    private static RuntimeException failure(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            if (!(e instanceof IllegalArgumentException)) {
                fail("expected an IllegalArgumentException, got " + e.getClass().getName());
            }
            return e;
        }
    }

    private static void assertShowsNeither(Throwable t, String canary, String digits) {
        if (t != null && (shows(t, canary) || shows(t, digits))) {
            fail("a value shows in " + describe(t));
        }
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable x = t; x != null && seen.add(x); x = x.getCause()) {
            sb.append("\n  ").append(x);
        }
        return sb.toString();
    }

    /** {@return whether the text shows in the exception}: its message, toString, causes, suppressed, recursively */
    static boolean shows(Throwable t, String text) {
        return shows(t, text, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean shows(Throwable t, String text, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (contains(t.getMessage(), text) || contains(t.getLocalizedMessage(), text) || contains(t.toString(), text)) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (shows(s, text, seen)) {
                return true;
            }
        }
        return shows(t.getCause(), text, seen);
    }

    private static boolean contains(String s, String text) {
        return s != null && s.contains(text);
    }

    // ---- classes that fail with a value in hand

    /** Its constructor rejects codes with a message that quotes the code, as application code often does. */
    public record Checked(String code) {
        public Checked {
            if (code.startsWith("tok_")) {
                throw new IllegalArgumentException("code " + code + " is not allowed");
            }
        }
    }

    /** Its getter fails with a message that quotes a value. */
    public static final class Throwing {
        private final String secret;

        Throwing(String secret) {
            this.secret = secret;
        }

        public String getValue() {
            throw new IllegalStateException("cannot show " + secret);
        }
    }

    /** Writes its text as a number. */
    @JsonSerialize(using = NumberText.Writer.class)
    public record NumberText(String text) {
        static final class Writer extends ValueSerializer<NumberText> {
            @Override
            public void serialize(NumberText value, JsonGenerator g, SerializationContext ctxt) {
                g.writeStartObject();
                g.writeName("amount");
                g.writeNumber(value.text());
                g.writeEndObject();
            }
        }
    }

    /** Writes its text from a reader that fails, quoting it. */
    @JsonSerialize(using = ReaderText.Writer.class)
    public record ReaderText(String text) {
        static final class Writer extends ValueSerializer<ReaderText> {
            @Override
            public void serialize(ReaderText value, JsonGenerator g, SerializationContext ctxt) {
                g.writeStartObject();
                g.writeName("text");
                g.writeString(new Reader() {
                    @Override
                    public int read(char[] buffer, int offset, int length) throws IOException {
                        throw new IOException("cannot read " + value.text());
                    }

                    @Override
                    public void close() {
                    }
                }, -1);
                g.writeEndObject();
            }
        }
    }

    /** Writes binary from a stream that fails, quoting a value. */
    @JsonSerialize(using = StreamedBinary.Writer.class)
    public record StreamedBinary(String text) {
        static final class Writer extends ValueSerializer<StreamedBinary> {
            @Override
            public void serialize(StreamedBinary value, JsonGenerator g, SerializationContext ctxt) {
                g.writeStartObject();
                g.writeName("data");
                g.writeBinary(new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("cannot read " + value.text());
                    }
                }, -1);
                g.writeEndObject();
            }
        }
    }
}
