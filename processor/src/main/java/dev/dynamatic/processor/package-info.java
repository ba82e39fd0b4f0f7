/**
 * {@link dev.dynamatic.processor.AttributesProcessor}: for each record annotated {@link dev.dynamatic.ast.Attributes},
 * a class of typed attribute references in the record's package.
 */
@NullMarked
package dev.dynamatic.processor;

import org.jspecify.annotations.NullMarked;
