/**
 * The annotation processor that generates typed attribute references for records and classes annotated
 * {@link dev.dynamatic.ast.Attributes}.
 */
module dev.dynamatic.processor {
    requires transitive java.compiler; // the processor class, exported, extends AbstractProcessor
    requires dev.dynamatic.ast; // the Java type table, shared with the record codec
    requires static org.jspecify;
    exports dev.dynamatic.processor;
    provides javax.annotation.processing.Processor with dev.dynamatic.processor.AttributesProcessor;
}
