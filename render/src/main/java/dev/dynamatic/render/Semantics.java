package dev.dynamatic.render;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Comparand;
import dev.dynamatic.ast.Operand;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.Value;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The rules DynamoDB checks when it parses an expression that depend on what the operands are: a path
 * compared with itself, BETWEEN bounds of different types or in the wrong order, ordering a value that is
 * not a string, number or binary, arithmetic on a value that is not a number, {@code list_append} of a value
 * that is not a list.
 *
 * <p>One place for both directions: the renderer asks each rule as it walks a tree, the parser as it reads
 * the text (and reports the offset). Each rule gives the problem as DynamoDB words it, or {@code null} when
 * there is none.
 */
final class Semantics {

    private Semantics() {
    }

    // ---- single rules

    static @Nullable String distinct(String operator, Comparand first, Comparand second) {
        if (first instanceof Path a && a.equals(second)) {
            return "The first operand must be distinct from the remaining operands for this operator or function;"
                    + " operator: " + operator + ", first operand: " + a;
        }
        return null;
    }

    /** Ordering ({@code < <= > >=}, BETWEEN) is defined on strings, numbers and binary only. */
    static @Nullable String ordered(String operator, Comparand operand) {
        if (operand instanceof Value v && !v.type().isScalar()) {
            return "Incorrect operand type for operator or function; operator or function: " + operator
                    + ", operand type: " + v.type();
        }
        return null;
    }

    /**
     * A value operand of {@code begins_with} is a string or binary; {@code size(..)} is a number. A path may hold
     * anything (the condition is then false, not invalid).
     */
    static @Nullable String beginsWithOperand(Comparand operand) {
        Value.Type type = typeOf(operand);
        if (type != null && type != Value.Type.S && type != Value.Type.B) {
            return "Incorrect operand type for operator or function; operator or function: begins_with, operand type: "
                    + type;
        }
        return null;
    }

    /** {@code size} of a value takes a string, binary, list, map or set; {@code size(..)} itself is a number. */
    static @Nullable String sizeOperand(Comparand operand) {
        Value.Type type = typeOf(operand);
        if (type == Value.Type.N || type == Value.Type.BOOL || type == Value.Type.NULL) {
            return "Incorrect operand type for operator or function; operator or function: size, operand type: " + type;
        }
        return null;
    }

    /** {@return the type an operand has before any item is read}: a value's, N for {@code size(..)}, none for a path */
    private static Value.@Nullable Type typeOf(Comparand operand) {
        return switch (operand) {
            case Path p -> null;
            case Value v -> v.type();
            case Comparand.Size s -> Value.Type.N;
        };
    }

    static @Nullable String betweenBounds(Comparand low, Comparand high) {
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

    static @Nullable String arithmetic(String operator, Operand operand) {
        if (operand instanceof Value v && v.type() != Value.Type.N) {
            return "Incorrect operand type for operator or function; operator or function: " + operator
                    + ", operand type: " + v.type();
        }
        return null;
    }

    static @Nullable String listAppend(Operand operand) {
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
}
