package dev.dynamatic.core.internal;

import dev.dynamatic.ast.internal.Utf8;
import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.Value;
import dev.dynamatic.core.KeyAttribute;
import dev.dynamatic.core.KeySchema;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What DynamoDB checks on every item and key that can be known for certain before sending: key attributes present,
 * of their declared type, not empty, within the key size limits; index key attributes of the index key's type and
 * not empty; no item certainly larger than 400 KB; no string that is not valid UTF-16 (a lone surrogate, which
 * the SDK cannot even serialize). Messages name the table, the attribute and the rule, never a value.
 */
public final class ItemChecks {

    private ItemChecks() {
    }

    /**
     * Checks a key's attributes (already named and typed by the schema): not empty, within the size limits, valid
     * UTF-16.
     *
     * @throws IllegalArgumentException naming the table, the attribute and the rule
     */
    public static void checkKey(String table, KeySchema schema, Map<String, AttributeValue> key) {
        checkKeyValue(table, schema.partitionKey(), present(key, schema.partitionKey()), Limits.MAX_PARTITION_KEY_BYTES,
                "partition");
        schema.sortKey().ifPresent(s -> checkKeyValue(table, s, present(key, s), Limits.MAX_SORT_KEY_BYTES, "sort"));
    }

    /**
     * Checks an item to be written: its key as {@link #checkKey} does, the key attributes of every index it has,
     * its size and its strings.
     *
     * @throws IllegalArgumentException naming the table, the attribute and the rule
     */
    public static void checkItem(String table, KeySchema schema, Map<String, AttributeValue> item) {
        checkKey(table, schema, item);
        for (Map.Entry<String, KeySchema> index : schema.indexes().entrySet()) {
            for (KeyAttribute k : index.getValue().attributes()) {
                AttributeValue v = item.get(k.name());
                if (v == null) {
                    continue; // an item without the index's key attributes is simply not in that (sparse) index
                }
                if (!fits(k.type(), v)) {
                    throw new IllegalArgumentException("item for table " + table + ": \"" + k.name() + "\" is a key "
                            + "attribute of index " + index.getKey() + ", declared " + k.type() + ", but the item holds "
                            + v.type());
                }
                if (empty(v)) {
                    throw new IllegalArgumentException("item for table " + table + ": \"" + k.name() + "\" is a key "
                            + "attribute of index " + index.getKey() + " and is empty; DynamoDB rejects empty index key"
                            + " values (leave the attribute out to keep the item out of the index)");
                }
            }
        }
        long size = 0;
        int position = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            position++;
            checkName(table, "attribute " + position + " of the item", e.getKey());
            size += Utf8.length(e.getKey()) + minimumSize(table, e.getKey(), e.getValue());
        }
        if (size > Limits.MAX_ITEM_BYTES) {
            throw new IllegalArgumentException("item for table " + table + " is at least " + size + " bytes; DynamoDB's"
                    + " largest item is " + Limits.MAX_ITEM_BYTES + " bytes (400 KB), names and values counted");
        }
    }

    private static AttributeValue present(Map<String, AttributeValue> attributes, KeyAttribute k) {
        AttributeValue v = attributes.get(k.name());
        if (v == null) {
            throw new IllegalArgumentException("the key lacks its attribute \"" + k.name() + "\"");
        }
        return v;
    }

    private static void checkKeyValue(String table, KeyAttribute k, AttributeValue v, int maxBytes, String role) {
        if (!fits(k.type(), v)) {
            throw new IllegalArgumentException("table " + table + ": " + role + " key \"" + k.name() + "\" is declared "
                    + k.type() + ", but the value is " + v.type());
        }
        if (empty(v)) {
            throw new IllegalArgumentException("table " + table + ": " + role + " key \"" + k.name() + "\" is empty;"
                    + " DynamoDB rejects empty key values");
        }
        long bytes = switch (k.type()) {
            case S -> {
                checkText(table, k.name(), v.s(), "its value");
                yield Utf8.length(v.s());
            }
            case B -> v.b().asByteArrayUnsafe().length;
            case N, BOOL, NULL, L, M, SS, NS, BS -> 0; // a number is at most 38 digits: far below the limits
        };
        if (bytes > maxBytes) {
            throw new IllegalArgumentException("table " + table + ": " + role + " key \"" + k.name() + "\" is " + bytes
                    + " bytes; DynamoDB allows at most " + maxBytes + " for a " + role + " key value");
        }
    }

    private static boolean fits(Value.Type type, AttributeValue v) {
        AttributeValue.Type t = v.type();
        return switch (type) {
            case S -> t == AttributeValue.Type.S;
            case N -> t == AttributeValue.Type.N;
            case B -> t == AttributeValue.Type.B;
            case BOOL, NULL, L, M, SS, NS, BS -> false;
        };
    }

    private static boolean empty(AttributeValue v) {
        return (v.s() != null && v.s().isEmpty()) || (v.b() != null && v.b().asByteArrayUnsafe().length == 0);
    }

    /**
     * The size DynamoDB counts for a value, or less where it can only be estimated (a number counts one byte):
     * strings and names by their UTF-8 bytes, binaries by their length, booleans and NULL one byte, lists and maps
     * three bytes plus one per element, sets the sum of their members. Checks strings on the way.
     */
    private static long minimumSize(String table, String path, AttributeValue v) {
        AttributeValue.Type type = v.type();
        if (type == null) {
            throw new IllegalArgumentException("item for table " + table + ": attribute \"" + path + "\" has no type or"
                    + " several");
        }
        return switch (type) {
            case S -> {
                checkText(table, path, v.s(), "its value");
                yield Utf8.length(v.s());
            }
            case N -> 1;
            case B -> v.b().asByteArrayUnsafe().length;
            case BOOL, NUL -> 1;
            case SS -> {
                long total = 0;
                for (String member : v.ss()) {
                    checkText(table, path, member, "a member");
                    total += Utf8.length(member);
                }
                yield total;
            }
            case NS -> v.ns().size();
            case BS -> {
                long total = 0;
                for (SdkBytes member : v.bs()) {
                    total += member.asByteArrayUnsafe().length;
                }
                yield total;
            }
            case L -> {
                List<AttributeValue> elements = v.l();
                long total = 3;
                for (int i = 0; i < elements.size(); i++) {
                    total += 1 + minimumSize(table, path + "[" + i + "]", elements.get(i));
                }
                yield total;
            }
            case M -> {
                long total = 3;
                for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
                    checkName(table, "a key of the map \"" + path + "\"", e.getKey());
                    String child = path + "." + e.getKey();
                    total += 1 + Utf8.length(e.getKey()) + minimumSize(table, child, e.getValue());
                }
                yield total;
            }
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("item for table " + table
                    + ": attribute \"" + path + "\" has a type unknown to this SDK version");
            default -> throw new IllegalArgumentException("item for table " + table + ": attribute \"" + path
                    + "\" has the unexpected type " + type);
        };
    }

    /** Rejects text that is not valid UTF-16: a surrogate without its pair cannot be encoded as UTF-8. */
    private static void checkText(String table, String path, String text, String what) {
        int at = Utf8.loneSurrogate(text);
        if (at >= 0) {
            throw new IllegalArgumentException("item for table " + table + ": attribute \"" + path + "\": " + what
                    + " holds a lone surrogate at index " + at + " (not valid UTF-16, so not encodable as UTF-8)");
        }
    }

    /** As {@link #checkText}, for a name: the message describes where the name is instead of quoting it. */
    private static void checkName(String table, String where, String name) {
        int at = Utf8.loneSurrogate(name);
        if (at >= 0) {
            throw new IllegalArgumentException("item for table " + table + ": the name of " + where + " holds a lone"
                    + " surrogate at index " + at + " (not valid UTF-16, so not encodable as UTF-8)");
        }
    }
}
