package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.*;
import static dev.dynamatic.it.OrderAttributes.*; // generated from Order below
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dynamatic.ast.Attribute;
import dev.dynamatic.ast.Attributes;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.RecordCodec;
import dev.dynamatic.core.Scan;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.core.Written;
import dev.dynamatic.jackson.JacksonCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * Updates, conditions, filters, projections and key conditions built from generated typed references, on a real
 * server, read back; components stored under {@code @Attribute} names, and a Jackson class's fields under its
 * {@code @JsonProperty} names.
 */
@DynamoDbIT
@WithTable(pk = "PK", sk = "SK")
class TypedReferencesIT {

    enum Status { OPEN, SHIPPED }

    @Attributes
    record Line(String sku, int quantity) {}

    @Attributes
    record Shipping(String city, String zip) {}

    @Attributes
    record Order(@Attribute("PK") String customer, @Attribute("SK") String orderId,
                 @Attribute("order_status") Status status, long totalCents, Set<String> tags, Shipping shipping,
                 List<Line> lines, Map<String, Integer> counts) {}

    /** Stored through Jackson: the mapper writes the names the references use (checked by JacksonCodec.of). */
    @Attributes
    record Visit(@Attribute("PK") @JsonProperty("PK") String customer, @Attribute("SK") @JsonProperty("SK") String day,
                 String city, int count) {}

    /**
     * A Jackson bean: keys named by {@code @JsonProperty} on fields, a getter's {@code @JsonIgnore}, nested classes
     * (the names checked by JacksonCodec.of).
     */
    @Attributes
    public static final class Stay {
        @JsonProperty("PK") private String guest;
        @JsonProperty("SK") private String night;
        private String room;
        private int nights;
        private Place place;
        private List<Place> stops;
        private String secret;

        public Stay() {
        }

        Stay(String guest, String night, String room, int nights, Place place, String secret) {
            this.guest = guest;
            this.night = night;
            this.room = room;
            this.nights = nights;
            this.place = place;
            this.stops = List.of(place);
            this.secret = secret;
        }

        public String getGuest() {
            return guest;
        }

        public void setGuest(String guest) {
            this.guest = guest;
        }

        public String getNight() {
            return night;
        }

        public void setNight(String night) {
            this.night = night;
        }

        public String getRoom() {
            return room;
        }

        public void setRoom(String room) {
            this.room = room;
        }

        public int getNights() {
            return nights;
        }

        public void setNights(int nights) {
            this.nights = nights;
        }

        public Place getPlace() {
            return place;
        }

        public void setPlace(Place place) {
            this.place = place;
        }

        public List<Place> getStops() {
            return stops;
        }

        public void setStops(List<Place> stops) {
            this.stops = stops;
        }

        @JsonIgnore
        public String getSecret() {
            return secret;
        }
    }

    /** A place, stored as a map; its city under Jackson's name {@code town}. */
    @Attributes
    public static final class Place {
        @JsonProperty("town") public String city;
        public String zip;

        public Place() {
        }

        Place(String city, String zip) {
            this.city = city;
            this.zip = zip;
        }
    }

    private static final ItemCodec<Order> CODEC = RecordCodec.of(Order.class);

    private static Order order(String id, long total) {
        return new Order("ada", id, Status.OPEN, total, Set.of("new"), new Shipping("Lyon", "69001"),
                List.of(new Line("bike", 1), new Line("bell", 2)), Map.of("views", 1));
    }

    private static Table table(DynamoDbClient client, TestTable orders) {
        Table table = Table.of(client, orders.name(), KeySchema.of("PK", "SK"));
        table.put(order("o-1", 1999), CODEC);
        table.put(order("o-2", 500), CODEC);
        table.put(new Order("bob", "o-3", Status.SHIPPED, 700, Set.of("gift"), new Shipping("Paris", "75001"),
                List.of(), Map.of()), CODEC);
        return table;
    }

    @Test
    void updatesWithReferencesUnderACondition(DynamoDbClient client, TestTable orders) {
        Table table = table(client, orders);
        UpdateItem ship = UpdateItem.of(Key.of("ada", "o-1"), update(
                        set(status, Status.SHIPPED),
                        set(totalCents, plus(totalCents, 1)),
                        set(shipping.city, "Paris"),
                        set(lines.at(1).quantity, 3),
                        set(counts.key("views"), 5),
                        add(tags, Set.of("gift")),
                        set(path("legacy"), value(true))))          // a string path in the same update
                .withCondition(and(eq(status, Status.OPEN), attributeExists(shipping)))
                .withReturnValues(ReturnValue.ALL_NEW);

        Optional<Order> shipped = table.update(ship, CODEC).fold(failure -> Optional.empty(), Written::item);

        assertEquals(Optional.of(new Order("ada", "o-1", Status.SHIPPED, 2000, Set.of("new", "gift"),
                new Shipping("Paris", "69001"), List.of(new Line("bike", 1), new Line("bell", 3)),
                Map.of("views", 5))), shipped);
        Item raw = table.get(Key.of("ada", "o-1"), Item.codec()).orElseThrow();
        assertEquals("SHIPPED", raw.getString("order_status"));
        assertTrue(raw.getBoolean("legacy"));
        // the condition, built from references, now fails
        assertTrue(table.update(ship, CODEC).isLeft());
    }

    @Test
    void queriesWithReferenceKeyConditionsFiltersAndProjections(DynamoDbClient client, TestTable orders) {
        Table table = table(client, orders);

        List<Order> big = table.query(Query.of(partitionKey(customer, "ada")
                        .and(sortKey(orderId).beginsWith("o-")))
                .withFilter(and(gt(totalCents, 600), contains(tags, "new"),
                        gt(size(lines), value(1)))), CODEC).toList();
        assertEquals(List.of(order("o-1", 1999)), big);

        List<Item> projected = table.query(Query.of(partitionKey(customer, "ada"))
                .withProjection(projection(orderId, shipping.city, lines.at(0).sku)),
                Item.codec()).toList();
        assertEquals(2, projected.size());
        for (Item item : projected) {
            assertEquals(Set.of("SK", "shipping", "lines"), item.attributes().keySet());
            assertEquals("Lyon", item.getMap("shipping").getString("city"));
            assertEquals(Set.of("city"), item.getMap("shipping").attributes().keySet());
            assertEquals(1, item.getList("lines").size());
        }
    }

    @Test
    void scansWithReferenceFilters(DynamoDbClient client, TestTable orders) {
        Table table = table(client, orders);

        List<Order> found = table.scan(Scan.of().withFilter(and(
                in(status, Status.SHIPPED), beginsWith(shipping.city, "Par"),
                between(totalCents, 600, 800), attributeNotExists(lines.at(0)))), CODEC)
                .toList();
        assertEquals(List.of(new Order("bob", "o-3", Status.SHIPPED, 700, Set.of("gift"),
                new Shipping("Paris", "75001"), List.of(), Map.of())), found);
    }

    @Test
    void updatesAJacksonItemWithReferences(DynamoDbClient client, TestTable orders) {
        Table table = Table.of(client, orders.name(), KeySchema.of("PK", "SK"));
        ItemCodec<Visit> visits = JacksonCodec.of(JsonMapper.builder().build(), Visit.class);
        table.put(new Visit("ada", "2026-12-06", "Lyon", 1), visits);

        Optional<Visit> after = table.update(UpdateItem.of(Key.of("ada", "2026-12-06"), update(
                        set(VisitAttributes.city, "Nice"), add(VisitAttributes.count, 2)))
                .withCondition(eq(VisitAttributes.city, "Lyon"))
                .withReturnValues(ReturnValue.ALL_NEW), visits).fold(failure -> Optional.empty(), Written::item);

        assertEquals(Optional.of(new Visit("ada", "2026-12-06", "Nice", 3)), after);
    }

    @Test
    void updatesAndFiltersAJacksonClassItemWithReferences(DynamoDbClient client, TestTable orders) {
        Table table = Table.of(client, orders.name(), KeySchema.of("PK", "SK"));
        ItemCodec<Stay> stays = JacksonCodec.of(JsonMapper.builder().build(), Stay.class);
        table.put(new Stay("cy", "2026-12-06", "12", 1, new Place("Lyon", "69001"), "s3cret"), stays);
        table.put(new Stay("cy", "2026-12-07", "14", 2, new Place("Nice", "06000"), "s3cret"), stays);

        Stay updated = table.update(UpdateItem.of(Key.of("cy", "2026-12-06"), update(
                        set(StayAttributes.room, "21"),
                        add(StayAttributes.nights, 2),
                        set(StayAttributes.place.city, "Paris"),
                        set(StayAttributes.stops.at(0).zip, "13200")))
                .withCondition(and(eq(StayAttributes.place.city, "Lyon"), attributeNotExists(path("secret"))))
                .withReturnValues(ReturnValue.ALL_NEW), stays)
                .fold(failure -> Optional.<Stay>empty(), Written::item).orElseThrow();

        assertEquals(List.of("cy", "2026-12-06", "21", 3, "Paris", "69001", "Lyon", "13200"), List.of(
                updated.getGuest(), updated.getNight(), updated.getRoom(), updated.getNights(), updated.getPlace().city,
                updated.getPlace().zip, updated.getStops().getFirst().city, updated.getStops().getFirst().zip));
        assertNull(updated.getSecret()); // ignored: never stored
        Item raw = table.get(Key.of("cy", "2026-12-06"), Item.codec()).orElseThrow();
        assertEquals(Set.of("PK", "SK", "room", "nights", "place", "stops"), raw.attributes().keySet());
        assertEquals("Paris", raw.getMap("place").getString("town"));

        List<Stay> longer = table.query(Query.of(partitionKey(StayAttributes.guest, "cy"))
                .withFilter(and(gt(StayAttributes.nights, 2), beginsWith(StayAttributes.stops.at(0).city, "Ly"))),
                stays).toList();
        assertEquals(List.of("2026-12-06"), longer.stream().map(Stay::getNight).toList());
    }

    @Test
    void referencesBuildTheTreesOfStringPaths() {
        assertEquals(set(path("shipping.city"), value("x")), set(shipping.city, "x"));
        assertEquals(eq(path("order_status"), value("OPEN")), eq(status, Status.OPEN));
    }
}
