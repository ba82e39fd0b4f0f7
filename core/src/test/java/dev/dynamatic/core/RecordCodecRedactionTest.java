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
import java.util.ArrayList;
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

        static Vault empty() {
            return new Vault(null, 1, 2, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, Optional.empty());
        }

        Vault withRatio(double ratio) {
            return new Vault(note, pin, serial, ratio, small, amount, big, level, id, at, tags, codes, amounts, times,
                    counts, byName, inner, anything, item, value, maybe);
        }

        Vault withAmount(BigDecimal amount) {
            return new Vault(note, pin, serial, ratio, small, amount, big, level, id, at, tags, codes, amounts, times,
                    counts, byName, inner, anything, item, value, maybe);
        }

        Vault withBig(BigInteger big) {
            return new Vault(note, pin, serial, ratio, small, amount, big, level, id, at, tags, codes, amounts, times,
                    counts, byName, inner, anything, item, value, maybe);
        }

        Vault withAt(Instant at) {
            return new Vault(note, pin, serial, ratio, small, amount, big, level, id, at, tags, codes, amounts, times,
                    counts, byName, inner, anything, item, value, maybe);
        }

        Vault withSets(Set<String> tags, Set<BigDecimal> amounts, Set<Instant> times) {
            return new Vault(note, pin, serial, ratio, small, amount, big, level, id, at, tags, codes, amounts, times,
                    counts, byName, inner, anything, item, value, maybe);
        }

        Vault withCollections(List<Integer> counts, Map<String, Integer> byName) {
            return new Vault(note, pin, serial, ratio, small, amount, big, level, id, at, tags, codes, amounts, times,
                    counts, byName, inner, anything, item, value, maybe);
        }

        Vault withAnything(Object anything) {
            return new Vault(note, pin, serial, ratio, small, amount, big, level, id, at, tags, codes, amounts, times,
                    counts, byName, inner, anything, item, value, maybe);
        }

        Vault withItem(Item item) {
            return new Vault(note, pin, serial, ratio, small, amount, big, level, id, at, tags, codes, amounts, times,
                    counts, byName, inner, anything, item, value, maybe);
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
    private static Map<String, AttributeValue> with(String name, AttributeValue value) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("pin", n("1"), "serial", n("2")));
        item.put(name, value);
        return item;
    }

    static Stream<Arguments> itemsThatDoNotDecode() {
        return Stream.of(
                Arguments.of("Vault.note", with("note", n(DIGITS))),
                Arguments.of("Vault.note", with("note", AttributeValue.builder().s(SECRET).n(DIGITS).build())),
                Arguments.of("Vault.pin", with("pin", s(SECRET))),
                Arguments.of("Vault.pin", with("pin", n(SECRET))),
                Arguments.of("Vault.pin", with("pin", n(DIGITS + ".5"))),
                Arguments.of("Vault.pin", with("pin", n(DIGITS))),
                Arguments.of("Vault.pin", with("pin", n(DIGITS + "E+3"))),
                Arguments.of("Vault.serial", with("serial", n(DIGITS + DIGITS))),
                Arguments.of("Vault.serial", with("serial", n(DIGITS + "e" + DIGITS))),
                Arguments.of("Vault.ratio", with("ratio", n("0." + DIGITS + DIGITS))),
                Arguments.of("Vault.ratio", with("ratio", n(DIGITS + "E+200"))),
                Arguments.of("Vault.ratio", with("ratio", n(DIGITS + "E-400"))),
                Arguments.of("Vault.small", with("small", n(DIGITS + ".123"))),
                Arguments.of("Vault.amount", with("amount", n(DIGITS + "E+200"))),
                Arguments.of("Vault.amount", with("amount", n("0." + DIGITS.repeat(4)))),
                Arguments.of("Vault.big", with("big", n(DIGITS + ".5"))),
                Arguments.of("Vault.big", with("big", n(DIGITS.repeat(4)))),
                Arguments.of("Vault.level", with("level", s(SECRET))),
                Arguments.of("Vault.id", with("id", s(SECRET))),
                Arguments.of("Vault.at", with("at", s(SECRET))),
                Arguments.of("Vault.tags", with("tags", AttributeValue.fromSs(List.of(SECRET, SECRET)))),
                Arguments.of("Vault.codes", with("codes", AttributeValue.fromNs(List.of(DIGITS, DIGITS + ".0")))),
                Arguments.of("Vault.codes", with("codes", AttributeValue.fromNs(List.of(SECRET)))),
                Arguments.of("Vault.amounts", with("amounts", AttributeValue.fromNs(List.of(DIGITS, DIGITS + ".00")))),
                Arguments.of("Vault.times", with("times", AttributeValue.fromSs(List.of(SECRET)))),
                Arguments.of("Vault.counts[1]", with("counts", AttributeValue.fromL(List.of(n("1"), n(SECRET))))),
                Arguments.of("Vault.byName.k", with("byName", AttributeValue.fromM(Map.of("k", s(SECRET))))),
                Arguments.of("Vault.inner.note", with("inner", AttributeValue.fromM(Map.of("note", n(DIGITS))))),
                Arguments.of("Vault.inner.blobs", with("inner", AttributeValue.fromM(Map.of("blobs",
                        AttributeValue.fromBs(List.of(bytes(SECRET), bytes(SECRET))))))),
                Arguments.of("Vault.anything[0].x", with("anything", AttributeValue.fromL(List.of(
                        AttributeValue.fromM(Map.of("x", n(SECRET)))))))
                ,
                Arguments.of("Vault.anything", with("anything", AttributeValue.fromSs(List.of(SECRET, SECRET)))),
                Arguments.of("Vault.anything", with("anything",
                        AttributeValue.builder().s(SECRET).n(DIGITS).build())),
                Arguments.of("Vault.item.x", with("item", AttributeValue.fromM(Map.of("x",
                        AttributeValue.fromNs(List.of(DIGITS, DIGITS + ".0")))))),
                Arguments.of("Vault.item.x", with("item", AttributeValue.fromM(Map.of("x", n(DIGITS + "E+999")))))
                ,
                Arguments.of("Vault.value", with("value", n(SECRET))),
                Arguments.of("Vault.value", with("value", AttributeValue.fromBs(List.of(bytes(SECRET), bytes(SECRET))))),
                Arguments.of("Vault.maybe", with("maybe", s(SECRET))));
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
        Vault v = Vault.empty();
        List polluted = new ArrayList<>(List.of(1, SECRET));
        Map pollutedKeys = new HashMap<>(Map.of(Long.parseLong(DIGITS), 1));
        Set pollutedTags = new LinkedHashSet<>(List.of(Long.parseLong(DIGITS)));
        return Stream.of(
                Arguments.of("Vault.ratio", v.withRatio(Double.parseDouble(DIGITS + "E+200"))),
                Arguments.of("Vault.ratio", v.withRatio(Double.parseDouble(DIGITS + "E-200"))),
                Arguments.of("Vault.amount", v.withAmount(new BigDecimal(DIGITS.repeat(4)))),
                Arguments.of("Vault.amount", v.withAmount(new BigDecimal(DIGITS + "E-200"))),
                Arguments.of("Vault.big", v.withBig(new BigInteger(DIGITS.repeat(4)))),
                Arguments.of("Vault.at", v.withAt(Instant.parse("+" + DIGITS.substring(0, 9) + "-01-01T00:00:00Z"))),
                Arguments.of("Vault.times", v.withSets(null, null,
                        Set.of(Instant.parse("-" + DIGITS.substring(0, 9) + "-01-01T00:00:00Z")))),
                Arguments.of("Vault.amounts", v.withSets(null, new LinkedHashSet<>(List.of(
                        new BigDecimal(DIGITS + ".5"), new BigDecimal(DIGITS + ".50"))), null)),
                Arguments.of("Vault.tags", v.withSets(pollutedTags, null, null)),
                Arguments.of("Vault.counts[1]", v.withCollections(polluted, null)),
                Arguments.of("Vault.byName", v.withCollections(null, pollutedKeys)),
                Arguments.of("Vault.anything", v.withAnything(new Unstorable(SECRET))),
                Arguments.of("Vault.anything[1]", v.withAnything(List.of(1, new Unstorable(SECRET)))),
                Arguments.of("Vault.anything", v.withAnything(new LinkedHashSet<>(List.of(SECRET, Long.parseLong(DIGITS))))),
                Arguments.of("Vault.anything", v.withAnything(new LinkedHashSet<>(List.of(
                        new BigDecimal(DIGITS), new BigDecimal(DIGITS + ".0"))))),
                Arguments.of("Vault.anything", v.withAnything(Map.of(Long.parseLong(DIGITS), SECRET))),
                Arguments.of("Vault.anything.k", v.withAnything(Map.of("k", Double.parseDouble(DIGITS + "E+300")))),
                Arguments.of("Vault.anything", v.withAnything(Instant.parse("+" + DIGITS.substring(0, 9)
                        + "-01-01T00:00:00Z"))),
                Arguments.of("Vault.item.x", v.withItem(Item.codec().decode(Map.of("x", n(SECRET))))),
                Arguments.of("Vault.item.x", v.withItem(Item.codec().decode(Map.of("x",
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
