package dev.dynamatic.render;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Value;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Laws of the key-type check: a key condition fits the types of its own values, and both paths judge alike. */
class KeyTypesProperties {

    private static final List<Value.Type> KEY_TYPES = List.of(Value.Type.S, Value.Type.N, Value.Type.B);

    /** The types of the key condition's own values (a number sort key under begins_with becomes a string one). */
    private static KeyTypes ownTypes(KeyCondition k) {
        Value.Type sortType = k.sortKey().map(s -> switch (s) {
            case KeyCondition.Comparison c -> c.value().type();
            case KeyCondition.Between b -> b.low().type();
            case KeyCondition.BeginsWith b -> b.prefix().type();
        }).orElse(Value.Type.S);
        return KeyTypes.of(k.partitionKey(), k.partitionValue().type(), "SK", sortType);
    }

    private static Gen<Value.Type> keyTypes() {
        return Generate.pick(KEY_TYPES);
    }

    @Test
    void aKeyConditionFitsTheTypesOfItsOwnValues() {
        qt().forAll(Generators.keyConditions()).checkAssert(k -> assertDoesNotThrow(() -> ownTypes(k).check(k)));
    }

    @Test
    void anyOtherPartitionTypeIsRejected() {
        qt().forAll(Generators.keyConditions(), keyTypes()).assuming((k, t) -> t != k.partitionValue().type())
                .checkAssert((k, t) -> assertEquals(Optional.of("partition"), verdict(k,
                        new KeyTypes(new KeyTypes.Attribute(k.partitionKey(), t), ownTypes(k).sortKey()))));
    }

    /** The DSL path ({@code check}) and the parser path ({@code parseKeyCondition} with types) reject the same. */
    @Test
    void theDslAndTheParserJudgeKeyTypesAlike() {
        qt().forAll(Generators.keyConditions(), keyTypes(), keyTypes()).checkAssert((k, pt, st) -> {
            KeyTypes types = KeyTypes.of(k.partitionKey(), pt, "SK", st);
            boolean dslRejects = verdict(k, types).isPresent();
            Rendered r = Renderer.query(k, Optional.empty(), Optional.empty());
            boolean parserRejects;
            try {
                Expressions.parseKeyCondition(r.keyConditionExpression().orElseThrow(), types, r.names(), r.values());
                parserRejects = false;
            } catch (ExpressionParseException e) {
                parserRejects = true;
            }
            assertEquals(dslRejects, parserRejects, () -> k + " with " + types);
        });
    }

    /** {@return empty if the check passes, else which key it failed on} */
    private static Optional<String> verdict(KeyCondition k, KeyTypes types) {
        try {
            types.check(k);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage().contains("\"" + k.partitionKey() + "\" is of type") ? "partition" : "sort");
        }
    }
}
