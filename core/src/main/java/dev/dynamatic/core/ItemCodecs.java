package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The built-in codecs that need no configuration. */
final class ItemCodecs {

    /** Plain data: {@link Item#toSdk()} one way, {@link Item#fromSdk(Map)} the other. */
    static final ItemCodec<Item> ITEMS = new ItemCodec<>() {
        @Override
        public Map<String, AttributeValue> encode(Item value) {
            return requireNonNull(value, "item is null").toSdk();
        }

        @Override
        public Item decode(Map<String, AttributeValue> item) {
            return Item.fromSdk(item);
        }

        @Override
        public String toString() {
            return "ItemCodec.items()";
        }
    };

    private ItemCodecs() {
    }
}
