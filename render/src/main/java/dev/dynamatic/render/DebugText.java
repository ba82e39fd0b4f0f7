package dev.dynamatic.render;

import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.Value;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The readable form of a tree for logs and messages ({@link Renderer#debug}): names and paths as written, each value
 * as {@code :v}, or as its text while values are shown for debugging. It checks nothing and numbers nothing, so it
 * describes invalid trees too.
 */
final class DebugText extends ExpressionWriter {

    private final StringBuilder sb = new StringBuilder();
    private final boolean showValues;

    DebugText(boolean showValues) {
        this.showValues = showValues;
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    @Override
    void text(String text) {
        sb.append(text);
    }

    @Override
    void text(char c) {
        sb.append(c);
    }

    @Override
    int name(String name) {
        sb.append(name);
        return -1;
    }

    @Override
    int value(Value value) {
        sb.append(showValues ? show(value) : ":v");
        return -1;
    }

    @Override
    void valueApartFrom(Value value, int first) {
        value(value);
    }

    @Override
    void path(Path path) {
        sb.append(path);
    }

    @Override
    void check(String kind, @Nullable String problem) {
        // the readable form describes what was built, valid or not
    }

    private static String show(Value v) {
        return switch (v) {
            case Value.S s -> '"' + s.value().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            case Value.N n -> n.text();
            case Value.B b -> "b64'" + b.value().base64() + "'";
            case Value.Bool b -> Boolean.toString(b.value());
            case Value.Null x -> "NULL";
            case Value.L l -> join("[", l.values().stream().map(DebugText::show).toList(), "]");
            case Value.M m -> {
                List<String> entries = new ArrayList<>();
                m.values().forEach((k, e) -> entries.add('"' + k + "\": " + show(e)));
                yield join("{", entries, "}");
            }
            case Value.SS s -> join("<<", s.values().stream().map(e -> show(new Value.S(e))).toList(), ">>");
            case Value.NS s -> join("<<", s.values().stream().map(Value.N::text).toList(), ">>");
            case Value.BS s -> join("<<", s.values().stream().map(e -> show(new Value.B(e))).toList(), ">>");
        };
    }

    private static String join(String open, List<String> parts, String close) {
        return open + String.join(", ", parts) + close;
    }
}
