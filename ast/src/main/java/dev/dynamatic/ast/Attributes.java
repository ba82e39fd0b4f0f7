package dev.dynamatic.ast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@code dynamatic-processor} to generate typed attribute references for a record: a top-level class named
 * after the record with the suffix {@code Attributes}, in the record's package, holding one reference per component.
 *
 * {@snippet :
 * @Attributes
 * record Order(String status, long totalCents) {}
 *
 * UpdateAction a = set(OrderAttributes.status, "SHIPPED");   // a String
 * UpdateAction b = set(OrderAttributes.totalCents, 5);       // any Number
 * }
 *
 * <p>Kept in class files so that run-time checks (such as the Jackson codec's) can find the records that have
 * references.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Attributes {
}
