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
 * Comparand   := Path | Value | size(Path)
 * Condition   := Comparand (= | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=) Comparand
 *              | Comparand BETWEEN Comparand AND Comparand
 *              | Comparand IN (Comparand, ...)                  1 to 100 candidates
 *              | Condition AND Condition ... | Condition OR Condition ... | NOT Condition
 *              | attribute_exists(Path) | attribute_not_exists(Path) | attribute_type(Path, Type)
 *              | begins_with(Path, Comparand) | contains(Path, Comparand)
 * KeyCondition:= pk = Value [ AND ( sk (= | &lt; | &lt;= | &gt; | &gt;=) Value
 *                                 | sk BETWEEN Value AND Value | begins_with(sk, Value) ) ]
 * Projection  := Path ("," Path)*
 * </pre>
 *
 * <p>{@link dev.dynamatic.ast.Dsl} has a factory for each; every record checks its local invariants when
 * built. Rules that span nodes (overlapping paths, expression size limits) are checked by the renderer.
 */
@NullMarked
package dev.dynamatic.ast;

import org.jspecify.annotations.NullMarked;
