package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

/**
 * An operand of a {@code SET} value: a path, a value, {@code if_not_exists(..)} or {@code list_append(..)}.
 *
 * <p>Conditions compare a different set of things ({@link Comparand}); the two grammars are kept apart so
 * that {@code eq(ifNotExists(..), ..)} does not compile.
 */
public sealed interface Operand extends SetValue permits Path, Value, Operand.IfNotExists, Operand.ListAppend {

    /**
     * {@code if_not_exists(path, fallback)}: the attribute at {@code path}, or {@code fallback} if it is absent.
     *
     * @param path the attribute to read
     * @param fallback the operand used when the attribute does not exist
     */
    record IfNotExists(Path path, Operand fallback) implements Operand {
        /** Checks both parts are present. */
        public IfNotExists {
            requireNonNull(path, "path is null");
            requireNonNull(fallback, "fallback is null");
        }
    }

    /**
     * {@code list_append(first, second)}: the elements of {@code first} followed by those of {@code second}.
     *
     * @param first the list whose elements come first
     * @param second the list whose elements come second
     */
    record ListAppend(Operand first, Operand second) implements Operand {
        /** Checks both lists are present. */
        public ListAppend {
            requireNonNull(first, "first is null");
            requireNonNull(second, "second is null");
        }
    }
}
