package dev.dynamatic.core.internal;

import dev.dynamatic.ast.Comparand;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.PathOrValue;
import dev.dynamatic.ast.Value;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What core needs to know about a condition tree before sending it. */
final class Conditions {

    private Conditions() {
    }

    /** {@return the first top-level attribute of the names that the condition reads, if any} */
    static Optional<String> firstNamed(Condition c, Set<String> names) {
        return switch (c) {
            case Condition.Comparison(Comparand left, Condition.Comparator op, Comparand right) ->
                    first(names, left, right);
            case Condition.Between(Comparand operand, Comparand low, Comparand high) -> first(names, operand, low, high);
            case Condition.In(Comparand operand, List<Comparand> candidates) -> {
                Optional<String> found = first(names, operand);
                for (Comparand candidate : candidates) {
                    found = found.or(() -> first(names, candidate));
                }
                yield found;
            }
            case Condition.And(List<Condition> all) -> firstIn(all, names);
            case Condition.Or(List<Condition> any) -> firstIn(any, names);
            case Condition.Not(Condition negated) -> firstNamed(negated, names);
            case Condition.AttributeExists(Path p) -> named(p, names);
            case Condition.AttributeNotExists(Path p) -> named(p, names);
            case Condition.AttributeType(PathOrValue operand, Value.Type type) -> first(names, operand);
            case Condition.BeginsWith(PathOrValue text, PathOrValue prefix) -> first(names, text, prefix);
            case Condition.Contains(Path p, Comparand operand) -> named(p, names).or(() -> first(names, operand));
        }; // no default: a new Condition record must break this build
    }

    private static Optional<String> firstIn(List<Condition> conditions, Set<String> names) {
        for (Condition c : conditions) {
            Optional<String> found = firstNamed(c, names);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> first(Set<String> names, Comparand... comparands) {
        for (Comparand c : comparands) {
            Optional<String> found = switch (c) {
                case Path p -> named(p, names);
                case Value v -> Optional.empty();
                case Comparand.Size(PathOrValue operand) -> first(names, operand);
            };
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> named(Path p, Set<String> names) {
        return names.contains(p.attributeName()) ? Optional.of(p.attributeName()) : Optional.empty();
    }
}
