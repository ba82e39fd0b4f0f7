package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Attribute values may be personal data: whatever the record codec throws, on the way in or out, names the record,
 * the component path, the DynamoDB type and the reason, and never a value — not in its message, its
 * {@code toString}, nor anywhere down its causes.
 */
class RecordCodecRedactionTest {

    /** A text that must never show. */
    private static final String SECRET = "s3cr3t-canary";
    /** Digits that must never show: every number below holds them. */
    private static final String DIGITS = "9876543219";

    enum Level { LOW, HIGH }

    record Inner(String note, Set<Bytes> blobs) {}

    record Vault(String note, int pin, long serial, Double ratio, Float small, BigDecimal amount, BigInteger big,
                 Level level, UUID id, Instant at, Set<String> tags, Set<Long> codes, Set<BigDecimal> amounts,
                 Set<Instant> times, List<Integer> counts, Map<String, Integer> byName, Inner inner, Object anything,
                 Item item, Value value, Optional<Level> maybe) {

        /** What a vault always holds: its primitives, and an Optional. */
        private static final Map<String, Object> PRESENT = Map.of("pin", 1, "serial", 2L, "maybe", Optional.empty());

        /** {@return a vault with nothing in it but its primitives, and one component set} */
        static Vault with(String component, Object value) {
            RecordComponent[] components = Vault.class.getRecordComponents();
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                String name = components[i].getName();
                args[i] = name.equals(component) ? value : PRESENT.get(name);
            }
            try {
                return Vault.class.getDeclaredConstructor(Arrays.stream(components)
                        .map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Something no codec stores, whose {@code toString} is the secret. */
    record Unstorable(String secret) {}

    private static final RecordCodec<Vault> VAULTS = RecordCodec.of(Vault.class);

    private static AttributeValue s(String text) {
        return AttributeValue.fromS(text);
    }

    private static AttributeValue n(String text) {
        return AttributeValue.fromN(text);
    }

    private static SdkBytes bytes(String text) {
        return SdkBytes.fromUtf8String(text);
    }

    /** A vault's item with one attribute set (the primitives need theirs). */
    private static Map<String, AttributeValue> itemWith(String name, AttributeValue value) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("pin", n("1"), "serial", n("2")));
        item.put(name, value);
        return item;
    }

    static Stream<Arguments> itemsThatDoNotDecode() {
        return Stream.of(
                Arguments.of("Vault.note", itemWith("note", n(DIGITS))),
                Arguments.of("Vault.note", itemWith("note", AttributeValue.builder().s(SECRET).n(DIGITS).build())),
                Arguments.of("Vault.pin", itemWith("pin", s(SECRET))),
                Arguments.of("Vault.pin", itemWith("pin", n(SECRET))),
                Arguments.of("Vault.pin", itemWith("pin", n(DIGITS + ".5"))),
                Arguments.of("Vault.pin", itemWith("pin", n(DIGITS))),
                Arguments.of("Vault.pin", itemWith("pin", n(DIGITS + "E+3"))),
                Arguments.of("Vault.serial", itemWith("serial", n(DIGITS + DIGITS))),
                Arguments.of("Vault.serial", itemWith("serial", n(DIGITS + "e" + DIGITS))),
                Arguments.of("Vault.ratio", itemWith("ratio", n("0." + DIGITS + DIGITS))),
                Arguments.of("Vault.ratio", itemWith("ratio", n(DIGITS + "E+200"))),
                Arguments.of("Vault.ratio", itemWith("ratio", n(DIGITS + "E-400"))),
                Arguments.of("Vault.small", itemWith("small", n(DIGITS + ".123"))),
                Arguments.of("Vault.amount", itemWith("amount", n(DIGITS + "E+200"))),
                Arguments.of("Vault.amount", itemWith("amount", n("0." + DIGITS.repeat(4)))),
                Arguments.of("Vault.big", itemWith("big", n(DIGITS + ".5"))),
                Arguments.of("Vault.big", itemWith("big", n(DIGITS.repeat(4)))),
                Arguments.of("Vault.level", itemWith("level", s(SECRET))),
                Arguments.of("Vault.id", itemWith("id", s(SECRET))),
                Arguments.of("Vault.at", itemWith("at", s(SECRET))),
                Arguments.of("Vault.tags", itemWith("tags", AttributeValue.fromSs(List.of(SECRET, SECRET)))),
                Arguments.of("Vault.codes", itemWith("codes", AttributeValue.fromNs(List.of(DIGITS, DIGITS + ".0")))),
                Arguments.of("Vault.codes", itemWith("codes", AttributeValue.fromNs(List.of(SECRET)))),
                Arguments.of("Vault.amounts", itemWith("amounts", AttributeValue.fromNs(List.of(DIGITS, DIGITS + ".00")))),
                Arguments.of("Vault.times", itemWith("times", AttributeValue.fromSs(List.of(SECRET)))),
                Arguments.of("Vault.counts[1]", itemWith("counts", AttributeValue.fromL(List.of(n("1"), n(SECRET))))),
                Arguments.of("Vault.byName.k", itemWith("byName", AttributeValue.fromM(Map.of("k", s(SECRET))))),
                Arguments.of("Vault.inner.note", itemWith("inner", AttributeValue.fromM(Map.of("note", n(DIGITS))))),
                Arguments.of("Vault.inner.blobs", itemWith("inner", AttributeValue.fromM(Map.of("blobs",
                        AttributeValue.fromBs(List.of(bytes(SECRET), bytes(SECRET))))))),
                Arguments.of("Vault.anything[0].x", itemWith("anything", AttributeValue.fromL(List.of(
                        AttributeValue.fromM(Map.of("x", n(SECRET))))))),
                Arguments.of("Vault.anything", itemWith("anything", AttributeValue.fromSs(List.of(SECRET, SECRET)))),
                Arguments.of("Vault.anything", itemWith("anything",
                        AttributeValue.builder().s(SECRET).n(DIGITS).build())),
                Arguments.of("Vault.item.x", itemWith("item", AttributeValue.fromM(Map.of("x",
                        AttributeValue.fromNs(List.of(DIGITS, DIGITS + ".0")))))),
                Arguments.of("Vault.item.x", itemWith("item", AttributeValue.fromM(Map.of("x", n(DIGITS + "E+999"))))),
                Arguments.of("Vault.value", itemWith("value", n(SECRET))),
                Arguments.of("Vault.value", itemWith("value", AttributeValue.fromBs(List.of(bytes(SECRET), bytes(SECRET))))),
                Arguments.of("Vault.maybe", itemWith("maybe", s(SECRET))));
    }

    @ParameterizedTest
    @MethodSource("itemsThatDoNotDecode")
    void decodingNamesThePathNeverAValue(String path, Map<String, AttributeValue> item) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> VAULTS.decode(item));
        assertTrue(e instanceof IllegalArgumentException, e::toString);
        assertTrue(e.getMessage().startsWith(path + ": "), e::getMessage);
        assertNoValue(e);
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // heap pollution, on purpose
    static Stream<Arguments> recordsThatDoNotEncode() {
        List polluted = new ArrayList<>(List.of(1, SECRET));
        Map pollutedKeys = new HashMap<>(Map.of(Long.parseLong(DIGITS), 1));
        Set pollutedTags = new LinkedHashSet<>(List.of(Long.parseLong(DIGITS)));
        return Stream.of(
                Arguments.of("Vault.ratio", Vault.with("ratio", Double.parseDouble(DIGITS + "E+200"))),
                Arguments.of("Vault.ratio", Vault.with("ratio", Double.parseDouble(DIGITS + "E-200"))),
                Arguments.of("Vault.amount", Vault.with("amount", new BigDecimal(DIGITS.repeat(4)))),
                Arguments.of("Vault.amount", Vault.with("amount", new BigDecimal(DIGITS + "E-200"))),
                Arguments.of("Vault.big", Vault.with("big", new BigInteger(DIGITS.repeat(4)))),
                Arguments.of("Vault.at", Vault.with("at", Instant.parse("+" + DIGITS.substring(0, 9)
                        + "-01-01T00:00:00Z"))),
                Arguments.of("Vault.times", Vault.with("times",
                        Set.of(Instant.parse("-" + DIGITS.substring(0, 9) + "-01-01T00:00:00Z")))),
                Arguments.of("Vault.amounts", Vault.with("amounts", new LinkedHashSet<>(List.of(
                        new BigDecimal(DIGITS + ".5"), new BigDecimal(DIGITS + ".50"))))),
                Arguments.of("Vault.tags", Vault.with("tags", pollutedTags)),
                Arguments.of("Vault.counts[1]", Vault.with("counts", polluted)),
                Arguments.of("Vault.byName", Vault.with("byName", pollutedKeys)),
                Arguments.of("Vault.anything", Vault.with("anything", new Unstorable(SECRET))),
                Arguments.of("Vault.anything[1]", Vault.with("anything", List.of(1, new Unstorable(SECRET)))),
                Arguments.of("Vault.anything", Vault.with("anything",
                        new LinkedHashSet<>(List.of(SECRET, Long.parseLong(DIGITS))))),
                Arguments.of("Vault.anything", Vault.with("anything", new LinkedHashSet<>(List.of(
                        new BigDecimal(DIGITS), new BigDecimal(DIGITS + ".0"))))),
                Arguments.of("Vault.anything", Vault.with("anything", Map.of(Long.parseLong(DIGITS), SECRET))),
                Arguments.of("Vault.anything.k", Vault.with("anything",
                        Map.of("k", Double.parseDouble(DIGITS + "E+300")))),
                Arguments.of("Vault.anything", Vault.with("anything", Instant.parse("+" + DIGITS.substring(0, 9)
                        + "-01-01T00:00:00Z"))),
                Arguments.of("Vault.item.x", Vault.with("item", Item.codec().decode(Map.of("x", n(SECRET))))),
                Arguments.of("Vault.item.x", Vault.with("item", Item.codec().decode(Map.of("x",
                        AttributeValue.fromSs(List.of(SECRET, SECRET)))))));
    }

    @ParameterizedTest
    @MethodSource("recordsThatDoNotEncode")
    void encodingNamesThePathNeverAValue(String path, Vault vault) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VAULTS.encode(vault));
        assertTrue(e.getMessage().startsWith(path + ": "), e::getMessage);
        assertNoValue(e);
    }

    record Touchy(String code) {
        Touchy {
            if (code.startsWith("s3")) {
                throw new IllegalArgumentException("bad code " + code);
            }
        }

        @Override
        public String code() {
            if (code.equals("boom")) {
                throw new IllegalStateException("cannot read " + SECRET);
            }
            return code;
        }
    }

    @Test
    void theRecordsOwnExceptionsAreCausesNotPartOfTheMessage() {
        RecordCodec<Touchy> codec = RecordCodec.of(Touchy.class);
        IllegalArgumentException decoding = assertThrows(IllegalArgumentException.class,
                () -> codec.decode(Map.of("code", s(SECRET))));
        assertEquals("Touchy: the canonical constructor of " + Touchy.class.getName() + " rejected the values read (it"
                + " threw java.lang.IllegalArgumentException, the cause)", decoding.getMessage());
        assertEquals("bad code " + SECRET, decoding.getCause().getMessage(), "the record's own words, as it chose them");
        IllegalArgumentException encoding = assertThrows(IllegalArgumentException.class,
                () -> codec.encode(new Touchy("boom")));
        assertEquals("Touchy.code: the accessor of " + Touchy.class.getName() + " threw"
                + " java.lang.IllegalStateException", encoding.getMessage());
        assertFalse(encoding.toString().contains(SECRET));
    }

    @Test
    void theCodecsOwnTextNamesTheTypeOnly() {
        assertEquals("RecordCodec[" + Vault.class.getName() + "]", VAULTS.toString());
    }

    /** Checks an exception and everything it carries: messages, {@code toString}s, causes, suppressed. */
    private static void assertNoValue(Throwable thrown) {
        List<Throwable> seen = new ArrayList<>();
        List<Throwable> todo = new ArrayList<>(List.of(thrown));
        while (!todo.isEmpty()) {
            Throwable t = todo.removeLast();
            if (seen.stream().anyMatch(s -> s == t)) {
                continue;
            }
            seen.add(t);
            for (String text : new String[] {String.valueOf(t.getMessage()), t.toString(),
                    String.valueOf(t.getLocalizedMessage())}) {
                assertFalse(text.contains(SECRET), () -> "the secret shows in " + t);
                assertFalse(text.contains(DIGITS), () -> "the secret number shows in " + t);
                // a number's significant digits, in whatever form the JDK prints it
                assertFalse(text.replace(".", "").contains(DIGITS.substring(0, 8)), () -> "digits show in " + t);
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
        }
    }
}
