package dev.dynamatic.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Resume cursors: every key map round-trips, and no string decodes to anything but a key map or the documented error. */
class CursorsProperties {

    private static final Pattern URL_SAFE = Pattern.compile("c1\\.[A-Za-z0-9_-]*");

    /**
     * Text as DynamoDB holds it: any Unicode scalar values (no lone surrogates, which UTF-8 cannot carry and
     * no DynamoDB string contains).
     */
    static Gen<String> unicode(int min, int max) {
        Gen<Integer> codePoints = integers().between(0x20, 0x7E)
                .mix(integers().between(0, 0xD7FF), 40)
                .mix(integers().between(0xE000, 0x10FFFF), 30);
        return lists().of(codePoints).ofSizeBetween(min, max).map(l -> {
            StringBuilder sb = new StringBuilder();
            l.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    static Gen<String> names() {
        return arbitrary().pick(List.of("pk", "sk", "GSI1PK", "a.b", "#n0", ":v0", "with space", "ünï", "😀", "SET"))
                .mix(unicode(1, 8), 40);
    }

    static Gen<AttributeValue> keyValues() {
        Gen<AttributeValue> s = unicode(1, 20).map(AttributeValue::fromS);
        Gen<AttributeValue> n = integers().between(-1_000_000, 1_000_000).zip(integers().between(-130, 125),
                (unscaled, exponent) -> AttributeValue.fromN(new BigDecimal(unscaled).scaleByPowerOfTen(exponent).toString()));
        Gen<AttributeValue> b = lists().of(integers().between(-128, 127)).ofSizeBetween(1, 16).map(l -> {
            byte[] bytes = new byte[l.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = l.get(i).byteValue();
            }
            return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
        });
        return s.mix(n, 35).mix(b, 25);
    }

    static Gen<Map<String, AttributeValue>> keys() {
        return keys(0);
    }

    static Gen<Map<String, AttributeValue>> keys(int minSize) {
        return lists().of(names().zip(keyValues(), Map::entry)).ofSizeBetween(minSize, 4).map(entries -> {
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            entries.forEach(e -> key.put(e.getKey(), e.getValue()));
            return key;
        });
    }

    @Test
    void everyKeyRoundTripsInOrder() {
        qt().forAll(keys()).checkAssert(key -> {
            Map<String, AttributeValue> back = Cursors.decode(Cursors.encode(key));
            assertEquals(key, back);
            assertEquals(new ArrayList<>(key.keySet()), new ArrayList<>(back.keySet()));
        });
    }

    @Test
    void cursorsAreUrlSafeText() {
        qt().forAll(keys()).checkAssert(key -> {
            String cursor = Cursors.encode(key);
            assertTrue(URL_SAFE.matcher(cursor).matches(), cursor);
        });
    }

    @Test
    void theEmptyKeyIsTheStart() {
        assertEquals("c1.", Cursors.encode(Map.of()));
        assertEquals(Map.of(), Cursors.decode("c1."));
    }

    @Test
    void arbitraryTextDecodesToAKeyOrTheDocumentedError() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(CursorsProperties::decodesOrRejects);
        qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 40)).checkAssert(t -> decodesOrRejects("c1." + t));
    }

    @Test
    void arbitraryBytesAfterThePrefixDecodeToAKeyOrTheDocumentedError() {
        qt().forAll(lists().of(integers().between(-128, 127)).ofSizeBetween(0, 64)).checkAssert(l -> {
            byte[] bytes = new byte[l.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = l.get(i).byteValue();
            }
            decodesOrRejects("c1." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        });
    }

    @Test
    void truncatedAndAlteredCursorsDecodeToAKeyOrTheDocumentedError() {
        qt().forAll(keys(1), integers().between(0, 1000), integers().between(0, 63))
                .checkAssert((key, at, c) -> {
                    String cursor = Cursors.encode(key);
                    int cut = 3 + at % (cursor.length() - 3);
                    decodesOrRejects(cursor.substring(0, cut));
                    char replacement = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(c);
                    decodesOrRejects(cursor.substring(0, cut) + replacement + cursor.substring(cut + 1));
                });
    }

    @Test
    void rejectsWhatNoStreamHandsOutSayingWhy() {
        for (String bad : List.of("", "c0.AAAA", "C1.", "c1.!!!", "c1.A", "c1.UwAAAAE", "c1.UwAAAAFhAAAAC")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cursors.decode(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid cursor of " + bad.length() + " characters: "), e.getMessage());
            assertTrue(e.getMessage().endsWith("; pass a cursor exactly as ItemStream.cursor() or Page.cursor() gave it"),
                    e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cursors.decode("c0.AAAA")).getMessage()
                .contains("it does not start with c1."));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cursors.decode("c1.!!!")).getMessage()
                .contains("it is not Base64url"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cursors.decode("c1.UwAAAAE")).getMessage()
                .contains("it is truncated"));
        assertThrows(IllegalArgumentException.class, () -> Cursors.decode(null));
    }

    /** A cursor holds key values (user data): a message about a bad one quotes neither the cursor nor a value. */
    @Test
    void aRejectedCursorIsNeverQuoted() {
        String canary = "secret-canary-4711";
        String cursor = Cursors.encode(Map.of("PK", AttributeValue.fromS(canary), "SK", AttributeValue.fromS(canary)));
        for (int cut = 4; cut < cursor.length(); cut++) {
            String bad = cursor.substring(0, cut);
            try {
                Cursors.decode(bad);
            } catch (IllegalArgumentException e) {
                if (bad.length() > 10) { // a few characters may occur in any message by chance
                    assertFalse(e.getMessage().contains(bad.substring(3)), e.getMessage());
                }
                assertFalse(e.getMessage().contains(canary), e.getMessage());
            }
        }
        String unknownType = "c1." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {'X', 0, 0, 0, 0,
                0, 0, 0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cursors.decode(unknownType));
        assertTrue(e.getMessage().contains("unknown attribute type"), e.getMessage());
        assertFalse(e.getMessage().contains(unknownType), e.getMessage());
    }

    private static void decodesOrRejects(String text) {
        try {
            Map<String, AttributeValue> key = Cursors.decode(text);
            key.forEach((name, value) -> assertTrue(value.s() != null || value.n() != null || value.b() != null,
                    () -> text + " decoded to " + key));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("invalid cursor"), e.getMessage());
        }
    }
}
