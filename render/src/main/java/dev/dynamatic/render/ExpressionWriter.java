package dev.dynamatic.render;

import dev.dynamatic.ast.Comparand;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Operand;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.PathOrValue;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.SetValue;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.ast.Value;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The text of every tree, in one place: keywords, operators, parentheses and the order of an update's clauses.
 * What a leaf (a name, a value, a path) becomes is left to the two writers: {@link Walk} writes placeholders and
 * checks DynamoDB's rules, {@link DebugText} writes names as they are and values redacted (or shown).
 */
abstract sealed class ExpressionWriter permits Walk, DebugText {

    /** The clauses of an update expression, in the order they are written (the parser reads them too). */
    enum Clause {
        SET("SET "), REMOVE("REMOVE "), ADD("ADD "), DELETE("DELETE ");

        private static final Clause[] IN_ORDER = values();

        private final String keyword;

        Clause(String keyword) {
            this.keyword = keyword;
        }

        /** {@return the clause whose keyword the word is, in any case (as DynamoDB reads it), or null} */
        static @Nullable Clause named(String word) {
            for (Clause c : IN_ORDER) {
                if (c.name().equalsIgnoreCase(word)) {
                    return c;
                }
            }
            return null;
        }

        /** {@return the clause the action belongs in} */
        static Clause of(UpdateAction action) {
            return switch (action) {
                case UpdateAction.Set x -> SET;
                case UpdateAction.Remove x -> REMOVE;
                case UpdateAction.Add x -> ADD;
                case UpdateAction.Delete x -> DELETE;
            };
        }
    }

    /** Each comparator between its spaces ({@code " = "}), by ordinal. */
    private static final String[] INFIX = new String[Condition.Comparator.values().length];

    /** Each type's name as the string value {@code attribute_type} compares with, by ordinal (made once). */
    private static final Value.S[] TYPE_NAME_VALUES = new Value.S[Value.Type.values().length];

    static {
        for (Condition.Comparator c : Condition.Comparator.values()) {
            INFIX[c.ordinal()] = " " + c.symbol() + " ";
        }
        for (Value.Type t : Value.Type.values()) {
            TYPE_NAME_VALUES[t.ordinal()] = new Value.S(t.name());
        }
    }

    private static final int INITIAL_CLAUSES = 16;

    /** The clause of each action of the update being written, by position (scratch space, reused). */
    private Clause[] clauses = new Clause[INITIAL_CLAUSES];
    /** Operators and functions of the update being written (DynamoDB allows at most 300). */
    int operators;

    ExpressionWriter() {
    }

    /** Drops the clause scratch space if an update with more than {@code retained} actions grew it. */
    final void dropClausesOver(int retained) {
        if (clauses.length > retained) {
            clauses = new Clause[INITIAL_CLAUSES];
        }
    }

    // ---- text

    /** Appends keywords or punctuation (ASCII). */
    abstract void text(String text);

    /** Appends one punctuation character (ASCII). */
    abstract void text(char c);

    // ---- leaves, and the rules that depend on operands

    /** Appends an attribute name; {@return its position in the name table}, or -1 if there is none. */
    abstract int name(String name);

    /** Appends a value; {@return its position in the value table}, or -1 if there is none. */
    abstract int value(Value value);

    /**
     * Appends a later operand of an operator whose first operand is a value at table position {@code first}
     * (-1 if the first operand is no value).
     */
    abstract void valueApartFrom(Value value, int first);

    /** Appends a document path. */
    abstract void path(Path path);

    /** Reports the problem DynamoDB would report in an expression of this kind, if there is one. */
    abstract void check(String kind, @Nullable String problem);

    // ---- key condition

    final void keyCondition(KeyCondition k) {
        name(k.partitionKey());
        text(" = ");
        value(k.partitionValue());
        if (k.sortKey().isPresent()) {
            text(" AND ");
            switch (k.sortKey().get()) {
                case KeyCondition.Comparison(String name, Condition.Comparator op, Value v) -> {
                    name(name);
                    text(INFIX[op.ordinal()]);
                    value(v);
                }
                case KeyCondition.Between(String name, Value low, Value high) -> {
                    check("KeyConditionExpression", Semantics.betweenBounds(low, high));
                    name(name);
                    text(" BETWEEN ");
                    value(low);
                    text(" AND ");
                    value(high);
                }
                case KeyCondition.BeginsWith(String name, Value prefix) -> {
                    text("begins_with(");
                    name(name);
                    text(", ");
                    value(prefix);
                    text(')');
                }
            }
        }
    }

    // ---- update

    /** Appends the update's clauses in their fixed order, each holding its actions in the order written. */
    final void update(Update update) {
        List<UpdateAction> actions = update.actions();
        int n = actions.size();
        if (clauses.length < n) {
            clauses = new Clause[Math.max(n, clauses.length * 2)];
        }
        // Sort the actions into clauses once; then each clause takes its actions in one scan of the array.
        for (int i = 0; i < n; i++) {
            clauses[i] = Clause.of(actions.get(i));
        }
        boolean any = false;
        for (Clause c : Clause.IN_ORDER) {
            boolean first = true;
            for (int i = 0; i < n; i++) {
                if (clauses[i] != c) {
                    continue;
                }
                if (first) {
                    if (any) {
                        text(' ');
                    }
                    text(c.keyword);
                    first = false;
                    any = true;
                } else {
                    text(", ");
                }
                action(actions.get(i));
            }
        }
    }

    private void action(UpdateAction a) {
        switch (a) {
            case UpdateAction.Set(Path p, SetValue v) -> {
                path(p);
                text(" = ");
                setValue(v);
            }
            case UpdateAction.Remove(Path p) -> path(p);
            case UpdateAction.Add(Path p, Value v) -> {
                path(p);
                text(' ');
                value(v);
            }
            case UpdateAction.Delete(Path p, Value v) -> {
                path(p);
                text(' ');
                value(v);
            }
        }
    }

    private void setValue(SetValue v) {
        switch (v) {
            case SetValue.Plus(Operand l, Operand r) -> arithmetic(" + ", "+", l, r);
            case SetValue.Minus(Operand l, Operand r) -> arithmetic(" - ", "-", l, r);
            case Operand o -> operand(o);
        }
    }

    private void arithmetic(String infix, String operator, Operand l, Operand r) {
        check("UpdateExpression", Semantics.arithmetic(operator, l));
        check("UpdateExpression", Semantics.arithmetic(operator, r));
        operators++;
        operand(l);
        text(infix);
        operand(r);
    }

    private void operand(Operand o) {
        switch (o) {
            case Path p -> path(p);
            case Value v -> value(v);
            case Operand.IfNotExists(Path p, Operand fallback) -> {
                operators++;
                text("if_not_exists(");
                path(p);
                text(", ");
                operand(fallback);
                text(')');
            }
            case Operand.ListAppend(Operand first, Operand second) -> {
                check("UpdateExpression", Semantics.listAppend(first));
                check("UpdateExpression", Semantics.listAppend(second));
                operators++;
                text("list_append(");
                operand(first);
                text(", ");
                operand(second);
                text(')');
            }
        }
    }

    // ---- conditions

    final void condition(Condition c) {
        switch (c) {
            case Condition.Comparison(Comparand l, Condition.Comparator op, Comparand r) -> {
                check("ConditionExpression", Semantics.distinct(op.symbol(), l, r));
                if (op != Condition.Comparator.EQ && op != Condition.Comparator.NE) {
                    check("ConditionExpression", Semantics.ordered(op.symbol(), l));
                    check("ConditionExpression", Semantics.ordered(op.symbol(), r));
                }
                int first = comparand(l);
                text(INFIX[op.ordinal()]);
                comparandApartFrom(r, first);
            }
            case Condition.Between(Comparand x, Comparand low, Comparand high) -> {
                check("ConditionExpression", Semantics.ordered("BETWEEN", x));
                check("ConditionExpression", Semantics.ordered("BETWEEN", low));
                check("ConditionExpression", Semantics.ordered("BETWEEN", high));
                check("ConditionExpression", Semantics.betweenBounds(low, high));
                int first = comparand(x);
                text(" BETWEEN ");
                comparandApartFrom(low, first);
                text(" AND ");
                comparandApartFrom(high, first);
            }
            case Condition.In(Comparand x, List<Comparand> candidates) -> {
                int first = comparand(x);
                text(" IN (");
                for (int i = 0; i < candidates.size(); i++) {
                    if (i > 0) {
                        text(", ");
                    }
                    comparandApartFrom(candidates.get(i), first);
                }
                text(')');
            }
            case Condition.And(List<Condition> all) -> {
                for (int i = 0; i < all.size(); i++) {
                    if (i > 0) {
                        text(" AND ");
                    }
                    // OR binds looser than AND: parenthesise it; everything else binds tighter.
                    boolean parens = all.get(i) instanceof Condition.Or;
                    if (parens) {
                        text('(');
                    }
                    condition(all.get(i));
                    if (parens) {
                        text(')');
                    }
                }
            }
            case Condition.Or(List<Condition> any) -> {
                for (int i = 0; i < any.size(); i++) {
                    if (i > 0) {
                        text(" OR ");
                    }
                    condition(any.get(i));
                }
            }
            case Condition.Not(Condition inner) -> {
                // a chain of NOTs in a loop, not by recursion: the deepest trees are NOT chains
                text("NOT (");
                int nots = 1;
                Condition operand = inner;
                while (operand instanceof Condition.Not(Condition next)) {
                    text("NOT (");
                    nots++;
                    operand = next;
                }
                condition(operand);
                for (int i = 0; i < nots; i++) {
                    text(')');
                }
            }
            case Condition.AttributeExists(Path p) -> function("attribute_exists(", p);
            case Condition.AttributeNotExists(Path p) -> function("attribute_not_exists(", p);
            case Condition.AttributeType(PathOrValue operand, Value.Type type) -> {
                text("attribute_type(");
                int first = comparand(operand);
                text(", ");
                valueApartFrom(TYPE_NAME_VALUES[type.ordinal()], first);
                text(')');
            }
            case Condition.BeginsWith(PathOrValue text, PathOrValue prefix) -> {
                check("ConditionExpression", Semantics.distinct("begins_with", text, prefix));
                text("begins_with(");
                int first = comparand(text);
                text(", ");
                comparandApartFrom(prefix, first);
                text(')');
            }
            case Condition.Contains(Path p, Comparand operand) -> {
                check("ConditionExpression", Semantics.distinct("contains", p, operand));
                text("contains(");
                path(p);
                text(", ");
                comparand(operand);
                text(')');
            }
        }
    }

    private void function(String open, Path p) {
        text(open);
        path(p);
        text(')');
    }

    /** Appends the comparand; {@return its value-table position if it is a value}, else -1. */
    private int comparand(Comparand c) {
        switch (c) {
            case Path p -> path(p);
            case Value v -> {
                return value(v);
            }
            case Comparand.Size(PathOrValue operand) -> {
                text("size(");
                comparand(operand);
                text(')');
            }
        }
        return -1;
    }

    /** Appends a later operand of an operator whose first operand has the value-table position {@code first}. */
    private void comparandApartFrom(Comparand c, int first) {
        if (first >= 0 && c instanceof Value v) {
            valueApartFrom(v, first);
        } else {
            comparand(c);
        }
    }

    // ---- projection

    final void projection(Projection projection) {
        List<Path> paths = projection.paths();
        for (int i = 0, n = paths.size(); i < n; i++) {
            if (i > 0) {
                text(", ");
            }
            path(paths.get(i));
        }
    }
}
