/**
 * {@link dev.dynamatic.processor.AttributesProcessor}: for each record or class annotated
 * {@link dev.dynamatic.ast.Attributes}, a class of typed attribute references in its package.
 */
@NullMarked
package dev.dynamatic.processor;

import org.jspecify.annotations.NullMarked;
