package dev.dynamatic.core.internal;

import dev.dynamatic.render.Rendered;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The DEBUG request log ({@code System.Logger} {@code dev.dynamatic.core}): each request's expressions and
 * placeholder maps as rendered, values shown as their DynamoDB type only.
 */
public final class RequestLog {

    private static final System.Logger LOG = System.getLogger("dev.dynamatic.core");

    private RequestLog() {
    }

    /** Logs the rendered expressions of one operation on one table, at DEBUG. */
    public static void rendered(String operation, String table, Rendered r) {
        if (!LOG.isLoggable(Level.DEBUG)) {
            return;
        }
        StringBuilder sb = new StringBuilder(operation).append(" table=").append(table);
        append(sb, "KeyConditionExpression", r.keyConditionExpression().orElse(null));
        append(sb, "UpdateExpression", r.updateExpression().orElse(null));
        append(sb, "ConditionExpression", r.conditionExpression().orElse(null));
        append(sb, "ProjectionExpression", r.projectionExpression().orElse(null));
        Map<String, String> names = r.names();
        if (!names.isEmpty()) {
            sb.append(" names=").append(names);
        }
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values = r.values();
        if (!values.isEmpty()) {
            Map<String, String> redacted = new LinkedHashMap<>();
            values.forEach((k, v) -> redacted.put(k, "<" + v.type() + ">"));
            sb.append(" values=").append(redacted);
        }
        LOG.log(Level.DEBUG, sb.toString());
    }

    private static void append(StringBuilder sb, String name, @Nullable String expression) {
        if (expression != null) {
            sb.append(' ').append(name).append("=\"").append(expression).append('"');
        }
    }
}
