package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.function.Function;

/**
 * A reference to a map attribute with string keys, whose entries are reached with {@link #key(String)}.
 *
 * @param <V> the Java type of the entries' values
 * @param <R> the reference type of an entry
 */
public final class MapRef<V, R extends Ref> extends ValueRef<Map<String, V>> {

    private final Function<? super Path, ? extends R> entry;

    /**
     * Binds a map reference to a path.
     *
     * @param path the attribute's path
     * @param entry makes the reference of the entry at a given path
     */
    public MapRef(Path path, Function<? super Path, ? extends R> entry) {
        super(path, Map.class, Value.Type.M);
        this.entry = requireNonNull(entry, "entry is null");
    }

    /**
     * {@return the reference of the entry under a key}, taken verbatim (dots are part of the key)
     *
     * @param key the map key
     */
    public R key(String key) {
        return requireNonNull(entry.apply(path().key(requireNonNull(key, "key is null"))),
                "the entry reference made is null");
    }

    @Override
    Value.M value(Map<String, V> javaValue) {
        return Conversions.map(requireNonNull(javaValue, "value is null"), path());
    }
}
