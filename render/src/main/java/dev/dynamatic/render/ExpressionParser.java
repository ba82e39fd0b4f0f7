package dev.dynamatic.render;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Comparand;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.Operand;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.PathOrValue;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.Redaction;
import dev.dynamatic.ast.SetValue;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.ast.Value;
import dev.dynamatic.render.ExpressionParseException.Kind;
import dev.dynamatic.render.ExpressionWriter.Clause;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads one DynamoDB expression (with its names and values maps) into the {@code ast} trees.
 *
 * <p>A hand-written lexer and recursive-descent parser with one token of look-ahead (plus the position of
 * each parenthesis's partner, computed up front), so parsing takes time linear in the text. Every input ends
 * in a tree or an {@link ExpressionParseException}:
 * <ul>
 *   <li>text over {@value Limits#MAX_EXPRESSION_BYTES} bytes (UTF-8; DynamoDB's 4 KB limit) is rejected before it
 *       is read, so a token list, and with it all work, is bounded;</li>
 *   <li>recursion happens only where parentheses, {@code NOT} or a function call open a level, and at most
 *       {@value #MAX_OPEN_LEVELS} levels may be open at once (this parser's limit; DynamoDB documents none), so
 *       the Java stack stays shallow whatever the input;</li>
 *   <li>every invariant the {@code ast} records check is wrapped into the typed exception with a position.</li>
 * </ul>
 *
 * <p>The grammar is DynamoDB's (Developer Guide: "Using update expressions", "Condition and filter
 * expressions, operators, and functions", "Key condition expressions for the Query operation", "Using
 * projection expressions", "Referring to item attributes"); where DynamoDB checks a rule at parse time (an
 * unknown or upper-case function name, a reserved word as a bare name, operand types of {@code +}, {@code -},
 * {@code list_append}, {@code attribute_type}, {@code begins_with}, {@code size}, {@code BETWEEN}, {@code ADD},
 * {@code DELETE}, overlapping paths, redundant parentheses, identical operands) this parser checks it too. Where
 * DynamoDB takes more than the Developer Guide's grammar shows, so does this parser: a value as either operand of
 * {@code begins_with}, as the operand of {@code size} and as the first operand of {@code attribute_type}.
 */
final class ExpressionParser {

    /** How many parentheses, {@code NOT}s and function calls may be open at once (this parser's own bound). */
    static final int MAX_OPEN_LEVELS = 100;

    static final String EOF_TEXT = "<EOF>";

    private static final Set<String> TYPE_NAMES = typeNames();
    private static final int MAX_NEAR = 60;

    /** Token types. */
    enum T {
        /** A word starting with a letter: a bare name, keyword or function name. */ NAME,
        /** A word starting with {@code _} or a digit and holding a non-digit. */ BAD_WORD,
        /** Digits only. */ NUMBER,
        /** {@code #name}. */ NAME_REF,
        /** {@code :value}. */ VALUE_REF,
        /** {@code (} */ LPAREN,
        /** {@code )} */ RPAREN,
        /** {@code [} */ LBRACKET,
        /** {@code ]} */ RBRACKET,
        /** {@code ,} */ COMMA,
        /** {@code .} */ DOT,
        /** {@code =} */ EQ,
        /** {@code <>} */ NE,
        /** {@code <} */ LT,
        /** {@code <=} */ LE,
        /** {@code >} */ GT,
        /** {@code >=} */ GE,
        /** {@code +} */ PLUS,
        /** {@code -} */ MINUS,
        /** The end of the text. */ EOF
    }

    /** A token: its type, its char range in the text, and its text. */
    record Token(T type, int start, int end, String text) {
    }

    /** What a condition-grammar production yields: a condition, or an operand still waiting for its comparator. */
    private sealed interface Term permits Cond, Opd {
    }

    /** A condition; {@code function} names the function it came from, if any (for "misused function" errors). */
    private record Cond(Condition condition, int start, @Nullable String function) implements Term {
    }

    /** An operand spanning tokens {@code start} (inclusive) to {@code end} (exclusive). */
    private record Opd(Comparand comparand, int start, int end) implements Term {
    }

    private final Kind kind;
    private final String text;
    private final Map<String, String> names;
    /** The values map; null for a projection, which takes no values. */
    private final @Nullable Map<String, AttributeValue> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();
    private final Map<String, Value> converted = new HashMap<>();
    private final IdentityHashMap<Condition, Integer> starts = new IdentityHashMap<>();
    private final IdentityHashMap<Condition, Integer> operators = new IdentityHashMap<>();
    /** Attributes a Query's filter may not name: the key attributes of the table or index queried. */
    private Set<String> keyAttributes = Set.of();
    private final Token[] tokens;
    private final int[] partner;
    private int pos;
    private int depth;
    private int operatorCount;

    /** Reads the text into tokens, checking its length and its parentheses. */
    private ExpressionParser(Kind kind, String text, Map<String, String> names,
                             @Nullable Map<String, AttributeValue> values) {
        this.kind = kind;
        this.text = requireNonNull(text, () -> kind.parameterName() + " is null");
        this.names = requireNonNull(names, "names map is null (pass Map.of())");
        this.values = values;
        checkLength();
        this.tokens = lex();
        if (tokens.length == 1) {
            throw error(0, "The expression can not be empty");
        }
        this.partner = matchParentheses();
    }

    // ---- entry points

    static Parsed<Update> update(String text, Map<String, String> names, Map<String, AttributeValue> values) {
        ExpressionParser p = new ExpressionParser(Kind.UPDATE, text, names, requireValues(values));
        return p.result(p.updateExpression());
    }

    static Parsed<Condition> condition(Kind kind, String text, Map<String, String> names,
                                       Map<String, AttributeValue> values) {
        ExpressionParser p = new ExpressionParser(kind, text, names, requireValues(values));
        return p.result(p.conditionExpression());
    }

    /** A Query's filter: like a condition, but naming no key attribute of the table or index queried. */
    static Parsed<Condition> queryFilter(String text, Set<String> keyAttributes, Map<String, String> names,
                                         Map<String, AttributeValue> values) {
        ExpressionParser p = new ExpressionParser(Kind.FILTER, text, names, requireValues(values));
        p.keyAttributes = Set.copyOf(keyAttributes);
        return p.result(p.conditionExpression());
    }

    /**
     * A key condition on these key attributes; with their types, also checked against them (a key value of another
     * type, begins_with on N).
     */
    static Parsed<KeyCondition> keyCondition(String text, String partitionKey, @Nullable String sortKey,
                                             @Nullable KeyTypes types, Map<String, String> names,
                                             Map<String, AttributeValue> values) {
        requireNonNull(partitionKey, "partitionKey is null");
        if (partitionKey.isEmpty()) {
            throw new IllegalArgumentException("partitionKey is empty");
        }
        if (sortKey != null && (sortKey.isEmpty() || sortKey.equals(partitionKey))) {
            throw new IllegalArgumentException("sortKey \"" + sortKey + "\" is empty or the partition key's name");
        }
        ExpressionParser p = new ExpressionParser(Kind.KEY_CONDITION, text, names, requireValues(values));
        return p.result(p.keyConditionExpression(partitionKey, sortKey, types));
    }

    static Parsed<Projection> projection(String text, Map<String, String> names) {
        ExpressionParser p = new ExpressionParser(Kind.PROJECTION, text, names, null);
        return p.result(p.projectionExpression());
    }

    private static Map<String, AttributeValue> requireValues(Map<String, AttributeValue> values) {
        return requireNonNull(values, "values map is null (pass Map.of())");
    }

    private <R> Parsed<R> result(R tree) {
        return new Parsed<>(tree, usedNames, usedValues);
    }

    // ---- length, lexing, parentheses

    /** Rejects text over 4 KB of UTF-8 before reading it, stopping at the first char past the limit. */
    private void checkLength() {
        long bytes = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            // A surrogate pair is 4 bytes in UTF-8: 2 for each half.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            if (bytes > Limits.MAX_EXPRESSION_BYTES) {
                throw exception(i, Character.toString(text.codePointAt(i)),
                        "The expression is longer than " + Limits.MAX_EXPRESSION_BYTES
                                + " bytes (UTF-8), DynamoDB's limit for one expression (4 KB); it is " + text.length()
                                + " chars long",
                        near(Math.max(0, i - 20), i + 1));
            }
        }
    }

    private Token[] lex() {
        List<Token> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            int start = i;
            if (isWordChar(c)) {
                while (i < n && isWordChar(text.charAt(i))) {
                    i++;
                }
                String word = text.substring(start, i);
                T type = isLetter(c) ? T.NAME : isDigits(word) ? T.NUMBER : T.BAD_WORD;
                out.add(new Token(type, start, i, word));
                continue;
            }
            if (c == '#' || c == ':') {
                i++;
                while (i < n && isWordChar(text.charAt(i))) {
                    i++;
                }
                String what = c == '#' ? "an expression attribute name" : "an expression attribute value";
                if (i == start + 1) {
                    throw lexError(out, start, String.valueOf(c), "Syntax error (" + what + " is '" + c
                            + "' followed by one or more letters, digits or underscores)");
                }
                if (i - start > Limits.MAX_PLACEHOLDER_BYTES) {
                    throw lexError(out, start, text.substring(start, i), what + " is " + (i - start)
                            + " bytes long; DynamoDB allows at most " + Limits.MAX_PLACEHOLDER_BYTES);
                }
                out.add(new Token(c == '#' ? T.NAME_REF : T.VALUE_REF, start, i, text.substring(start, i)));
                continue;
            }
            T type;
            int length = 1;
            char next = i + 1 < n ? text.charAt(i + 1) : 0;
            switch (c) {
                case '(' -> type = T.LPAREN;
                case ')' -> type = T.RPAREN;
                case '[' -> type = T.LBRACKET;
                case ']' -> type = T.RBRACKET;
                case ',' -> type = T.COMMA;
                case '.' -> type = T.DOT;
                case '=' -> type = T.EQ;
                case '+' -> type = T.PLUS;
                case '-' -> type = T.MINUS;
                case '<' -> {
                    if (next == '=') {
                        type = T.LE;
                        length = 2;
                    } else if (next == '>') {
                        type = T.NE;
                        length = 2;
                    } else {
                        type = T.LT;
                    }
                }
                case '>' -> {
                    if (next == '=') {
                        type = T.GE;
                        length = 2;
                    } else {
                        type = T.GT;
                    }
                }
                default -> throw lexError(out, start, Character.toString(text.codePointAt(start)), "Syntax error");
            }
            i += length;
            out.add(new Token(type, start, i, text.substring(start, i)));
        }
        out.add(new Token(T.EOF, n, n, EOF_TEXT));
        return out.toArray(new Token[0]);
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWordChar(char c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isDigits(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Pairs each parenthesis with its partner, rejecting unbalanced ones. */
    private int[] matchParentheses() {
        int[] pairs = new int[tokens.length];
        int[] open = new int[tokens.length];
        int top = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].type() == T.LPAREN) {
                open[top++] = i;
            } else if (tokens[i].type() == T.RPAREN) {
                if (top == 0) {
                    throw error(i, "Syntax error (unbalanced parentheses: this ')' closes nothing)");
                }
                int j = open[--top];
                pairs[i] = j;
                pairs[j] = i;
            }
        }
        if (top > 0) {
            throw error(open[top - 1], "Syntax error (unbalanced parentheses: this '(' is never closed)");
        }
        return pairs;
    }

    // ---- errors

    private ExpressionParseException syntax(int tokenIndex) {
        return error(tokenIndex, "Syntax error");
    }

    private ExpressionParseException error(int tokenIndex, String problem) {
        Token t = tokens[tokenIndex];
        int from = tokens[Math.max(0, tokenIndex - 1)].start();
        int to = tokens[Math.min(tokens.length - 1, tokenIndex + 1)].end();
        return exception(t.start(), t.text(), problem, near(from, to));
    }

    private ExpressionParseException lexError(List<Token> before, int offset, String token, String problem) {
        int from = before.isEmpty() ? offset : before.getLast().start();
        return exception(offset, token, problem, near(from, offset + token.length()));
    }

    private String near(int from, int to) {
        int end = Math.min(text.length(), Math.max(from, to));
        if (end - from > MAX_NEAR) {
            return text.substring(from, from + MAX_NEAR - 3) + "...";
        }
        return text.substring(from, end);
    }

    private ExpressionParseException exception(int offset, String token, String problem, String near) {
        return new ExpressionParseException(kind, offset, token, "Invalid " + kind.parameterName() + ": " + problem
                + "; token: \"" + token + "\", near: \"" + near + "\", offset: " + offset);
    }

    private ExpressionParseException misused(int tokenIndex, String function) {
        return error(tokenIndex, "The function is not allowed to be used this way in an expression; function: "
                + function);
    }

    /** Builds an {@code ast} node, turning its invariant check into a positioned parse error. */
    private <R> R build(int tokenIndex, Supplier<R> constructor) {
        try {
            return constructor.get();
        } catch (ExpressionParseException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error(tokenIndex, Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    // ---- tokens

    private Token peek() {
        return tokens[pos];
    }

    private boolean at(T type) {
        return tokens[pos].type() == type;
    }

    private boolean accept(T type) {
        if (at(type)) {
            pos++;
            return true;
        }
        return false;
    }

    private int expect(T type) {
        if (!at(type)) {
            throw syntax(pos);
        }
        return pos++;
    }

    private boolean atKeyword(String keyword) {
        Token t = tokens[pos];
        return t.type() == T.NAME && t.text().equalsIgnoreCase(keyword);
    }

    private boolean atFunction() {
        T type = tokens[pos].type();
        // A NAME or BAD_WORD is never the EOF token, so pos + 1 is in range.
        return (type == T.NAME || type == T.BAD_WORD) && tokens[pos + 1].type() == T.LPAREN;
    }

    /** {@return whether the word is a keyword of this expression kind's grammar (never a bare name)} */
    private boolean isKeyword(String word) {
        return switch (kind) {
            case UPDATE -> Clause.named(word) != null;
            case CONDITION, FILTER, KEY_CONDITION -> word.equalsIgnoreCase("AND") || word.equalsIgnoreCase("OR")
                    || word.equalsIgnoreCase("NOT") || word.equalsIgnoreCase("BETWEEN") || word.equalsIgnoreCase("IN");
            case PROJECTION, ATTRIBUTE_NAMES, ATTRIBUTE_VALUES -> false;
        };
    }

    private void enter(int tokenIndex) {
        if (++depth > MAX_OPEN_LEVELS) {
            throw error(tokenIndex, "The expression nests parentheses, NOT and function calls more than "
                    + MAX_OPEN_LEVELS + " levels deep, this parser's limit");
        }
    }

    private void leave() {
        depth--;
    }

    // ---- placeholders

    private String name(int tokenIndex) {
        String ref = tokens[tokenIndex].text();
        String name = names.get(ref);
        if (name == null) {
            throw error(tokenIndex, names.containsKey(ref)
                    ? "ExpressionAttributeNames maps " + ref + " to null"
                    : "An expression attribute name used in the document path is not defined; attribute name: " + ref);
        }
        if (name.isEmpty()) {
            throw error(tokenIndex, "ExpressionAttributeNames maps " + ref + " to an empty attribute name");
        }
        usedNames.add(ref);
        return name;
    }

    private Value value(int tokenIndex) {
        if (values == null) {
            // A projection takes no values.
            throw syntax(tokenIndex);
        }
        String ref = tokens[tokenIndex].text();
        Value known = converted.get(ref);
        if (known != null) {
            return known;
        }
        AttributeValue av = values.get(ref);
        if (av == null) {
            throw error(tokenIndex, values.containsKey(ref)
                    ? "ExpressionAttributeValues maps " + ref + " to null"
                    : "An expression attribute value used in expression is not defined; attribute value: " + ref);
        }
        Value v;
        try {
            v = AttributeValues.fromSdk(av);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw error(tokenIndex, "ExpressionAttributeValues contains an invalid value for " + ref + ": "
                    + e.getMessage());
        }
        converted.put(ref, v);
        usedValues.add(ref);
        return v;
    }

    // ---- paths

    private Path path() {
        int start = pos;
        List<Path.Segment> segments = new ArrayList<>(4);
        segments.add(new Path.Name(segmentName()));
        while (true) {
            if (at(T.DOT)) {
                pos++;
                segments.add(new Path.Name(segmentName()));
            } else if (at(T.LBRACKET)) {
                pos++;
                int number = expect(T.NUMBER);
                segments.add(new Path.Index(index(number)));
                expect(T.RBRACKET);
            } else {
                break;
            }
            if (segments.size() > Limits.MAX_NESTING) {
                throw error(start,
                        "The document path is deeper than " + Limits.MAX_NESTING + " levels, DynamoDB's limit");
            }
        }
        Path path = build(start, () -> new Path(segments));
        if (keyAttributes.contains(path.attributeName())) {
            throw error(start, "Filter Expression can only contain non-primary key attributes: Primary key attribute: "
                    + path.attributeName());
        }
        return path;
    }

    private String segmentName() {
        Token t = peek();
        if (t.type() == T.NAME) {
            if (isKeyword(t.text())) {
                throw syntax(pos);
            }
            if (ReservedWords.contains(t.text())) {
                throw error(pos, "Attribute name is a reserved keyword; reserved keyword: " + t.text());
            }
            pos++;
            return t.text();
        }
        if (t.type() == T.NAME_REF) {
            String name = name(pos);
            pos++;
            return name;
        }
        if (t.type() == T.BAD_WORD) {
            throw error(pos, "Syntax error (a bare attribute name starts with a letter a-z or A-Z, followed by"
                    + " letters, digits or _; write any other name as an expression attribute name such as #n)");
        }
        throw syntax(pos);
    }

    private int index(int tokenIndex) {
        String digits = tokens[tokenIndex].text();
        long index = 0;
        for (int i = 0; i < digits.length(); i++) {
            index = index * 10 + (digits.charAt(i) - '0');
            if (index > Integer.MAX_VALUE) {
                throw error(tokenIndex, "The list index " + digits + " is too large");
            }
        }
        return (int) index;
    }

    // ---- update expressions

    private Update updateExpression() {
        List<UpdateAction> actions = new ArrayList<>();
        Set<Clause> seen = EnumSet.noneOf(Clause.class);
        WrittenPaths written = new WrittenPaths();
        while (!at(T.EOF)) {
            Clause clause = at(T.NAME) ? Clause.named(peek().text()) : null;
            if (clause == null) {
                throw syntax(pos);
            }
            if (!seen.add(clause)) {
                throw error(pos, "The \"" + clause.name() + "\" section can only be used once in an update expression");
            }
            pos++;
            do {
                int start = pos;
                Path path = path();
                written.add(path, start);
                switch (clause) {
                    case SET -> {
                        expect(T.EQ);
                        SetValue value = setValue();
                        actions.add(new UpdateAction.Set(path, value));
                    }
                    case REMOVE -> actions.add(new UpdateAction.Remove(path));
                    case ADD -> {
                        int at = expect(T.VALUE_REF);
                        Value value = value(at);
                        actions.add(build(at, () -> new UpdateAction.Add(path, value)));
                    }
                    case DELETE -> {
                        int at = expect(T.VALUE_REF);
                        Value value = value(at);
                        actions.add(build(at, () -> new UpdateAction.Delete(path, value)));
                    }
                }
            } while (accept(T.COMMA));
        }
        return new Update(actions);
    }

    /** {@code ( value )} or {@code value}, where value is an operand or one {@code +}/{@code -} of two. */
    private SetValue setValue() {
        if (at(T.LPAREN)) {
            // "(a) + b" starts with a parenthesized operand; "(a + b)" and "(a)" are a parenthesized value.
            T after = tokens[partner[pos] + 1].type();
            if (after != T.PLUS && after != T.MINUS) {
                int open = pos;
                enter(open);
                pos++;
                SetValue value = arithmetic();
                expect(T.RPAREN);
                leave();
                return value;
            }
        }
        return arithmetic();
    }

    private SetValue arithmetic() {
        int leftAt = pos;
        Operand left = parenthesizedOperand();
        if (!at(T.PLUS) && !at(T.MINUS)) {
            return left;
        }
        int operatorAt = pos;
        boolean plus = at(T.PLUS);
        pos++;
        int rightAt = pos;
        Operand right = parenthesizedOperand();
        countOperator(operatorAt);
        String symbol = plus ? "+" : "-";
        requireNumber(left, leftAt, symbol);
        requireNumber(right, rightAt, symbol);
        return plus ? new SetValue.Plus(left, right) : new SetValue.Minus(left, right);
    }

    private void requireNumber(Operand operand, int at, String operator) {
        problem(at, Semantics.arithmetic(operator, operand));
    }

    private void problem(int at, @Nullable String problem) {
        if (problem != null) {
            throw error(at, problem);
        }
    }

    private Operand parenthesizedOperand() {
        if (at(T.LPAREN)) {
            int open = pos;
            enter(open);
            pos++;
            Operand operand = updateOperand();
            expect(T.RPAREN);
            leave();
            return operand;
        }
        return updateOperand();
    }

    private Operand updateOperand() {
        if (atFunction()) {
            return updateFunction();
        }
        if (at(T.VALUE_REF)) {
            Value v = value(pos);
            pos++;
            return v;
        }
        return path();
    }

    private Operand updateFunction() {
        int at = pos;
        String function = peek().text();
        if (!function.equals("if_not_exists") && !function.equals("list_append")) {
            throw error(at, "Invalid function name; function: " + function);
        }
        pos++;
        enter(pos);
        expect(T.LPAREN);
        List<Operand> args = new ArrayList<>(2);
        List<Integer> argStarts = new ArrayList<>(2);
        do {
            argStarts.add(pos);
            args.add(parenthesizedOperand());
        } while (accept(T.COMMA));
        expect(T.RPAREN);
        leave();
        countOperator(at);
        if (args.size() != 2) {
            throw error(at, "Incorrect number of operands for operator or function; operator or function: "
                    + function + ", number of operands: " + args.size());
        }
        if (function.equals("if_not_exists")) {
            if (!(args.getFirst() instanceof Path path)) {
                throw error(argStarts.getFirst(), "Operator or function requires a document path; operator or function: "
                        + function);
            }
            return new Operand.IfNotExists(path, args.get(1));
        }
        for (int i = 0; i < 2; i++) {
            problem(argStarts.get(i), Semantics.listAppend(args.get(i)));
        }
        return new Operand.ListAppend(args.get(0), args.get(1));
    }

    private void countOperator(int tokenIndex) {
        if (++operatorCount > Limits.MAX_UPDATE_OPERATORS) {
            throw error(tokenIndex, "The expression has more than " + Limits.MAX_UPDATE_OPERATORS
                    + " operators and functions, DynamoDB's limit for an update expression");
        }
    }

    // ---- condition and filter expressions

    private Condition conditionExpression() {
        Term term = or();
        if (!at(T.EOF)) {
            throw syntax(pos);
        }
        return condition(term);
    }

    private Condition condition(Term term) {
        return switch (term) {
            case Cond c -> c.condition();
            case Opd o -> throw o.comparand() instanceof Comparand.Size ? misused(o.start(), "size") : syntax(o.end());
        };
    }

    private Cond cond(Condition condition, int start, int operator, @Nullable String function) {
        starts.putIfAbsent(condition, start);
        operators.putIfAbsent(condition, operator);
        return new Cond(condition, start, function);
    }

    private Term or() {
        int start = pos;
        Term first = and();
        if (!atKeyword("OR")) {
            return first;
        }
        int operator = pos;
        List<Condition> parts = new ArrayList<>();
        parts.add(condition(first));
        while (atKeyword("OR")) {
            pos++;
            parts.add(condition(and()));
        }
        return cond(new Condition.Or(parts), start, operator, null);
    }

    private Term and() {
        int start = pos;
        Term first = not();
        if (!atKeyword("AND")) {
            return first;
        }
        int operator = pos;
        List<Condition> parts = new ArrayList<>();
        parts.add(condition(first));
        while (atKeyword("AND")) {
            pos++;
            parts.add(condition(not()));
        }
        return cond(new Condition.And(parts), start, operator, null);
    }

    private Term not() {
        if (!atKeyword("NOT")) {
            return comparison();
        }
        int start = pos;
        enter(start);
        pos++;
        Condition inner = condition(not());
        leave();
        return cond(new Condition.Not(inner), start, start, null);
    }

    private Term comparison() {
        Term term = primary();
        return switch (term) {
            case Opd o -> comparisonTail(o);
            case Cond c -> {
                if (comparator(peek().type()) != null || atKeyword("BETWEEN") || atKeyword("IN")) {
                    throw c.function() != null ? misused(c.start(), c.function()) : syntax(pos);
                }
                yield c;
            }
        };
    }

    /** After an operand: a comparator, {@code BETWEEN} or {@code IN} makes a condition; otherwise the operand stays. */
    private Term comparisonTail(Opd left) {
        int operator = pos;
        Condition.Comparator comparator = comparator(peek().type());
        if (comparator != null) {
            pos++;
            Opd right = operand();
            checkDistinct(comparator.symbol(), left, right);
            if (comparator != Condition.Comparator.EQ && comparator != Condition.Comparator.NE) {
                problem(left.start(), Semantics.ordered(comparator.symbol(), left.comparand()));
                problem(right.start(), Semantics.ordered(comparator.symbol(), right.comparand()));
            }
            return cond(new Condition.Comparison(left.comparand(), comparator, right.comparand()), left.start(),
                    operator, null);
        }
        if (atKeyword("BETWEEN")) {
            pos++;
            Opd low = operand();
            if (!atKeyword("AND")) {
                throw syntax(pos);
            }
            pos++;
            Opd high = operand();
            checkBetween(left, low, high);
            return cond(new Condition.Between(left.comparand(), low.comparand(), high.comparand()), left.start(),
                    operator, null);
        }
        if (atKeyword("IN")) {
            pos++;
            int open = expect(T.LPAREN);
            enter(open);
            List<Comparand> candidates = new ArrayList<>();
            do {
                if (candidates.size() == Limits.MAX_IN_OPERANDS) {
                    throw error(pos, "The IN operator takes 1 to " + Limits.MAX_IN_OPERANDS
                            + " operands; this is operand " + (Limits.MAX_IN_OPERANDS + 1));
                }
                candidates.add(operand().comparand());
            } while (accept(T.COMMA));
            expect(T.RPAREN);
            leave();
            return cond(build(operator, () -> new Condition.In(left.comparand(), candidates)), left.start(), operator,
                    null);
        }
        return left;
    }

    private static Condition.@Nullable Comparator comparator(T type) {
        return switch (type) {
            case EQ -> Condition.Comparator.EQ;
            case NE -> Condition.Comparator.NE;
            case LT -> Condition.Comparator.LT;
            case LE -> Condition.Comparator.LE;
            case GT -> Condition.Comparator.GT;
            case GE -> Condition.Comparator.GE;
            case NAME, BAD_WORD, NUMBER, NAME_REF, VALUE_REF, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT, PLUS,
                 MINUS, EOF -> null;
        };
    }

    /** A parenthesized condition or operand, a function call, a value or a path. */
    private Term primary() {
        if (at(T.LPAREN)) {
            int open = pos;
            checkRedundant(open);
            enter(open);
            pos++;
            Term inner = or();
            expect(T.RPAREN);
            leave();
            return switch (inner) {
                case Opd o -> new Opd(o.comparand(), open, pos);
                case Cond c -> new Cond(c.condition(), open, null);
            };
        }
        if (atFunction()) {
            return conditionFunction();
        }
        return operand();
    }

    /** What a condition compares: {@code ( operand )}, {@code size(path)}, a value or a path. */
    private Opd operand() {
        int start = pos;
        if (at(T.LPAREN)) {
            checkRedundant(start);
            enter(start);
            pos++;
            Opd inner = operand();
            expect(T.RPAREN);
            leave();
            return new Opd(inner.comparand(), start, pos);
        }
        if (atFunction()) {
            return switch (conditionFunction()) {
                case Opd o -> o;
                // a condition function's Cond always names its function
                case Cond c -> throw misused(start, Objects.requireNonNull(c.function()));
            };
        }
        if (at(T.VALUE_REF)) {
            Value v = value(pos);
            pos++;
            return new Opd(v, start, pos);
        }
        Path path = path();
        return new Opd(path, start, pos);
    }

    private Term conditionFunction() {
        int at = pos;
        String function = peek().text();
        int arity = switch (function) {
            case "attribute_exists", "attribute_not_exists", "size" -> 1;
            case "attribute_type", "begins_with", "contains" -> 2;
            default -> throw error(at, "Invalid function name; function: " + function);
        };
        pos++;
        enter(pos);
        expect(T.LPAREN);
        List<Opd> args = new ArrayList<>(2);
        do {
            args.add(operand());
        } while (accept(T.COMMA));
        expect(T.RPAREN);
        leave();
        if (args.size() != arity) {
            throw error(at, "Incorrect number of operands for operator or function; operator or function: "
                    + function + ", number of operands: " + args.size());
        }
        Opd first = args.getFirst();
        if (function.equals("size")) {
            // DynamoDB takes a value here too (size(:text)), but no number, boolean or NULL, nor size(..) itself
            problem(first.start(), Semantics.sizeOperand(first.comparand()));
            PathOrValue operand = pathOrValue(first, function);
            return new Opd(build(first.start(), () -> new Comparand.Size(operand)), at, pos);
        }
        Condition condition = switch (function) {
            case "attribute_exists" -> new Condition.AttributeExists(documentPath(first, function));
            case "attribute_not_exists" -> new Condition.AttributeNotExists(documentPath(first, function));
            // the operand whose type is tested may be a value (attribute_type(:v, :type)); the type is a value
            case "attribute_type" -> new Condition.AttributeType(pathOrValue(first, function), attributeType(args.get(1)));
            case "begins_with" -> {
                // either operand may be a path or a value (begins_with(:s, a), begins_with(a, b)); a value is S or B
                Opd prefix = args.get(1);
                checkDistinct(function, first, prefix);
                problem(first.start(), Semantics.beginsWithOperand(first.comparand()));
                problem(prefix.start(), Semantics.beginsWithOperand(prefix.comparand()));
                PathOrValue text = pathOrValue(first, function);
                PathOrValue p = pathOrValue(prefix, function);
                yield build(prefix.start(), () -> new Condition.BeginsWith(text, p));
            }
            default -> {
                Path path = documentPath(first, function);
                checkDistinct(function, first, args.get(1));
                yield new Condition.Contains(path, args.get(1).comparand());
            }
        };
        return cond(condition, at, at, function);
    }

    /** The operand of a function that takes a path or a value; a function call there is not supported. */
    private PathOrValue pathOrValue(Opd operand, String function) {
        if (operand.comparand() instanceof PathOrValue p) {
            return p;
        }
        // DynamoDB itself rejects size(..) in begins_with and size (checked before this); in attribute_type this
        // library does not take it (the tree has no place for it)
        throw error(operand.start(), "Operator or function requires a document path or an expression attribute"
                + " value, not a function; operator or function: " + function);
    }

    private Path documentPath(Opd operand, String function) {
        if (operand.comparand() instanceof Path path) {
            return path;
        }
        throw error(operand.start(), "Operator or function requires a document path; operator or function: "
                + function);
    }

    private Value.Type attributeType(Opd operand) {
        if (!(operand.comparand() instanceof Value v)) {
            throw error(operand.start(), "Incorrect operand type for operator or function; operator or function:"
                    + " attribute_type, operand type: a document path or function (the type is an expression"
                    + " attribute value holding one of " + TYPE_NAMES + ")");
        }
        if (!(v instanceof Value.S(String name))) {
            throw error(operand.start(), "Incorrect operand type for operator or function; operator or function:"
                    + " attribute_type, operand type: " + v.type());
        }
        if (!TYPE_NAMES.contains(name)) {
            // the type name is the text of a value (user data): quoted only while values are shown
            throw error(operand.start(), "Invalid attribute type name found; type: " + Redaction.value(name)
                    + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        }
        return Value.Type.valueOf(name);
    }

    private void checkRedundant(int open) {
        // "((x))": the inner group closes right where the outer one does. DynamoDB rejects this in conditions.
        if (tokens[open + 1].type() == T.LPAREN && partner[open + 1] == partner[open] - 1) {
            throw error(open, "The expression has redundant parentheses");
        }
    }

    private void checkDistinct(String operator, Opd first, Opd second) {
        problem(second.start(), Semantics.distinct(operator, first.comparand(), second.comparand()));
    }

    private void checkBetween(Opd operand, Opd low, Opd high) {
        problem(operand.start(), Semantics.ordered("BETWEEN", operand.comparand()));
        problem(low.start(), Semantics.ordered("BETWEEN", low.comparand()));
        problem(high.start(), Semantics.ordered("BETWEEN", high.comparand()));
        problem(high.start(), Semantics.betweenBounds(low.comparand(), high.comparand()));
    }

    private static Set<String> typeNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Value.Type t : Value.Type.values()) {
            names.add(t.name());
        }
        return Set.copyOf(names);
    }

    // ---- key condition expressions

    private KeyCondition keyConditionExpression(String partitionKey, @Nullable String sortKey,
                                                @Nullable KeyTypes types) {
        Condition whole = conditionExpression();
        List<Condition> parts = whole instanceof Condition.And(List<Condition> all) ? all : List.of(whole);
        if (parts.size() > 2) {
            throw error(startOf(parts.get(2)), "KeyConditionExpressions must only contain one condition per key:"
                    + " the partition key and at most one condition on the sort key");
        }
        Value partitionValue = null;
        int partitionAt = 0;
        KeyCondition.SortKeyCondition sort = null;
        for (Condition part : parts) {
            int at = startOf(part);
            int operator = operators.getOrDefault(part, at);
            KeyPart key = keyPart(part, at, operator);
            String name = keyName(key.path(), at, partitionKey, sortKey);
            if (name.equals(partitionKey)) {
                if (partitionValue != null) {
                    throw error(at, "KeyConditionExpressions must only contain one condition per key; key: " + name);
                }
                if (!(part instanceof Condition.Comparison) || key.comparator() != Condition.Comparator.EQ) {
                    throw error(operator, "Query key condition not supported: the partition key \"" + name
                            + "\" takes only =");
                }
                partitionValue = key.first();
                partitionAt = at;
                if (types != null) {
                    problem(at, types.partitionProblem(name, partitionValue));
                }
            } else {
                if (sort != null) {
                    throw error(at, "KeyConditionExpressions must only contain one condition per key; key: " + name);
                }
                sort = build(operator, () -> sortKeyCondition(part, name, key));
                if (types != null) {
                    problem(at, types.sortProblem(sort));
                }
            }
        }
        if (partitionValue == null) {
            throw error(0, "Query condition missed key schema element: " + partitionKey);
        }
        Value pv = partitionValue;
        Optional<KeyCondition.SortKeyCondition> sk = Optional.ofNullable(sort);
        return build(partitionAt, () -> new KeyCondition(partitionKey, pv, sk));
    }

    /** One key condition, normalised to "key op value": the path, the operator (if a comparison) and values. */
    private record KeyPart(Path path, Condition.@Nullable Comparator comparator, Value first, @Nullable Value second) {
    }

    private KeyPart keyPart(Condition part, int at, int operator) {
        return switch (part) {
            case Condition.Comparison(Comparand l, Condition.Comparator op, Comparand r) -> {
                if (l instanceof Path p && r instanceof Value v) {
                    yield new KeyPart(p, op, v, null);
                }
                if (l instanceof Value v && r instanceof Path p) {
                    // ":v < sk" is "sk > :v".
                    yield new KeyPart(p, flip(op), v, null);
                }
                throw error(at, "A key condition compares a key attribute with an expression attribute value");
            }
            case Condition.Between(Comparand x, Comparand low, Comparand high) -> {
                if (x instanceof Path p && low instanceof Value lo && high instanceof Value hi) {
                    yield new KeyPart(p, null, lo, hi);
                }
                throw error(at, "A key condition's BETWEEN compares a key attribute with two expression attribute values");
            }
            case Condition.BeginsWith(PathOrValue text, PathOrValue prefix) -> {
                if (!(text instanceof Path p)) {
                    throw error(at, "Invalid condition in KeyConditionExpression: begins_with operator must have the key"
                            + " attribute as its first operand");
                }
                if (prefix instanceof Value v) {
                    yield new KeyPart(p, null, v, null);
                }
                throw error(at, "A key condition's begins_with takes a key attribute and an expression attribute value");
            }
            case Condition.And a -> throw error(operator, "Invalid operator used in KeyConditionExpression: AND");
            case Condition.Or o -> throw error(operator, "Invalid operator used in KeyConditionExpression: OR");
            case Condition.Not n -> throw error(operator, "Invalid operator used in KeyConditionExpression: NOT");
            case Condition.In i -> throw error(operator, "Invalid operator used in KeyConditionExpression: IN");
            case Condition.AttributeExists e ->
                    throw error(at, "Invalid operator used in KeyConditionExpression: attribute_exists");
            case Condition.AttributeNotExists e ->
                    throw error(at, "Invalid operator used in KeyConditionExpression: attribute_not_exists");
            case Condition.AttributeType t ->
                    throw error(at, "Invalid operator used in KeyConditionExpression: attribute_type");
            case Condition.Contains c -> throw error(at, "Invalid operator used in KeyConditionExpression: contains");
        };
    }

    private String keyName(Path path, int at, String partitionKey, @Nullable String sortKey) {
        if (!path.isTopLevel()) {
            throw error(at, "A key condition names a key attribute, not a nested document path: " + path);
        }
        String name = path.attributeName();
        if (!name.equals(partitionKey) && !name.equals(sortKey)) {
            throw error(at, "Query key condition not supported: \"" + name + "\" is not a key attribute (partition key \""
                    + partitionKey + "\"" + (sortKey == null ? ", no sort key" : ", sort key \"" + sortKey + "\"") + ")");
        }
        return name;
    }

    private static KeyCondition.SortKeyCondition sortKeyCondition(Condition part, String name, KeyPart key) {
        return switch (part) {
            // keyPart gives a comparison its comparator and a BETWEEN its second value
            case Condition.Comparison c ->
                    new KeyCondition.Comparison(name, Objects.requireNonNull(key.comparator()), key.first());
            case Condition.Between b -> new KeyCondition.Between(name, key.first(), Objects.requireNonNull(key.second()));
            case Condition.BeginsWith b -> new KeyCondition.BeginsWith(name, key.first());
            // keyPart has rejected every other condition already.
            case Condition.And a -> throw new IllegalStateException("unreachable");
            case Condition.Or o -> throw new IllegalStateException("unreachable");
            case Condition.Not n -> throw new IllegalStateException("unreachable");
            case Condition.In i -> throw new IllegalStateException("unreachable");
            case Condition.AttributeExists e -> throw new IllegalStateException("unreachable");
            case Condition.AttributeNotExists e -> throw new IllegalStateException("unreachable");
            case Condition.AttributeType t -> throw new IllegalStateException("unreachable");
            case Condition.Contains c -> throw new IllegalStateException("unreachable");
        };
    }

    private static Condition.Comparator flip(Condition.Comparator op) {
        return switch (op) {
            case EQ -> Condition.Comparator.EQ;
            case NE -> Condition.Comparator.NE;
            case LT -> Condition.Comparator.GT;
            case LE -> Condition.Comparator.GE;
            case GT -> Condition.Comparator.LT;
            case GE -> Condition.Comparator.LE;
        };
    }

    private int startOf(Condition c) {
        return starts.getOrDefault(c, 0);
    }

    // ---- projection expressions

    private Projection projectionExpression() {
        List<Path> paths = new ArrayList<>();
        WrittenPaths seen = new WrittenPaths();
        do {
            int start = pos;
            Path path = path();
            seen.add(path, start);
            paths.add(path);
        } while (accept(T.COMMA));
        if (!at(T.EOF)) {
            throw syntax(pos);
        }
        return new Projection(paths);
    }

    // ---- overlapping paths

    /**
     * The paths one update writes (or one projection reads), as a trie of segments: DynamoDB rejects two paths
     * where one is the other or inside it ("overlap"), or that use one parent both as a map and as a list
     * ("conflict"). Linear in the total number of segments.
     */
    private final class WrittenPaths {
        private final Node root = new Node(null);

        void add(Path path, int at) {
            Node node = root;
            for (Path.Segment segment : path.segments()) {
                if (node.end != null) {
                    throw overlap(node.end, path, at);
                }
                boolean index = switch (segment) {
                    case Path.Index i -> true;
                    case Path.Name n -> false;
                };
                if (index ? node.names : node.indexes) {
                    throw error(at, "Two document paths conflict with each other; must remove or rewrite one of these"
                            + " paths; path one: " + node.example + ", path two: " + path);
                }
                if (index) {
                    node.indexes = true;
                } else {
                    node.names = true;
                }
                node = node.children.computeIfAbsent(segment, s -> new Node(path));
            }
            if (node.end != null || !node.children.isEmpty()) {
                // below the root every node has its first path
                throw overlap(node.end != null ? node.end : Objects.requireNonNull(node.example), path, at);
            }
            node.end = path;
        }

        private ExpressionParseException overlap(Path one, Path two, int at) {
            return error(at, "Two document paths overlap with each other; must remove or rewrite one of these paths;"
                    + " path one: " + one + ", path two: " + two);
        }
    }

    /** A trie node: the first path through it, the path ending at it, and what kinds of children it has. */
    private static final class Node {
        /** The first path through this node; null at the root only. */
        private final @Nullable Path example;
        private final Map<Path.Segment, Node> children = new HashMap<>(4);
        private @Nullable Path end;
        private boolean names;
        private boolean indexes;

        Node(@Nullable Path example) {
            this.example = example;
        }
    }
}
