package dev.dynamatic.ast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a record component, or a field of an {@link Attributes} class, the attribute name it is stored under, when
 * that is not its own name: a legacy {@code order_status}, or a key named {@code PK}. The record codec and the
 * generated references honour it; Jackson does not (it reads {@code @JsonProperty}, which the generated references
 * honour too, and which must then give the same name).
 *
 * {@snippet :
 * @Attributes
 * record Order(@Attribute("PK") String customer, @Attribute("order_status") Status status) {}
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Attribute {

    /** {@return the attribute name, taken verbatim (a dot is part of the name), not empty} */
    String value();
}
