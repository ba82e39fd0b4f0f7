package dev.dynamatic.render;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A rendering's {@code ExpressionAttributeNames} or {@code ExpressionAttributeValues}: an unmodifiable map
 * from the canonical aliases ({@code #n0, #n1, …} or {@code :v0, :v1, …}) to the entries in alias order.
 * The aliases are the positions in an array, so the map is that array and nothing more, and a lookup
 * reads the number back from the alias instead of hashing it. The map holds only the array (its two kinds are
 * subclasses, not fields), so that it costs 16 bytes besides the array.
 */
abstract sealed class AliasMap<V> extends AbstractMap<String, V> permits AliasMap.Names, AliasMap.Values {
    private static final int CACHED = 64;
    private static final String[] NAME_ALIASES = new String[CACHED];
    private static final String[] VALUE_ALIASES = new String[CACHED];

    static {
        for (int i = 0; i < CACHED; i++) {
            NAME_ALIASES[i] = "#n" + i;
            VALUE_ALIASES[i] = ":v" + i;
        }
    }

    private final V[] entries;

    private AliasMap(V[] entries) {
        this.entries = entries;
    }

    /** {@return the names map over the array, which the map now owns: {@code #n<i>} is {@code names[i]}} */
    static AliasMap<String> names(String[] names) {
        return new Names(names);
    }

    /** {@return the values map over the array, which the map now owns: {@code :v<i>} is {@code values[i]}} */
    static AliasMap<AttributeValue> values(AttributeValue[] values) {
        return new Values(values);
    }

    /** {@return the aliases' prefix, {@code #n} or {@code :v}} */
    abstract String prefix();

    /** {@return the alias of position {@code i}} */
    abstract String alias(int i);

    /** {@code ExpressionAttributeNames}. */
    static final class Names extends AliasMap<String> {
        Names(String[] names) {
            super(names);
        }

        @Override
        String prefix() {
            return "#n";
        }

        @Override
        String alias(int i) {
            return i < CACHED ? NAME_ALIASES[i] : "#n" + i;
        }
    }

    /** {@code ExpressionAttributeValues}. */
    static final class Values extends AliasMap<AttributeValue> {
        Values(AttributeValue[] values) {
            super(values);
        }

        @Override
        String prefix() {
            return ":v";
        }

        @Override
        String alias(int i) {
            return i < CACHED ? VALUE_ALIASES[i] : ":v" + i;
        }
    }

    /** {@return the position the key is the canonical alias of, or -1 if it is none} */
    private int indexOf(@Nullable Object key) {
        if (!(key instanceof String s) || s.length() < 3 || s.length() > 12 || !s.startsWith(prefix())
                || (s.charAt(2) == '0' && s.length() > 3)) {
            return -1;
        }
        long i = 0;
        for (int k = 2; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            i = i * 10 + (c - '0');
        }
        return i < entries.length ? (int) i : -1;
    }

    @Override
    public int size() {
        return entries.length;
    }

    @Override
    public boolean isEmpty() {
        return entries.length == 0;
    }

    @Override
    public @Nullable V get(@Nullable Object key) {
        int i = indexOf(key);
        return i < 0 ? null : entries[i];
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super V> action) {
        for (int i = 0; i < entries.length; i++) {
            action.accept(alias(i), entries[i]);
        }
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return entries.length;
            }

            @Override
            public Iterator<Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < entries.length;
                    }

                    @Override
                    public Entry<String, V> next() {
                        if (next >= entries.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return Map.entry(alias(i), entries[i]);
                    }
                };
            }
        };
    }
}
