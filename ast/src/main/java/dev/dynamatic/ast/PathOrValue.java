package dev.dynamatic.ast;

/**
 * A path or a value: what DynamoDB's condition functions take where either may stand, and no function call.
 *
 * <p>DynamoDB accepts more than its Developer Guide's grammar shows ({@code begins_with(path, substr)},
 * {@code size(path)}, {@code attribute_type(path, type)}): each operand of {@code begins_with}, the operand of
 * {@code size} and the first operand of {@code attribute_type} may be an expression attribute value as well as a
 * document path ({@code begins_with(:prefix, a)}, {@code size(:text)}, {@code attribute_type(:v, :type)}), but
 * not another function ({@code size(size(a))} is rejected). {@code attribute_exists}, {@code attribute_not_exists}
 * and the first operand of {@code contains} take a path only.
 */
public sealed interface PathOrValue extends Comparand permits Path, Value {
}
