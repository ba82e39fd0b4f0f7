package dev.dynamatic.bench;

import static dev.dynamatic.ast.Dsl.ifNotExists;
import static dev.dynamatic.ast.Dsl.listAppend;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.plus;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.render.Expressions;
import dev.dynamatic.render.Parsed;
import dev.dynamatic.render.Rendered;
import dev.dynamatic.render.Renderer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing (issue 7): reading expression text with its maps back into trees with {@link Expressions}:
 * intent (b)'s update and condition as this library renders them, and update expressions of about 1, 2 and
 * 4 KB (the largest DynamoDB accepts) mixing plain, {@code +}, {@code list_append} and {@code if_not_exists}
 * actions on nested paths.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParseBench {

    private final Rendered intentB = Intents.dynamaticB(new Intents.Inputs());
    private final String updateB = intentB.updateExpression().orElseThrow();
    private final String conditionB = intentB.conditionExpression().orElseThrow();
    private final Rendered kb1 = sized(1024);
    private final Rendered kb2 = sized(2048);
    private final Rendered kb4 = sized(Limits.MAX_EXPRESSION_BYTES);

    /** Creates the state. */
    public ParseBench() {
    }

    /** {@return a rendered update whose expression is as long as possible without exceeding the bytes} */
    static Rendered sized(int bytes) {
        List<UpdateAction> actions = new ArrayList<>();
        Rendered fits = null;
        for (int i = 0; ; i++) {
            actions.add(switch (i % 4) {
                case 0 -> set(path("plain" + i), value("text " + i));
                case 1 -> set(path("count" + i), plus(path("count" + i), value(i)));
                case 2 -> set(path("list" + i), listAppend(path("list" + i), value(List.of("x" + i))));
                default -> set(path("nested" + i + ".city"), ifNotExists(path("nested" + i + ".city"), value("Paris")));
            });
            Rendered r;
            try {
                r = Renderer.update(update(actions.toArray(UpdateAction[]::new)));
            } catch (IllegalArgumentException overFourKilobytes) {
                return fits;
            }
            if (r.updateExpression().orElseThrow().length() > bytes) {
                return fits;
            }
            fits = r;
        }
    }

    /** Intent (b): the update and the condition. */
    @Benchmark
    public Object parse_intentB() {
        Parsed<Update> u = Expressions.parseUpdate(updateB, intentB.names(), intentB.values());
        Parsed<Condition> c = Expressions.parseCondition(conditionB, intentB.names(), intentB.values());
        return new Object[] {u, c};
    }

    /** An update of about 1 KB. */
    @Benchmark
    public Parsed<Update> parse_update1KB() {
        return Expressions.parseUpdate(kb1.updateExpression().orElseThrow(), kb1.names(), kb1.values());
    }

    /** An update of about 2 KB. */
    @Benchmark
    public Parsed<Update> parse_update2KB() {
        return Expressions.parseUpdate(kb2.updateExpression().orElseThrow(), kb2.names(), kb2.values());
    }

    /** An update of about 4 KB, DynamoDB's limit. */
    @Benchmark
    public Parsed<Update> parse_update4KB() {
        return Expressions.parseUpdate(kb4.updateExpression().orElseThrow(), kb4.names(), kb4.values());
    }
}
