/**
 * The DynamoDB expression language as immutable data: paths, values, update actions, conditions, key
 * conditions and projections, built through the static-import entry point {@link dev.dynamatic.ast.Dsl}.
 */
// "module": javac warns that the modules named in "exports ... to" are not present; they are built after this one.
@SuppressWarnings("module")
module dev.dynamatic.ast {
    requires static transitive org.jspecify; // nullness annotations: compile time only, shown in the API (@Nullable)
    exports dev.dynamatic.ast;
    exports dev.dynamatic.ast.internal to dev.dynamatic.render, dev.dynamatic.core, dev.dynamatic.jackson,
            dev.dynamatic.enhanced;
}
