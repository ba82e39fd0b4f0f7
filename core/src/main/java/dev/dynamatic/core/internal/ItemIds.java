package dev.dynamatic.core.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which item a request targets, compared the way DynamoDB compares keys, and how large DynamoDB counts
 * an item: for the "same key twice" checks and the size limits of batches and transactions.
 */
public final class ItemIds {

    private ItemIds() {
    }

    /**
     * One item of one table: the table name and the key values in schema order; numbers by value
     * ({@code 1} and {@code 1.0} are the same key), strings and binaries by content. Its text names the table and
     * the key's types, never the values.
     *
     * @param table the table name
     * @param key the key values in schema order
     */
    public record Id(String table, List<Object> key) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(table).append('[');
            for (Object part : key) {
                sb.append(sb.charAt(sb.length() - 1) == '[' ? "" : ", ")
                        .append(part instanceof String ? "<S>" : part instanceof BigDecimal ? "<N>" : "<B>");
            }
            return sb.append(']').toString();
        }
    }

    /**
     * {@return the id of the item with these attributes}
     *
     * @throws IllegalArgumentException if a key attribute is missing or not a string, number or binary
     */
    public static Id of(String table, List<String> keyNames, Map<String, AttributeValue> attributes) {
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

    /**
     * DynamoDB's size of an item as its documentation counts it: each attribute name's UTF-8 bytes plus its
     * value (strings by UTF-8 bytes, binaries by length, numbers about one byte per two significant digits
     * plus one, booleans and nulls one byte, lists and maps three bytes plus one per element, sets the sum of
     * their members). An estimate for numbers; rounded up.
     */
    public static long size(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            total += utf8(e.getKey()) + size(e.getValue());
        }
        return total;
    }

    /** {@return the size of one value}, as {@link #size(Map)} counts it */
    public static long size(AttributeValue v) {
        AttributeValue.Type type = v.type();
        return switch (type) {
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
                    "attribute value of a type unknown to this SDK version");
            case null -> throw new IllegalArgumentException("attribute value without a type");
            default -> throw new IllegalArgumentException("unexpected attribute value type " + type);
        };
    }

    private static long number(String n) {
        String digits = new BigDecimal(n).stripTrailingZeros().unscaledValue().abs().toString();
        return (digits.length() + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
