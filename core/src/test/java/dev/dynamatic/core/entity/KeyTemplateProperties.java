package dev.dynamatic.core.entity;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class KeyTemplateProperties {

    /** Small literal alphabet, so that templates share text and overlaps happen. */
    private static final List<String> LITERALS = List.of("", "", "A", "B", "AB", "v", "v0", "ORDER", "é", "😀");

    /** One segment: 0 a literal, otherwise a placeholder with literal text around it. */
    private record SegmentSpec(int kind, String prefix, String suffix) {
    }

    static Gen<KeyTemplate> templates() {
        Gen<SegmentSpec> segment = integers().between(0, 2)
                .zip(arbitrary().pick(LITERALS), arbitrary().pick(LITERALS), SegmentSpec::new);
        return lists().of(segment).ofSizeBetween(1, 5).map((List<SegmentSpec> specs) -> pattern(specs))
                .map((String p) -> KeyTemplate.of(p.isEmpty() ? "E" : p));
    }

    /** Templates with at least one placeholder: the last segment gets one. */
    static Gen<KeyTemplate> templatesWithPlaceholders() {
        Gen<SegmentSpec> segment = integers().between(0, 2)
                .zip(arbitrary().pick(LITERALS), arbitrary().pick(LITERALS), SegmentSpec::new);
        return lists().of(segment).ofSizeBetween(1, 5).map((List<SegmentSpec> specs) -> {
            List<SegmentSpec> withSlot = new java.util.ArrayList<>(specs);
            SegmentSpec last = withSlot.removeLast();
            withSlot.add(new SegmentSpec(1, last.prefix(), last.suffix()));
            return KeyTemplate.of(pattern(withSlot));
        });
    }

    private static String pattern(List<SegmentSpec> specs) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (int i = 0; i < specs.size(); i++) {
            SegmentSpec s = specs.get(i);
            if (i > 0) {
                sb.append('#');
            }
            sb.append(s.prefix());
            if (s.kind() != 0) {
                sb.append("{p").append(n++).append('}').append(s.suffix());
            }
        }
        return sb.toString();
    }

    /** Attribute values without the separator: any UTF-16, supplementary characters, empty, short, long. */
    static Gen<String> values() {
        Gen<String> any = strings().allPossible().ofLengthBetween(0, 20);
        Gen<String> astral = codePoints(0x10000, Character.MAX_CODE_POINT, 6);
        Gen<String> tiny = strings().basicLatinAlphabet().ofLengthBetween(0, 2);
        Gen<String> literalish = arbitrary().pick(LITERALS);
        Gen<String> longText = strings().basicMultilingualPlaneAlphabet().ofLengthBetween(200, 1500);
        return any.mix(astral, 20).mix(tiny, 30).mix(literalish, 20).mix(longText, 5).map(s -> s.replace('#', '_'));
    }

    /**
     * Well-formed strings of code points in a range (QuickTheories' {@code betweenCodePoints} can split a
     * surrogate pair when it cuts a string to length).
     */
    static Gen<String> codePoints(int min, int max, int maxLength) {
        return lists().of(integers().between(min, max)).ofSizeBetween(0, maxLength).map((List<Integer> cps) -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    private static Map<String, String> valuesFor(KeyTemplate t, List<String> pool) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < t.names().size(); i++) {
            values.put(t.names().get(i), pool.get(i));
        }
        return values;
    }

    @Test
    void parsesBackWhatItRenders() {
        qt().forAll(templates(), lists().of(values()).ofSize(5)).checkAssert((t, pool) -> {
            Map<String, String> values = valuesFor(t, pool);
            String key = t.render(values);
            assertTrue(t.matches(key), key);
            assertEquals(values, t.parse(key));
        });
    }

    @Test
    void everyKeyBeginsWithThePrefixOfItsLeadingValues() {
        qt().forAll(templates(), lists().of(values()).ofSize(5), integers().between(0, 5)).checkAssert((t, pool, n) -> {
            Map<String, String> values = valuesFor(t, pool);
            Map<String, String> leading = new LinkedHashMap<>();
            values.entrySet().stream().limit(n).forEach(e -> leading.put(e.getKey(), e.getValue()));
            String key = t.render(values);
            assertTrue(key.startsWith(t.prefix(leading)), key + " / " + t.prefix(leading));
            assertTrue(t.prefix(leading).startsWith(t.leading(leading, false)));
        });
    }

    @Test
    void rejectsEveryValueHoldingTheSeparator() {
        qt().forAll(templatesWithPlaceholders(), lists().of(values()).ofSize(5), values(),
                values()).checkAssert((t, pool, before, after) -> {
            Map<String, String> values = valuesFor(t, pool);
            values.put(t.names().getLast(), before + "#" + after);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.render(values));
            assertTrue(e.getMessage().contains("contains the separator"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> t.prefix(values));
        });
    }

    @Test
    void anOverlapIsAKeyBothTemplatesProduce() {
        qt().forAll(templates(), templates()).checkAssert((a, b) -> a.overlap(b).ifPresent(w -> {
            assertTrue(a.matches(w), a + " does not match " + w);
            assertTrue(b.matches(w), b + " does not match " + w);
        }));
    }

    @Test
    void templatesWithoutAnOverlapNeverProduceTheSameKey() {
        qt().forAll(templates(), templates(), lists().of(values()).ofSize(5)).checkAssert((a, b, pool) -> {
            Optional<String> overlap = a.overlap(b);
            String key = a.render(valuesFor(a, pool));
            if (overlap.isEmpty()) {
                assertFalse(b.matches(key), a + " and " + b + " both produce " + key);
            }
            assertEquals(overlap.isPresent(), b.overlap(a).isPresent());
        });
    }

    @Test
    void byteOrderIsTheOrderOfUtf8Bytes() {
        Gen<String> text = codePoints(0, 0xD7FF, 4).mix(codePoints(0xE000, Character.MAX_CODE_POINT, 4))
                .mix(codePoints(0xF000, 0x1FFFF, 4));
        qt().forAll(text, text).checkAssert((a, b) -> assertEquals(
                Integer.signum(Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8))),
                Integer.signum(KeyTemplate.byteOrder().compare(a, b)), a + " vs " + b));
    }
}
