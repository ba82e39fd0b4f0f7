package dev.dynamatic.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dynamatic.ast.Attribute;
import dev.dynamatic.ast.Attributes;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** {@code JacksonCodec.of} checks that a record's generated reference names are the names the mapper writes. */
class JacksonGeneratedNamesTest {

    @Attributes
    public record Address(String city, @Attribute("zip_code") @JsonProperty("zip_code") String zipCode) {}

    @Attributes
    public record Agreed(@Attribute("PK") @JsonProperty("PK") String customer, long totalCents, Address address) {}

    @Attributes
    public record Shipping(String city, @Attribute("zip_code") String zipCode) {}

    @Attributes
    public record Nesting(String id, Shipping shipping) {}

    @Attributes
    public record Renamed(@Attribute("order_status") String status) {}

    @Attributes
    public record Cents(long totalCents) {}

    @Attributes
    public record Ignored(String kept, @JsonIgnore String dropped) {}

    public record Plain(@Attribute("x") String a) {}

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void acceptsNamesTheMapperWrites() {
        JacksonCodec<Agreed> codec = JacksonCodec.of(MAPPER, Agreed.class);
        var item = codec.encode(new Agreed("ada", 5, new Address("Paris", "75001")));
        assertEquals(Set.of("PK", "totalCents", "address"), item.keySet());
        assertEquals(Set.of("city", "zip_code"), item.get("address").m().keySet());
        JacksonCodec.of(MAPPER, Plain.class); // no @Attributes: no references to check
    }

    @Test
    void rejectsAnAttributeNameTheMapperDoesNotWrite() {
        assertMessage("the generated reference RenamedAttributes.status names the attribute \"order_status\" (at"
                + " Renamed), but the mapper writes Renamed with the properties [status] (a naming strategy, mix-in,"
                + " @JsonProperty or @JsonIgnore?): give the component @JsonProperty(\"order_status\"), or @Attribute"
                + " with the name the mapper writes", () -> JacksonCodec.of(MAPPER, Renamed.class));
    }

    @Test
    void rejectsTheFirstMismatchOfANestedRecord() {
        assertMessage("the generated reference ShippingAttributes.zipCode names the attribute \"zip_code\" (at"
                + " Nesting.shipping), but the mapper writes Shipping with the properties [city, zipCode] (a naming"
                + " strategy, mix-in, @JsonProperty or @JsonIgnore?): give the component @JsonProperty(\"zip_code\"),"
                + " or @Attribute with the name the mapper writes", () -> JacksonCodec.of(MAPPER, Nesting.class));
    }

    @Test
    void rejectsANamingStrategyThatRenames() {
        JsonMapper snake = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        String message = assertThrows(IllegalArgumentException.class, () -> JacksonCodec.of(snake, Cents.class))
                .getMessage();
        assertTrue(message.startsWith("the generated reference CentsAttributes.totalCents names the attribute"
                + " \"totalCents\" (at Cents), but the mapper writes Cents with the properties [total_cents]"), message);
    }

    @Test
    void rejectsAnIgnoredComponent() {
        String message = assertThrows(IllegalArgumentException.class, () -> JacksonCodec.of(MAPPER, Ignored.class))
                .getMessage();
        assertTrue(message.startsWith("the generated reference IgnoredAttributes.dropped names the attribute"
                + " \"dropped\" (at Ignored), but the mapper writes Ignored with the properties [kept]"), message);
    }

    private static void assertMessage(String expected, Executable e) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
    }
}
