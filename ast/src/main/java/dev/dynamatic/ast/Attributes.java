package dev.dynamatic.ast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@code dynamatic-processor} to generate typed attribute references for a record or a class: a top-level
 * class named after it with the suffix {@code Attributes}, in its package, holding one reference per stored member.
 *
 * {@snippet :
 * @Attributes
 * record Order(String status, long totalCents) {}
 *
 * UpdateAction a = set(OrderAttributes.status, "SHIPPED");   // a String
 * UpdateAction b = set(OrderAttributes.totalCents, 5);       // any Number
 * }
 *
 * <p>The stored members of a record are its components; those of a class are its non-static, non-transient fields,
 * its superclasses' included (getters without a field add none). A class must be concrete, not generic and not
 * private. A member has no reference if Jackson's {@code @JsonIgnore} is on its field, its accessor, or (for a
 * class) its getter {@code getX()}/{@code isX()} or setter {@code setX(..)}. Its attribute name is the
 * {@code @JsonProperty} name on one of those (or on a record's canonical constructor parameter), else its
 * {@link Attribute} name, else its own name; two different names are a compile-time error.
 *
 * <p>Kept in class files so that run-time checks (such as the Jackson codec's) can find the types that have
 * references.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Attributes {
}
