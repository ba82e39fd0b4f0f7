package dev.dynamatic.render;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Comparand;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Operand;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.SetValue;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.ast.Value;
import java.math.BigDecimal;
import java.util.List;

/**
 * The rules DynamoDB checks when it parses an expression that depend on what the operands are: a path
 * compared with itself, BETWEEN bounds of different types or in the wrong order, ordering a value that is
 * not a string, number or binary, arithmetic on a value that is not a number, {@code list_append} of a value
 * that is not a list.
 *
 * <p>One place for both directions: the renderer checks whole trees ({@link #check(Update)},
 * {@link #check(Condition)}); the parser asks the single rules and reports the offset. Each rule gives the
 * problem as DynamoDB words it, or {@code null} when there is none.
 */
final class Semantics {

    private Semantics() {
    }

    // ---- single rules

    static String distinct(String operator, Comparand first, Comparand second) {
        if (first instanceof Path a && a.equals(second)) {
            return "The first operand must be distinct from the remaining operands for this operator or function;"
                    + " operator: " + operator + ", first operand: " + a;
        }
        return null;
    }

    /** Ordering ({@code < <= > >=}, BETWEEN) is defined on strings, numbers and binary only. */
    static String ordered(String operator, Comparand operand) {
        if (operand instanceof Value v && !v.type().isScalar()) {
            return "Incorrect operand type for operator or function; operator or function: " + operator
                    + ", operand type: " + v.type();
        }
        return null;
    }

    static String betweenBounds(Comparand low, Comparand high) {
        if (low instanceof Value a && high instanceof Value b) {
            if (a.type() != b.type()) {
                return "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand"
                        + " type: " + a.type() + ", upper bound operand type: " + b.type();
            }
            if (compare(a, b) > 0) {
                return "The BETWEEN operator requires upper bound to be greater than or equal to lower bound";
            }
        }
        return null;
    }

    static String arithmetic(String operator, Operand operand) {
        if (operand instanceof Value v && v.type() != Value.Type.N) {
            return "Incorrect operand type for operator or function; operator or function: " + operator
                    + ", operand type: " + v.type();
        }
        return null;
    }

    static String listAppend(Operand operand) {
        if (operand instanceof Value v && v.type() != Value.Type.L) {
            return "Incorrect operand type for operator or function; operator or function: list_append, operand type: "
                    + v.type();
        }
        return null;
    }

    /** DynamoDB's order on scalars of one type: numbers numerically, strings by UTF-8 bytes, binary unsigned. */
    static int compare(Value a, Value b) {
        if (a instanceof Value.N(BigDecimal x) && b instanceof Value.N(BigDecimal y)) {
            return x.compareTo(y);
        }
        if (a instanceof Value.S(String x) && b instanceof Value.S(String y)) {
            // Code point order is UTF-8 byte order (String.compareTo is UTF-16 order, which differs above U+FFFF).
            int i = 0;
            int j = 0;
            while (i < x.length() && j < y.length()) {
                int cx = x.codePointAt(i);
                int cy = y.codePointAt(j);
                if (cx != cy) {
                    return Integer.compare(cx, cy);
                }
                i += Character.charCount(cx);
                j += Character.charCount(cy);
            }
            return Integer.compare(x.length() - i, y.length() - j);
        }
        if (a instanceof Value.B(Bytes x) && b instanceof Value.B(Bytes y)) {
            return x.compareTo(y);
        }
        return 0;
    }

    // ---- whole trees, for the renderer

    static void check(Update update) {
        for (UpdateAction a : update.actions()) {
            if (a instanceof UpdateAction.Set(Path p, SetValue v)) {
                setValue(v);
            }
        }
    }

    private static void setValue(SetValue v) {
        switch (v) {
            case SetValue.Plus(Operand l, Operand r) -> {
                fail("UpdateExpression", arithmetic("+", l));
                fail("UpdateExpression", arithmetic("+", r));
                operand(l);
                operand(r);
            }
            case SetValue.Minus(Operand l, Operand r) -> {
                fail("UpdateExpression", arithmetic("-", l));
                fail("UpdateExpression", arithmetic("-", r));
                operand(l);
                operand(r);
            }
            case Operand o -> operand(o);
        }
    }

    private static void operand(Operand o) {
        switch (o) {
            case Path p -> { }
            case Value v -> { }
            case Operand.IfNotExists(Path p, Operand fallback) -> operand(fallback);
            case Operand.ListAppend(Operand first, Operand second) -> {
                fail("UpdateExpression", listAppend(first));
                fail("UpdateExpression", listAppend(second));
                operand(first);
                operand(second);
            }
        }
    }

    static void check(Condition c) {
        switch (c) {
            case Condition.Comparison(Comparand l, Condition.Comparator op, Comparand r) -> {
                fail("ConditionExpression", distinct(op.symbol(), l, r));
                if (op != Condition.Comparator.EQ && op != Condition.Comparator.NE) {
                    fail("ConditionExpression", ordered(op.symbol(), l));
                    fail("ConditionExpression", ordered(op.symbol(), r));
                }
            }
            case Condition.Between(Comparand x, Comparand low, Comparand high) -> {
                fail("ConditionExpression", ordered("BETWEEN", x));
                fail("ConditionExpression", ordered("BETWEEN", low));
                fail("ConditionExpression", ordered("BETWEEN", high));
                fail("ConditionExpression", betweenBounds(low, high));
            }
            case Condition.In(Comparand x, List<Comparand> candidates) -> { }
            case Condition.And(List<Condition> all) -> all.forEach(Semantics::check);
            case Condition.Or(List<Condition> any) -> any.forEach(Semantics::check);
            case Condition.Not(Condition inner) -> check(inner);
            case Condition.AttributeExists(Path p) -> { }
            case Condition.AttributeNotExists(Path p) -> { }
            case Condition.AttributeType(Path p, Value.Type t) -> { }
            case Condition.BeginsWith(Path p, Comparand prefix) -> fail("ConditionExpression",
                    distinct("begins_with", p, prefix));
            case Condition.Contains(Path p, Comparand operand) -> fail("ConditionExpression",
                    distinct("contains", p, operand));
        }
    }

    static void check(KeyCondition k) {
        if (k.sortKey().isPresent() && k.sortKey().get() instanceof KeyCondition.Between(String n, Value low, Value high)) {
            fail("KeyConditionExpression", betweenBounds(low, high));
        }
    }

    private static void fail(String kind, String problem) {
        if (problem != null) {
            throw new IllegalArgumentException("Invalid " + kind + ": " + problem);
        }
    }
}
