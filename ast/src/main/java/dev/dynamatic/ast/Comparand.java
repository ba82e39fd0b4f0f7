package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

/** What a condition compares: a path, a value, or {@code size(path)}. */
public sealed interface Comparand permits Path, Value, Comparand.Size {

    /**
     * {@code size(path)}: the length of a string, binary, list, map or set attribute.
     *
     * @param path the attribute to measure
     */
    record Size(Path path) implements Comparand {
        /** Checks the path is present. */
        public Size {
            requireNonNull(path, "path is null");
        }
    }
}
