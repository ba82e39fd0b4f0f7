package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dynamatic.ast.Attribute;
import dev.dynamatic.ast.Attributes;
import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.JavaTypes;
import dev.dynamatic.ast.Value;
import java.lang.invoke.MethodHandles;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link Attribute} names, and the record codec's agreement with ast's table of Java types. */
class RecordCodecAttributeTest {

    enum Status { OPEN }

    record Address(@Attribute("the.city") String city) {}

    record Order(@Attribute("PK") String customer, @Attribute("order_status") Status status, long total,
                 Address address) {}

    record Twice(@Attribute("x") String a, String x) {}

    record Empty(@Attribute("") String a) {}

    @Test
    void storesComponentsUnderTheirAttributeNames() {
        RecordCodec<Order> codec = RecordCodec.of(Order.class, MethodHandles.lookup());
        Order order = new Order("ada", Status.OPEN, 5, new Address("Paris"));
        Map<String, AttributeValue> item = codec.encode(order);
        assertEquals(Set.of("PK", "order_status", "total", "address"), item.keySet());
        assertEquals(AttributeValue.createS("OPEN"), item.get("order_status"));
        assertEquals(Set.of("the.city"), item.get("address").m().keySet());
        assertEquals(order, codec.decode(item));
    }

    @Test
    void rejectsTwoComponentsUnderOneName() {
        assertEquals("Twice: components a and x are both stored as attribute x",
                assertThrows(IllegalArgumentException.class, () -> RecordCodec.of(Twice.class, MethodHandles.lookup()))
                        .getMessage());
        assertEquals("Empty.a: @Attribute names an empty attribute name",
                assertThrows(IllegalArgumentException.class, () -> RecordCodec.of(Empty.class, MethodHandles.lookup()))
                        .getMessage());
    }

    @Attributes
    record JacksonNamed(@JsonProperty("PK") String customer, String day) {}

    @Attributes
    record BothNamed(@JsonProperty("PK") @Attribute("PK") String customer, @JsonProperty("") String day) {}

    record NotReferenced(@JsonProperty("PK") String customer) {}

    @Test
    void rejectsAReferencedRecordWhoseJacksonNameItWouldNotStoreUnder() {
        assertEquals("JacksonNamed.customer: @JsonProperty names it \"PK\", and so does its generated reference"
                        + " (JacksonNamed is @Attributes), but RecordCodec stores it as \"customer\" (it reads"
                        + " @Attribute, not @JsonProperty): add @Attribute(\"PK\") to the component, or store the"
                        + " record with JacksonCodec",
                assertThrows(IllegalArgumentException.class,
                        () -> RecordCodec.of(JacksonNamed.class, MethodHandles.lookup())).getMessage());
        // the same name both ways, or an empty @JsonProperty (the component's own name): stored where referenced
        assertEquals(Set.of("PK", "day"), RecordCodec.of(BothNamed.class, MethodHandles.lookup())
                .encode(new BothNamed("ada", "mon")).keySet());
        // no generated references: nothing can disagree with what is stored
        assertEquals(Set.of("customer"), RecordCodec.of(NotReferenced.class, MethodHandles.lookup())
                .encode(new NotReferenced("ada")).keySet());
    }

    record Scalars(String s, Status e, UUID u, Instant i, boolean b, Boolean bb, int n1, Integer n2, long n3,
                   short n4, byte n5, double n6, float n7, BigDecimal n8, BigInteger n9, Bytes b1, byte[] b2) {}

    @Test
    void storesEveryScalarAsTheTableSays() {
        RecordCodec<Scalars> codec = RecordCodec.of(Scalars.class, MethodHandles.lookup());
        for (var component : Scalars.class.getRecordComponents()) {
            assertEquals(JavaTypes.scalar(component.getType()).orElseThrow(), codec.attributeTypes().get(component.getName()),
                    component.getName());
        }
        assertEquals(List.of(Value.Type.S), List.of(JavaTypes.scalar(Status.class).orElseThrow()));
    }
}
