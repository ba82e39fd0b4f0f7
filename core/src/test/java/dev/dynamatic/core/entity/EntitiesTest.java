package dev.dynamatic.core.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.RecordCodec;
import java.lang.invoke.MethodHandles;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntitiesTest {

    private static final KeySchema KEYS = EntityTest.KEYS;

    record Product(String productId, String name, BigDecimal price, int version) {}

    private static final ItemCodec<Product> PRODUCTS = RecordCodec.of(Product.class, MethodHandles.lookup());

    static final Entity<Product> PRODUCT = Entity.of("Product", PRODUCTS, KEYS,
            "PROD#{productId}", "v0");
    static final Entity<Product> PRODUCT_VERSION = Entity.of("ProductVersion", PRODUCTS, KEYS,
            "PROD#{productId}", "v#{rev}").withDerived("rev", p -> "%04d".formatted(p.version()));

    @Test
    void acceptsAModelWhoseTypesCannotWriteTheSameKey() {
        Entities shop = Entities.of(EntityTest.CUSTOMER, EntityTest.ADDRESS, EntityTest.ORDER, PRODUCT,
                PRODUCT_VERSION);
        assertEquals(5, shop.entities().size());
        assertEquals("Entities[Customer, Address, Order, Product, ProductVersion]", shop.toString());
    }

    @Test
    void rejectsAPlaceholderThatNamesNoAttributeWhenTheEntitiesAreDefined() {
        Entity<Product> typo = Entity.of("ProductHistory", PRODUCTS, KEYS, "PROD#{productid}", "h#{rev}")
                .withDerived("rev", p -> p.version());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Entities.of(PRODUCT, typo));
        assertEquals("entity ProductHistory: the key template placeholders [{productid}] name neither an attribute"
                + " the codec writes [name, price, productId, version] nor a derived value [rev] (names are"
                + " case-sensitive; declare derived values with withDerived)", e.getMessage());
        // an entity used on its own is checked on first use, before anything is written
        assertThrows(IllegalArgumentException.class, () -> typo.encode(new Product("p1", "n", java.math.BigDecimal.ONE, 1)));
    }

    @Test
    void rejectsTwoTypesThatCouldWriteTheSameKeyWithAnExample() {
        Entity<Product> clash = Entity.of("ProductHistory", PRODUCTS, KEYS,
                "PROD#{productId}", "v{rev}").withDerived("rev", p -> p.version());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Entities.of(PRODUCT, clash));
        assertEquals("entity types Product (the table: PK=PROD#{productId}, SK=v0) and ProductHistory (the table:"
                + " PK=PROD#{productId}, SK=v{rev}) could write the same key, e.g. PK=\"PROD#\", SK=\"v0\", and"
                + " overwrite each other's items; make their templates differ in literal text where they meet",
                e.getMessage());

        Entity<Item> profileToo = Entity.of("Admin", Item.codec(), KEYS, "{kind}#{id}", "PROFILE");
        assertThrows(IllegalArgumentException.class, () -> Entities.of(EntityTest.CUSTOMER, profileToo));
    }

    /** Whatever values two accepted entity types are given, their keys differ. */
    @Test
    void acceptedTypesNeverCollideWhateverTheValues() {
        Entity<Item> a = Entity.of("A", Item.codec(), KEYS, "CUST#{p0}", "ADDR#{p1}#{p2}");
        Entity<Item> b = Entity.of("B", Item.codec(), KEYS, "CUST#{p0}", "ADDR#{p1}");
        Entity<Item> c = Entity.of("C", Item.codec(), KEYS, "{p0}", "v{p1}.x");
        Entity<Item> d = Entity.of("D", Item.codec(), KEYS, "{p0}", "v#{p1}");
        List<Entity<Item>> all = List.of(a, b, c, d);
        Entities.of(List.copyOf(all));
        qt().forAll(lists().of(KeyTemplateProperties.values()).ofSize(3),
                lists().of(KeyTemplateProperties.values()).ofSize(3)).checkAssert((x, y) -> {
            for (int i = 0; i < all.size(); i++) {
                for (int j = i + 1; j < all.size(); j++) {
                    for (List<String> other : List.of(x, y)) {
                        Optional<Key> ki = key(all.get(i), x);
                        Optional<Key> kj = key(all.get(j), other);
                        if (ki.isPresent() && kj.isPresent()) {
                            assertNotEquals(ki.get(), kj.get());
                        }
                    }
                }
            }
        });
    }

    private static Optional<Key> key(Entity<Item> e, List<String> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            m.put("p" + i, values.get(i));
        }
        try {
            return Optional.of(e.table().key(m));
        } catch (IllegalArgumentException unwritable) { // an empty or oversized key is never written
            return Optional.empty();
        }
    }

    @Test
    void rejectsMixedSchemasTypeAttributesAndDuplicateTypeNames() {
        Entity<Product> other = Entity.of("Other", PRODUCTS, KeySchema.of("PK", "SK"),
                "X#{productId}", "Y");
        assertThrows(IllegalArgumentException.class, () -> Entities.of(PRODUCT, other));
        assertThrows(IllegalArgumentException.class,
                () -> Entities.of(PRODUCT, PRODUCT_VERSION.withTypeAttribute("kind")));
        Entity<Product> sameName = Entity.of("Product", PRODUCTS, KEYS, "P2#{productId}", "v0");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Entities.of(PRODUCT, sameName)).getMessage()
                .contains("two entities have the type name \"Product\""));
        assertThrows(IllegalArgumentException.class, () -> Entities.of(List.of()));
    }

    @Test
    void collectsSeveralTypesFromOneReadInOrderAndByType() {
        Entities shop = Entities.of(EntityTest.CUSTOMER, EntityTest.ORDER, PRODUCT);
        EntityTest.Customer ada = new EntityTest.Customer("c1", "Ada");
        EntityTest.Order o1 = new EntityTest.Order("o1", "c1", "2026-05-14", EntityTest.Status.OPEN, BigDecimal.TEN);
        EntityTest.Order o2 = new EntityTest.Order("o2", "c1", "2026-05-15", EntityTest.Status.SHIPPED, BigDecimal.ONE);
        List<Item> read = List.of(item(EntityTest.CUSTOMER.encode(ada)), item(EntityTest.ORDER.encode(o2)),
                item(EntityTest.ORDER.encode(o1)));
        ItemCollection c = shop.collect(read);
        assertEquals(List.of(ada, o2, o1), c.items());
        assertEquals(Optional.of(ada), c.one(EntityTest.CUSTOMER));
        assertEquals(List.of(o2, o1), c.all(EntityTest.ORDER));
        assertEquals(List.of(), c.all(PRODUCT));
        assertThrows(IllegalStateException.class, () -> c.one(EntityTest.ORDER));
        assertThrows(IllegalArgumentException.class, () -> c.all(EntityTest.ADDRESS));
        assertEquals("ItemCollection[Customer=1, Order=2, Product=0]", c.toString());

        String dispatched = c.items().stream().map(o -> switch (o) {
            case EntityTest.Customer x -> "customer " + x.name();
            case EntityTest.Order x -> "order " + x.orderId();
            default -> "other";
        }).toList().toString();
        assertEquals("[customer Ada, order o2, order o1]", dispatched);
    }

    @Test
    void anItemOfAnUnknownTypeIsAnError() {
        Entities shop = Entities.of(EntityTest.CUSTOMER);
        Item address = item(EntityTest.ADDRESS.encode(new EntityTest.Address("c1", "a1", "US", "WA", "Seattle")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shop.collect(List.of(address)));
        assertTrue(e.getMessage().contains("has the type \"Address\", which none of [Customer] has"), e.getMessage());
        Item untyped = Item.of(Map.of("PK", "CUST#c1", "SK", "PROFILE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> shop.collect(List.of(untyped))).getMessage()
                .contains("has no type attribute \"_type\""));
    }

    private static Item item(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk) {
        return Item.from(sdk);
    }
}
