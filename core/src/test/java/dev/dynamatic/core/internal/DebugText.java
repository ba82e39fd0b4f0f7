package dev.dynamatic.core.internal;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Redaction;
import dev.dynamatic.ast.Update;
import dev.dynamatic.render.Renderer;
import java.util.function.Supplier;

/** The renderer's debug text with values shown, for tests that compare whole expressions. */
final class DebugText {

    private DebugText() {
    }

    static String of(Update update) {
        return shown(() -> Renderer.debug(update));
    }

    static String of(Condition condition) {
        return shown(() -> Renderer.debug(condition));
    }

    private static String shown(Supplier<String> text) {
        boolean before = Redaction.showsValues();
        Redaction.showValues(true);
        try {
            return text.get();
        } finally {
            Redaction.showValues(before);
        }
    }
}
