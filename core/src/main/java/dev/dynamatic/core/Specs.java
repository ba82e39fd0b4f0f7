package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.render.Renderer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** What the request specs share: composing customizers, and their parts' text for toString. */
final class Specs {

    private Specs() {
    }

    /** {@return first then next} (just next when there is no first) */
    static <B> Consumer<B> andThen(@Nullable Consumer<B> first, Consumer<B> next) {
        requireNonNull(next, "customizer is null");
        return first == null ? next : first.andThen(next);
    }

    /** {@return ", condition=…" for a toString, values redacted, or "" without a condition} */
    static String condition(@Nullable Condition condition) {
        return condition == null ? "" : ", condition=" + Renderer.debug(condition);
    }

    /** {@return ", behaviours=[…]" for a toString when there are behaviours, else ""} */
    static String behaviours(Behaviours behaviours) {
        return behaviours.isEmpty() ? "" : ", behaviours=" + behaviours.list();
    }

    /** {@return ", customized" for a toString when there is a customizer, else ""} */
    static String customized(@Nullable Consumer<?> customizer) {
        return customizer == null ? "" : ", customized";
    }
}
