/**
 * DynamoDB's expression language as immutable data.
 *
 * <p>The grammar, as these types encode it ({@code |} separates alternatives):
 * <pre>
 * Path        := Name ( "." Name | "[" index "]" )*            at most 32 segments
 * Value       := S | N | B | BOOL | NULL | L | M | SS | NS | BS
 * Operand     := Path | Value | if_not_exists(Path, Operand) | list_append(Operand, Operand)
 * SetValue    := Operand | Operand "+" Operand | Operand "-" Operand
 * UpdateAction:= SET Path = SetValue | REMOVE Path | ADD Path Value(N|set) | DELETE Path Value(set)
 * Update      := UpdateAction*                                  rendered SET, REMOVE, ADD, DELETE
 * PathOrValue := Path | Value
 * Comparand   := PathOrValue | size(PathOrValue)                a size value: S, B, L, M or a set
 * Condition   := Comparand (= | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=) Comparand
 *              | Comparand BETWEEN Comparand AND Comparand
 *              | Comparand IN (Comparand, ...)                  1 to 100 candidates
 *              | Condition AND Condition ... | Condition OR Condition ... | NOT Condition
 *              | attribute_exists(Path) | attribute_not_exists(Path) | attribute_type(PathOrValue, Type)
 *              | begins_with(PathOrValue, PathOrValue) | contains(Path, Comparand)   a begins_with value: S or B
 * KeyCondition:= pk = Value [ AND ( sk (= | &lt; | &lt;= | &gt; | &gt;=) Value
 *                                 | sk BETWEEN Value AND Value | begins_with(sk, Value) ) ]
 * Projection  := Path ("," Path)*
 * </pre>
 *
 * <p>{@link dev.dynamatic.ast.Dsl} has a factory for each; every record checks its local invariants when
 * built, and names any null argument ({@code members[1] is null}). Rules that span nodes (overlapping paths,
 * expression size limits) are checked by the renderer. One such rule is checked when a tree is built: a condition
 * or operand that nests deeper than a 4 KB expression can hold ({@link dev.dynamatic.ast.Limits#MAX_CONDITION_DEPTH},
 * {@link dev.dynamatic.ast.Limits#MAX_OPERAND_DEPTH}) is rejected, so that no walk over a tree exhausts the stack.
 *
 * <p>Typed attribute references ({@link dev.dynamatic.ast.Ref} and its subclasses, usually generated from
 * {@link dev.dynamatic.ast.Attributes} records and classes) stand for paths in the {@code Dsl}'s reference overloads, which
 * accept only values of the reference's type and build the same trees as the string-path factories; the grammar
 * above is unchanged.
 *
 * <h2>Values are redacted</h2>
 *
 * <p>Attribute values are user data and may be secrets. Every {@code toString()} and every exception message of
 * Dynamatic names attributes, types, sizes and positions, never values: a value prints as its type
 * ({@code Comparison[left=password, comparator=EQ, right=<S>]}), a duplicate set member by its positions
 * ({@code string set has the member <String> twice (positions 1 and 2)}). For local debugging one switch shows
 * values: start the JVM with {@code -Ddynamatic.showValues=true}, or call
 * {@link dev.dynamatic.ast.Redaction#showValues(boolean) Redaction.showValues(true)}. Code that writes its own
 * messages formats values through {@link dev.dynamatic.ast.Redaction#value(Object) Redaction.value(..)}.
 */
@NullMarked
package dev.dynamatic.ast;

import org.jspecify.annotations.NullMarked;
