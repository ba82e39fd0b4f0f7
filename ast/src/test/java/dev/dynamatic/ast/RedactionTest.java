package dev.dynamatic.ast;

import static dev.dynamatic.ast.Dsl.binarySet;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.numberSet;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.sortKey;
import static dev.dynamatic.ast.Dsl.stringSet;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The switch that shows values: off by default, on by property or in code, and what it changes. */
class RedactionTest {

    @AfterEach
    void hideValuesAgain() {
        Redaction.showValues(false);
    }

    /** {@return what the supplier gives while values are shown} */
    static <T> T shown(Supplier<T> s) {
        Redaction.showValues(true);
        try {
            return s.get();
        } finally {
            Redaction.showValues(false);
        }
    }

    @Test
    void isOffByDefaultAndSwitchesInCode() {
        assertFalse(Redaction.showsValues());
        Redaction.showValues(true);
        assertTrue(Redaction.showsValues());
        Redaction.showValues(false);
        assertFalse(Redaction.showsValues());
    }

    @Test
    void readsTheSystemPropertyWhenFirstUsed() throws Exception {
        assertEquals("dynamatic.showValues", Redaction.PROPERTY);
        assertFalse(showsValuesInAFreshLoader(null));
        assertFalse(showsValuesInAFreshLoader("false"));
        assertFalse(showsValuesInAFreshLoader("yes"));
        assertTrue(showsValuesInAFreshLoader("true"));
        // this JVM's own switch is untouched by the fresh copies
        assertFalse(Redaction.showsValues());
    }

    /** Loads a second copy of the class (as a JVM started with the property would) and asks it. */
    private static boolean showsValuesInAFreshLoader(String property) throws Exception {
        String old = System.getProperty(Redaction.PROPERTY);
        URL classes = Redaction.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null)) {
            if (property == null) {
                System.clearProperty(Redaction.PROPERTY);
            } else {
                System.setProperty(Redaction.PROPERTY, property);
            }
            Class<?> fresh = Class.forName(Redaction.class.getName(), true, loader);
            Method showsValues = fresh.getMethod("showsValues");
            return (boolean) showsValues.invoke(null);
        } finally {
            if (old == null) {
                System.clearProperty(Redaction.PROPERTY);
            } else {
                System.setProperty(Redaction.PROPERTY, old);
            }
        }
    }

    @Test
    void formatsAValueByItsTypeUnlessShown() {
        assertEquals("<S>", Redaction.value(value("hunter2")));
        assertEquals("<NS>", Redaction.value(numberSet(1, 2)));
        assertEquals("<String>", Redaction.value("hunter2"));
        assertEquals("<Instant>", Redaction.value(Instant.EPOCH));
        assertEquals("<S>", Redaction.value("hunter2", "S"));
        assertEquals("null", Redaction.value(null));
        assertEquals("null", Redaction.value(null, "S"));
        assertEquals("\"hunter2\"", shown(() -> Redaction.value("hunter2")));
        assertEquals("S[value=hunter2]", shown(() -> Redaction.value(value("hunter2"))));
        assertEquals("42", shown(() -> Redaction.value(42, "N")));
        assertEquals("1970-01-01T00:00:00Z", shown(() -> Redaction.value(Instant.EPOCH)));
    }

    @Test
    void valuesPrintAsTheirTypesUnlessShown() {
        Condition c = eq(path("password"), value("hunter2"));
        assertEquals("Comparison[left=password, comparator=EQ, right=<S>]", c.toString());
        assertEquals("Comparison[left=password, comparator=EQ, right=S[value=hunter2]]", shown(c::toString));
        Value all = Value.of(List.of("s", 42, Bytes.of((byte) 1), true, Map.of("k", "v"), Set.of("m"),
                Set.of(7), Set.of(Bytes.of((byte) 2))));
        assertEquals("<L>", all.toString());
        assertEquals("[<S>, <N>, <B>, <BOOL>, <M>, <SS>, <NS>, <BS>]", ((Value.L) all).values().toString());
        assertEquals("L[values=[S[value=s], N[value=42], B[value=Bytes[1]AQ==], Bool[value=true],"
                + " M[values={k=S[value=v]}], SS[values=[m]], NS[values=[N[value=7]]], BS[values=[Bytes[1]Ag==]]]]",
                shown(all::toString));
        assertEquals("Null[]", new Value.Null().toString());
        assertEquals("Bytes[3]", Bytes.of((byte) 1, (byte) 2, (byte) 3).toString());
        assertEquals("Bytes[3]AQID", shown(() -> Bytes.of((byte) 1, (byte) 2, (byte) 3).toString()));
        KeyCondition k = partitionKey("PK", value("alice@example.com")).and(sortKey("SK").beginsWith(value("ORDER#")));
        assertEquals("KeyCondition[partitionKey=PK, partitionValue=<S>, sortKey=Optional[BeginsWith[name=SK,"
                + " prefix=<S>]]]", k.toString());
        assertTrue(shown(k::toString).contains("alice@example.com"));
    }

    @Test
    void messagesNameTypesAndPositionsUnlessShown() {
        var strings = assertThrows(IllegalArgumentException.class, () -> stringSet("a", "secret-token", "secret-token"));
        assertEquals("string set has the member <String> twice (positions 1 and 2); DynamoDB set members are unique",
                strings.getMessage());
        assertEquals("string set has the member \"secret-token\" twice (positions 1 and 2); DynamoDB set members"
                + " are unique", shown(() -> assertThrows(IllegalArgumentException.class,
                () -> stringSet("a", "secret-token", "secret-token")).getMessage()));
        var numbers = assertThrows(IllegalArgumentException.class, () -> numberSet(3.14159, 2, new BigDecimal("3.141590")));
        assertEquals("number set has the member <N> twice (positions 0 and 2); DynamoDB set members are unique",
                numbers.getMessage());
        var bytes = assertThrows(IllegalArgumentException.class, () -> binarySet(Bytes.of((byte) 9), Bytes.of((byte) 9)));
        assertFalse(bytes.getMessage().contains("CQ=="), bytes.getMessage());
        var instant = assertThrows(IllegalArgumentException.class, () -> Value.of(Instant.MAX));
        assertEquals("instant <Instant> is outside years 0000-9999, where ISO-8601 text no longer sorts in time order",
                instant.getMessage());
        var key = assertThrows(IllegalArgumentException.class, () -> Value.of(Map.of(4242, "v")));
        assertFalse(key.getMessage().contains("4242"), key.getMessage());
        assertTrue(shown(() -> assertThrows(IllegalArgumentException.class,
                () -> Value.of(Map.of(4242, "v"))).getMessage()).contains("4242"));
        var base64 = assertThrows(IllegalArgumentException.class, () -> Bytes.fromBase64("hunter2!"));
        assertEquals("the text (8 chars) is not standard Base64 (RFC 4648)", base64.getMessage());
        assertNull(base64.getCause());
    }
}
