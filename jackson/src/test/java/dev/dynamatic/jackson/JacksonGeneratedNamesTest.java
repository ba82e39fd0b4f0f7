package dev.dynamatic.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dynamatic.ast.Attribute;
import dev.dynamatic.ast.Attributes;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code JacksonCodec.of} checks that the generated reference names of a record or class (dynamatic-processor's
 * rule) are names the mapper writes.
 */
class JacksonGeneratedNamesTest {

    @Attributes
    public record Address(String city, @Attribute("zip_code") @JsonProperty("zip_code") String zipCode) {}

    @Attributes
    public record Agreed(@Attribute("PK") @JsonProperty("PK") String customer, long totalCents, Address address) {}

    /** Named by Jackson's annotations alone, as the processor reads them. */
    @Attributes
    public record JsonNamed(@JsonProperty("PK") String customer, @JsonIgnore String session, long count) {}

    @Attributes
    public record Shipping(String city, @Attribute("zip_code") String zipCode) {}

    @Attributes
    public record Nesting(String id, Shipping shipping) {}

    @Attributes
    public record Renamed(@Attribute("order_status") String status) {}

    @Attributes
    public record Cents(long totalCents) {}

    @Attributes
    public record Twice(@Attribute("a") @JsonProperty("b") String x) {}

    public record Plain(@Attribute("x") String a) {}

    /** A stop of a booking: public fields, as Jackson reads them. */
    @Attributes
    public static final class Stop {
        public String city;
        public int floor;
    }

    /** A Jackson bean: names from a field, a getter; an ignored getter; nested records and classes. */
    @Attributes
    public static class Booking {
        public static final int MAX_NIGHTS = 30;
        @JsonProperty("PK") private String guest;
        private String room;
        private long totalCents;
        private transient String cache;
        private String secret;
        private Address address;
        private List<Stop> stops;

        public String getGuest() {
            return guest;
        }

        public void setGuest(String guest) {
            this.guest = guest;
        }

        @JsonProperty("room_no")
        public String getRoom() {
            return room;
        }

        public void setRoom(String room) {
            this.room = room;
        }

        public long getTotalCents() {
            return totalCents;
        }

        public void setTotalCents(long totalCents) {
            this.totalCents = totalCents;
        }

        @JsonIgnore
        public String getSecret() {
            return secret;
        }

        public Address getAddress() {
            return address;
        }

        public void setAddress(Address address) {
            this.address = address;
        }

        public List<Stop> getStops() {
            return stops;
        }

        public void setStops(List<Stop> stops) {
            this.stops = stops;
        }
    }

    /** A subclass: the fields it inherits have references too. */
    @Attributes
    public static final class LongBooking extends Booking {
        private int nights;

        public int getNights() {
            return nights;
        }

        public void setNights(int nights) {
            this.nights = nights;
        }
    }

    /** A field that the default mapper does not see: private, no getter. */
    @Attributes
    public static final class Hidden {
        public String shown;
        @SuppressWarnings("unused")
        private String hidden;
    }

    /** Renames {@link Stop#city} for the mapper only. */
    abstract static class StopRenamed {
        @JsonProperty("town") public String city;
    }

    /** Ignores {@link Stop#floor} for the mapper only. */
    abstract static class StopIgnored {
        @JsonIgnore public int floor;
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static Booking booking() {
        Stop stop = new Stop();
        stop.city = "Lyon";
        stop.floor = 2;
        Booking b = new Booking();
        b.setGuest("ada");
        b.setRoom("12");
        b.setTotalCents(500);
        b.setAddress(new Address("Paris", "75001"));
        b.setStops(List.of(stop));
        return b;
    }

    @Test
    void acceptsNamesTheMapperWrites() {
        JacksonCodec<Agreed> codec = JacksonCodec.of(MAPPER, Agreed.class);
        var item = codec.encode(new Agreed("ada", 5, new Address("Paris", "75001")));
        assertEquals(Set.of("PK", "totalCents", "address"), item.keySet());
        assertEquals(Set.of("city", "zip_code"), item.get("address").m().keySet());
        JacksonCodec.of(MAPPER, Plain.class); // no @Attributes: no references to check
    }

    @Test
    void acceptsARecordNamedByJacksonsAnnotationsAlone() {
        JacksonCodec<JsonNamed> codec = JacksonCodec.of(MAPPER, JsonNamed.class);
        // the ignored component has no reference, so nothing to check: the mapper leaves it out
        assertEquals(Set.of("PK", "count"), codec.encode(new JsonNamed("ada", "s", 1)).keySet());
    }

    @Test
    void acceptsAClassNamedByJsonPropertyOnAFieldOrGetterWithAnIgnoredGetter() {
        JacksonCodec<Booking> codec = JacksonCodec.of(MAPPER, Booking.class);
        var item = codec.encode(booking());
        assertEquals(Set.of("PK", "room_no", "totalCents", "address", "stops"), item.keySet());
        assertEquals(Set.of("city", "floor"), item.get("stops").l().getFirst().m().keySet());
        Booking back = codec.decode(item);
        assertEquals("12", back.getRoom());
        assertEquals("Lyon", back.getStops().getFirst().city);
        JacksonCodec.of(MAPPER, LongBooking.class);
    }

    @Test
    void rejectsAnAttributeNameTheMapperDoesNotWrite() {
        assertMessage("the generated reference RenamedAttributes.status names the attribute \"order_status\" (at"
                + " Renamed), but the mapper writes it as \"status\" (a naming strategy or mix-in?): name the"
                + " component the same for both (@JsonProperty names it for both, @Attribute for the references"
                + " only)", () -> JacksonCodec.of(MAPPER, Renamed.class));
    }

    @Test
    void rejectsTheFirstMismatchOfANestedRecord() {
        assertMessage("the generated reference ShippingAttributes.zipCode names the attribute \"zip_code\" (at"
                + " Nesting.shipping), but the mapper writes it as \"zipCode\" (a naming strategy or mix-in?): name the"
                + " component the same for both (@JsonProperty names it for both, @Attribute for the references"
                + " only)", () -> JacksonCodec.of(MAPPER, Nesting.class));
    }

    @Test
    void rejectsANamingStrategyThatRenamesARecordComponent() {
        JsonMapper snake = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        assertMessageStarts("the generated reference CentsAttributes.totalCents names the attribute \"totalCents\""
                + " (at Cents), but the mapper writes it as \"total_cents\"", () -> JacksonCodec.of(snake, Cents.class));
    }

    @Test
    void rejectsANamingStrategyThatRenamesAClassField() {
        // explicit @JsonProperty names are not renamed: the first field the strategy renames is the mismatch
        JsonMapper snake = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        assertMessageStarts("the generated reference BookingAttributes.totalCents names the attribute \"totalCents\""
                + " (at Booking), but the mapper writes it as \"total_cents\" (a naming strategy or mix-in?): name the"
                + " field the same for both", () -> JacksonCodec.of(snake, Booking.class));
    }

    @Test
    void rejectsAMixInThatRenamesAFieldOfAClassInAList() {
        JsonMapper mixed = JsonMapper.builder().addMixIn(Stop.class, StopRenamed.class).build();
        assertMessageStarts("the generated reference StopAttributes.city names the attribute \"city\" (at"
                + " Booking.stops[]), but the mapper writes it as \"town\"", () -> JacksonCodec.of(mixed, Booking.class));
    }

    @Test
    void rejectsAMixInThatIgnoresAField() {
        JsonMapper mixed = JsonMapper.builder().addMixIn(Stop.class, StopIgnored.class).build();
        assertMessage("the generated reference StopAttributes.floor names the attribute \"floor\" (at Stop), but the"
                + " mapper does not write it; it writes Stop with the properties [city] (a mix-in, a visibility setting"
                + " or a custom serializer?): give the field @JsonIgnore (then it has no reference), or have the mapper"
                + " write it", () -> JacksonCodec.of(mixed, Stop.class));
    }

    @Test
    void rejectsAFieldTheMapperDoesNotSee() {
        assertMessageStarts("the generated reference HiddenAttributes.hidden names the attribute \"hidden\" (at"
                + " Hidden), but the mapper does not write it; it writes Hidden with the properties [shown]",
                () -> JacksonCodec.of(MAPPER, Hidden.class));
    }

    @Test
    void rejectsTwoNamesForOneComponentAsTheProcessorDoes() {
        assertMessage("the component Twice.x is given the attribute names [b, a] (@JsonProperty, @Attribute):"
                + " dynamatic-processor generates no references for it; give it one name",
                () -> JacksonCodec.of(MAPPER, Twice.class));
    }

    private static void assertMessage(String expected, Executable e) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    private static void assertMessageStarts(String expected, Executable e) {
        String message = assertThrows(IllegalArgumentException.class, e).getMessage();
        assertEquals(expected, message.substring(0, Math.min(expected.length(), message.length())), message);
    }
}
