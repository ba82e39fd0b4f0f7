package dev.dynamatic.core;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which item a request targets, compared the way DynamoDB compares keys, and how large DynamoDB counts
 * an item: for the "same key twice" checks and the size limits of batches and transactions.
 */
final class ItemIds {

    /** DynamoDB's largest item. */
    static final long MAX_ITEM_BYTES = 400 * 1024;

    private ItemIds() {
    }

    /**
     * One item of one table: the table name and the key values in schema order; numbers by value
     * ({@code 1} and {@code 1.0} are the same key), strings and binaries by content.
     */
    record Id(String table, List<Object> key) {
        @Override
        public String toString() {
            return table + key;
        }
    }

    static Id of(String table, List<String> keyNames, Map<String, AttributeValue> attributes) {
        List<Object> parts = new ArrayList<>(keyNames.size());
        for (String name : keyNames) {
            AttributeValue v = attributes.get(name);
            if (v == null) {
                throw new IllegalArgumentException("item for table " + table + " lacks its key attribute \"" + name + "\"");
            }
            parts.add(part(table, name, v));
        }
        return new Id(table, List.copyOf(parts));
    }

    private static Object part(String table, String name, AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            return new BigDecimal(v.n()).stripTrailingZeros();
        }
        if (v.b() != null) {
            return v.b();   // SdkBytes compares by content
        }
        throw new IllegalArgumentException("table " + table + ": key attribute \"" + name
                + "\" must be a string, number or binary, not " + v.type());
    }

    /** {@return the key of these attributes as a {@link Key}} */
    static Key key(KeySchema schema, Map<String, AttributeValue> attributes) {
        return schema.keyOf(attributes);
    }

    /** {@return only the key attributes of an item} */
    static Map<String, AttributeValue> keyOf(KeySchema schema, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new java.util.LinkedHashMap<>(4);
        for (String name : schema.names()) {
            key.put(name, item.get(name));
        }
        return key;
    }

    /**
     * DynamoDB's size of an item as its documentation counts it: each attribute name's UTF-8 bytes plus its
     * value (strings by UTF-8 bytes, binaries by length, numbers about one byte per two significant digits
     * plus one, booleans and nulls one byte, lists and maps three bytes plus one per element, sets the sum of
     * their members). An estimate for numbers; rounded up.
     */
    static long size(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            total += utf8(e.getKey()) + size(e.getValue());
        }
        return total;
    }

    static long size(AttributeValue v) {
        return switch (v.type()) {
            case S -> utf8(v.s());
            case N -> number(v.n());
            case B -> v.b().asByteArrayUnsafe().length;
            case BOOL, NUL -> 1;
            case SS -> v.ss().stream().mapToLong(ItemIds::utf8).sum();
            case NS -> v.ns().stream().mapToLong(ItemIds::number).sum();
            case BS -> v.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
            case L -> 3 + v.l().stream().mapToLong(x -> 1 + size(x)).sum();
            case M -> 3 + v.m().entrySet().stream().mapToLong(x -> 1 + utf8(x.getKey()) + size(x.getValue())).sum();
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException(
                    "attribute value of a type unknown to this SDK version: " + v);
            case null -> throw new IllegalArgumentException("attribute value without a type: " + v);
            default -> throw new IllegalArgumentException("unexpected attribute value type " + v.type());
        };
    }

    private static long number(String n) {
        String digits = new BigDecimal(n).stripTrailingZeros().unscaledValue().abs().toString();
        return (digits.length() + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** {@return the key of a SDK key map as text, for messages} */
    static String describe(Map<String, AttributeValue> key) {
        StringBuilder sb = new StringBuilder("{");
        key.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(k).append('=');
            if (v.s() != null) {
                sb.append('"').append(v.s()).append('"');
            } else if (v.n() != null) {
                sb.append(v.n());
            } else {
                sb.append(Optional.ofNullable(v.b()).map(SdkBytes::asByteArrayUnsafe).map(b -> b.length + " bytes")
                        .orElse(String.valueOf(v.type())));
            }
        });
        return sb.append('}').toString();
    }
}
