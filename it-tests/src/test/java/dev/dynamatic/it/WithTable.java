package dev.dynamatic.it;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the key schema of the table that {@link DynamoDbExtension} creates for a test class; every key
 * attribute is a string, billing is {@code PAY_PER_REQUEST} and indexes project all attributes.
 *
 * <p>A {@code @Nested} class without this annotation shares its enclosing class's table; with it, it gets
 * its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WithTable {

    /** {@return the partition key attribute} */
    String pk() default "pk";

    /** {@return the sort key attribute, or an empty string for a table without one} */
    String sk() default "sk";

    /** {@return the global secondary indexes} */
    Gsi[] gsis() default {};

    /** {@return the local secondary indexes (they need a table sort key)} */
    Lsi[] lsis() default {};

    /** A global secondary index with string keys. */
    @Target({})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface Gsi {

        /** {@return the index name} */
        String name();

        /** {@return the index partition key attribute} */
        String pk();

        /** {@return the index sort key attribute, or an empty string for none} */
        String sk() default "";
    }

    /** A local secondary index: the table's partition key with another string sort key. */
    @Target({})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface Lsi {

        /** {@return the index name} */
        String name();

        /** {@return the index sort key attribute} */
        String sk();
    }
}
