package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;

/**
 * A reference to a list attribute, whose elements are reached with {@link #at(int)}.
 *
 * <p>Element references are made on demand, so a list of a record that contains itself is no infinite chain.
 *
 * @param <E> the Java type of the elements
 * @param <R> the reference type of an element
 */
public final class ListRef<E, R extends Ref> extends ValueRef<List<E>> {

    private final Function<? super Path, ? extends R> element;

    /**
     * Binds a list reference to a path.
     *
     * @param path the attribute's path
     * @param element makes the reference of the element at a given path, e.g. {@code p -> new StringRef<>(p, String.class)}
     */
    public ListRef(Path path, Function<? super Path, ? extends R> element) {
        super(path, List.class, Value.Type.L);
        this.element = requireNonNull(element, "element is null");
    }

    /**
     * {@return the reference of the element at an index}, {@code path[index]}
     *
     * @param index the list index, from 0
     */
    public R at(int index) {
        return requireNonNull(element.apply(path().index(index)), "the element reference made is null");
    }

    @Override
    Value.L value(List<E> javaValue) {
        return Conversions.list(requireNonNull(javaValue, "value is null"), path());
    }
}
