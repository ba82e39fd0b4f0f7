package dev.dynamatic.core.internal;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.Update;
import dev.dynamatic.render.Rendered;
import dev.dynamatic.render.Renderer;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The renderer's entry points as core calls them: optional parts, never nulls. */
final class Render {

    private Render() {
    }

    static Rendered update(Update update, Optional<Condition> condition) {
        return Renderer.update(update, condition.orElse(null));
    }

    static Rendered query(KeyCondition keyCondition, Optional<Condition> filter, Optional<Projection> projection) {
        return Renderer.query(keyCondition, filter.orElse(null), projection.orElse(null));
    }

    static Rendered scan(Optional<Condition> filter, Optional<Projection> projection) {
        return Renderer.render(null, null, filter.orElse(null), projection.orElse(null));
    }

    /** {@return the rendered values, empty when there are none} */
    static Map<String, AttributeValue> values(Rendered r) {
        return r.values() == null ? Map.of() : r.values();
    }

    /** {@return the rendered names, empty when there are none} */
    static Map<String, String> names(Rendered r) {
        return r.names() == null ? Map.of() : r.names();
    }
}
