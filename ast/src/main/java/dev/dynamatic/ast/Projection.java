package dev.dynamatic.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * A projection expression: the attributes (or nested parts of them) to return.
 *
 * <p>Overlapping paths ({@code a} and {@code a.b}) are rejected when rendering, as DynamoDB rejects them.
 *
 * @param paths the paths, at least one
 */
public record Projection(List<Path> paths) {

    /** Copies the paths and checks there is at least one. */
    public Projection {
        paths = Checks.copyOf(paths, "paths");
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("projection is empty; name at least one path");
        }
    }

    /**
     * {@return a new projection: this one's paths followed by the given ones}
     *
     * @param more the paths to add
     */
    public Projection and(Path... more) {
        List<Path> all = new ArrayList<>(paths);
        all.addAll(Checks.listOf(more, "more"));
        return new Projection(all);
    }
}
