/**
 * The DynamoDB expression language as immutable data: paths, values, update actions, conditions, key
 * conditions and projections, built through the static-import entry point {@link dev.dynamatic.ast.Dsl}.
 */
module dev.dynamatic.ast {
    requires static transitive org.jspecify; // nullness annotations in the API: compile time only
    exports dev.dynamatic.ast;
}
