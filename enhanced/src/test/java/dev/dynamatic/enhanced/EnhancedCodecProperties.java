package dev.dynamatic.enhanced;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.dynamatic.core.Item;
import dev.dynamatic.enhanced.Models.Address;
import dev.dynamatic.enhanced.Models.Event;
import dev.dynamatic.enhanced.Models.Order;
import dev.dynamatic.enhanced.Models.Status;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Laws of {@link EnhancedCodec} over random beans and static-schema objects, with and without null properties. */
class EnhancedCodecProperties {

    private static final TableSchema<Order> SCHEMA = TableSchema.fromBean(Order.class);
    private static final EnhancedCodec<Order> ORDERS = EnhancedCodec.of(SCHEMA);
    private static final EnhancedCodec<Event> EVENTS = EnhancedCodec.of(Models.EVENTS);

    /** A string, or null one time in four. */
    private static Gen<String> maybe(Gen<String> strings) {
        return integers().between(0, 3).zip(strings, (i, s) -> i == 0 ? null : s);
    }

    private static Gen<Order> orders() {
        Gen<String> text = strings().basicLatinAlphabet().ofLengthBetween(1, 12);
        Gen<String> key = strings().allPossible().ofLengthBetween(1, 20);
        Gen<BigDecimal> totals = longs().between(-1_000_000_000L, 1_000_000_000L)
                .zip(integers().between(0, 6), BigDecimal::valueOf)
                .map(BigDecimal::stripTrailingZeros); // DynamoDB stores numbers normalised; the converter does not
        Gen<List<String>> tags = lists().of(text).ofSizeBetween(0, 4);
        return key.zip(key, maybe(text), totals, (c, o, note, total) -> {
            Order x = new Order();
            x.setCustomerId(c);
            x.setOrderId(o);
            x.setNote(note);
            x.setTotal(total);
            return x;
        }).zip(tags, maybe(text), maybe(text), Generate.enumValues(Status.class), (x, t, street, by, status) -> {
            x.setTags(t.isEmpty() ? null : new LinkedHashSet<>(t)); // DynamoDB sets are never empty
            x.setShipTo(street == null ? null : Address.of(street, by));
            x.setLines(t);
            x.setCreatedBy(by);
            x.setStatus(status);
            return x;
        });
    }

    @Test
    void beansReadBackAsWritten() {
        qt().forAll(orders()).checkAssert(o -> assertEquals(o, ORDERS.decode(ORDERS.encode(o))));
    }

    @Test
    void writesWhatTheEnhancedClientsPutWrites() {
        qt().forAll(orders()).checkAssert(o -> assertEquals(SCHEMA.itemToMap(o, true), ORDERS.encode(o)));
    }

    @Test
    void writesValidItemsWithoutNulls() {
        // Item.from checks every DynamoDB rule (names, numbers, set members, nesting)
        qt().forAll(orders()).checkAssert(o -> {
            Map<String, AttributeValue> item = ORDERS.encode(o);
            Item.from(item);
            assertFalse(item.values().stream().anyMatch(v -> v.type() == AttributeValue.Type.NUL), item::toString);
        });
    }

    @Test
    void staticSchemasReadBackAsWritten() {
        qt().forAll(strings().allPossible().ofLengthBetween(1, 20), longs().all(), maybe(strings().ascii()
                .ofLengthBetween(0, 10))).checkAssert((device, at, kind) -> {
                    Event e = new Event(device, at, kind);
                    assertEquals(e, EVENTS.decode(EVENTS.encode(e)));
                });
    }
}
