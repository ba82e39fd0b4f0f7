package dev.dynamatic.ast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a record component the attribute name it is stored under, when that is not the component's own name: a
 * legacy {@code order_status}, or a key named {@code PK}. The record codec and the generated references honour it.
 *
 * {@snippet :
 * @Attributes
 * record Order(@Attribute("PK") String customer, @Attribute("order_status") Status status) {}
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Attribute {

    /** {@return the attribute name, taken verbatim (a dot is part of the name), not empty} */
    String value();
}
