package dev.dynamatic.core.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KeyTemplateTest {

    private static final KeyTemplate ADDRESS = KeyTemplate.of("ADDR#{country}#{state}#{city}#{addressId}");
    private static final Map<String, Object> SEATTLE = Map.of("country", "US", "state", "WA", "city", "Seattle",
            "addressId", "a1");

    @Test
    void rendersValuesVerbatim() {
        assertEquals("ADDR#US#WA#Seattle#a1", ADDRESS.render(SEATTLE));
        assertEquals("CUST#Ünïcödé 😀 MiXeD  ", KeyTemplate.of("CUST#{id}").render(Map.of("id", "Ünïcödé 😀 MiXeD  ")));
        assertEquals("CUST#", KeyTemplate.of("CUST#{id}").render(Map.of("id", "")));
        assertEquals(List.of("country", "state", "city", "addressId"), ADDRESS.names());
    }

    @Test
    void rendersNumbersCanonicallyAndOtherValuesAsTheirText() {
        KeyTemplate t = KeyTemplate.of("N#{n}");
        assertEquals("N#1.5", t.render(Map.of("n", new BigDecimal("1.50"))));
        assertEquals("N#1000", t.render(Map.of("n", new BigDecimal("1E+3"))));
        assertEquals("N#42", t.render(Map.of("n", 42)));
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertEquals("N#" + id, t.render(Map.of("n", id)));
    }

    @Test
    void placeholdersMayHaveLiteralTextAroundThem() {
        KeyTemplate t = KeyTemplate.of("PROD#{productId}#v{rev}.json");
        assertEquals("PROD#p1#v0003.json", t.render(Map.of("productId", "p1", "rev", "0003")));
        assertEquals(Map.of("productId", "p1", "rev", "0003"), t.parse("PROD#p1#v0003.json"));
        assertFalse(t.matches("PROD#p1#x0003.json"));
        assertFalse(t.matches("PROD#p1#v0003.jso"));
    }

    @Test
    void parsesKeysBackInTemplateOrder() {
        Map<String, String> values = ADDRESS.parse("ADDR#US#WA#Seattle#a1");
        assertEquals(List.of("country", "state", "city", "addressId"), List.copyOf(values.keySet()));
        assertEquals(List.of("US", "WA", "Seattle", "a1"), List.copyOf(values.values()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADDR#US#WA#Seattle", "ADDR#US#WA#Seattle#a1#extra", "CUST#US#WA#Seattle#a1", ""})
    void rejectsKeysOfAnotherForm(String key) {
        assertFalse(ADDRESS.matches(key));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ADDRESS.parse(key));
        assertTrue(e.getMessage().contains("does not have the form"), e.getMessage());
    }

    @Test
    void rejectsAValueHoldingTheSeparator() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyTemplate.of("EMAIL#{email}").render(Map.of("email", "a#b@example.com")));
        assertEquals("key template \"EMAIL#{email}\": the value of {email} contains the separator '#' (at index 1"
                + " of 15 characters); values are not escaped (that would break begins_with prefixes), so it cannot be"
                + " part of a key", e.getMessage());
        KeyTemplate slash = KeyTemplate.of("A/{x}", '/');
        assertEquals("A/a#b", slash.render(Map.of("x", "a#b")));
        assertThrows(IllegalArgumentException.class, () -> slash.render(Map.of("x", "a/b")));
    }

    @Test
    void rejectsMissingNullAndNonScalarValues() {
        KeyTemplate t = KeyTemplate.of("CUST#{id}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.render(Map.of("other", "x")))
                .getMessage().contains("needs a value for {id}"));
        java.util.HashMap<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("id", null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.render(withNull))
                .getMessage().contains("not null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.render(Map.of("id", true)))
                .getMessage().contains("is BOOL"));
        assertThrows(IllegalArgumentException.class, () -> t.render(Map.of("id", List.of("a"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A#{}", "A#{x", "A#x}", "A#{x}{y}", "A#{x}-{y}", "{x}#{x}", "A#{{x}}", "A#}{x"})
    void rejectsBadPatterns(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> KeyTemplate.of(pattern));
    }

    @Test
    void rejectsBadSeparators() {
        assertThrows(IllegalArgumentException.class, () -> KeyTemplate.of("A{x}", '{'));
        assertThrows(IllegalArgumentException.class, () -> KeyTemplate.of("A{x}", '\uD83D'));
    }

    @Test
    void prefixesEndBeforeTheFirstMissingValue() {
        assertEquals("ADDR#US#WA#", ADDRESS.prefix(Map.of("country", "US", "state", "WA")));
        assertEquals("ADDR#", ADDRESS.prefix(Map.of()));
        assertEquals("ADDR#US#WA#Seattle#a1", ADDRESS.prefix(SEATTLE));
        assertEquals("PROD#p1#v", KeyTemplate.of("PROD#{productId}#v{rev}").prefix(Map.of("productId", "p1")));
        assertEquals("ADDR#US#WA", ADDRESS.leading(Map.of("country", "US", "state", "WA"), false));
        assertEquals("ADDR#", ADDRESS.leading(Map.of(), false));
    }

    @Test
    void aPrefixTakesLeadingValuesOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ADDRESS.prefix(Map.of("country", "US", "city", "Seattle")));
        assertTrue(e.getMessage().contains("a value for {city} but none for {state}"), e.getMessage());
    }

    @Test
    void ordersStringsByTheirUtf8Bytes() {
        String bmpHigh = "\uFFFD";      // EF BF BD
        String astral = "😀";           // F0 9F 98 80, but "\uD83D\uDE00" in UTF-16
        assertTrue(astral.compareTo(bmpHigh) < 0, "String.compareTo puts surrogates first");
        assertTrue(KeyTemplate.byteOrder().compare(astral, bmpHigh) > 0);
        assertTrue(KeyTemplate.byteOrder().compare("a", "ab") < 0);
        assertEquals(0, KeyTemplate.byteOrder().compare("ab", "ab"));
        assertTrue(KeyTemplate.byteOrder().compare("ORDER#2026-06-30#o9", "ORDER#2026-06" + KeyTemplate.HIGHEST) < 0);
    }

    @Test
    void findsAKeyTwoTemplatesCanBothProduce() {
        assertEquals("v0", KeyTemplate.of("v0").overlap(KeyTemplate.of("v{rev}")).orElseThrow());
        assertTrue(KeyTemplate.of("v0").overlap(KeyTemplate.of("v#{rev}")).isEmpty());
        assertTrue(KeyTemplate.of("PROFILE").overlap(KeyTemplate.of("ADDR#{a}#{b}")).isEmpty());
        assertTrue(KeyTemplate.of("A#{x}").overlap(KeyTemplate.of("A#{x}#{y}")).isEmpty(), "segment counts differ");
        String w = KeyTemplate.of("{a}#B").overlap(KeyTemplate.of("A#{b}")).orElseThrow();
        assertEquals("A#B", w);
        assertTrue(KeyTemplate.of("X/{a}", '/').overlap(KeyTemplate.of("X/{a}#{b}")).isPresent(),
                "a '#' is an ordinary character for a '/'-separated template");
    }

    @Test
    void equalPatternsAndSeparatorsMakeEqualTemplates() {
        assertEquals(KeyTemplate.of("A#{x}"), KeyTemplate.of("A#{x}"));
        assertEquals(KeyTemplate.of("A#{x}").hashCode(), KeyTemplate.of("A#{x}").hashCode());
        assertFalse(KeyTemplate.of("A#{x}").equals(KeyTemplate.of("A#{x}", '/')));
        assertEquals("A#{x}", KeyTemplate.of("A#{x}").toString());
    }
}
