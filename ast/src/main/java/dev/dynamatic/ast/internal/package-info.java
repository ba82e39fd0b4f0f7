/**
 * Dynamatic's own plumbing shared by its modules: not part of the API, exported only to Dynamatic's modules.
 *
 * <p>{@link dev.dynamatic.ast.internal.Numbers} holds DynamoDB's number rules (Java numbers to DynamoDB's
 * normalised number text and back, exactly), so that the value model, the renderer, the record codec and the
 * Jackson codec apply one set of rules. {@link dev.dynamatic.ast.internal.Causes} withholds the messages of the
 * exceptions the codecs keep as causes while values are hidden.
 */
@NullMarked
package dev.dynamatic.ast.internal;

import org.jspecify.annotations.NullMarked;
