package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

/** One action of an update expression: {@code SET}, {@code REMOVE}, {@code ADD} or {@code DELETE}. */
public sealed interface UpdateAction permits UpdateAction.Set, UpdateAction.Remove, UpdateAction.Add, UpdateAction.Delete {

    /** {@return the path this action writes} */
    Path path();

    /**
     * {@code SET path = value}.
     *
     * @param path the attribute to write
     * @param value what to write
     */
    record Set(Path path, SetValue value) implements UpdateAction {
        /** Checks both parts are present. */
        public Set {
            requireNonNull(path, "path is null");
            requireNonNull(value, "value is null");
        }
    }

    /**
     * {@code REMOVE path}.
     *
     * @param path the attribute or list element to remove
     */
    record Remove(Path path) implements UpdateAction {
        /** Checks the path is present. */
        public Remove {
            requireNonNull(path, "path is null");
        }
    }

    /**
     * {@code ADD path value}: adds a number to a number, or members to a set (creating the attribute if absent).
     *
     * @param path the attribute to add to
     * @param value a number or a set
     */
    record Add(Path path, Value value) implements UpdateAction {
        /** Checks the value is a number or a set, the only types DynamoDB's ADD takes. */
        public Add {
            requireNonNull(path, "path is null");
            requireNonNull(value, "value is null");
            if (value.type() != Value.Type.N && !value.type().isSet()) {
                rejectAdd(path, value);
            }
        }

        private static void rejectAdd(Path path, Value value) {
            throw new IllegalArgumentException("ADD " + path + ": the value is of type " + value.type()
                    + "; DynamoDB's ADD takes only a number or a set");
        }
    }

    /**
     * {@code DELETE path value}: removes the members of {@code value} from the set at {@code path}.
     *
     * @param path the set attribute
     * @param value a set of the members to remove
     */
    record Delete(Path path, Value value) implements UpdateAction {
        /** Checks the value is a set, the only type DynamoDB's DELETE takes. */
        public Delete {
            requireNonNull(path, "path is null");
            requireNonNull(value, "value is null");
            if (!value.type().isSet()) {
                rejectDelete(path, value);
            }
        }

        private static void rejectDelete(Path path, Value value) {
            throw new IllegalArgumentException("DELETE " + path + ": the value is of type " + value.type()
                    + "; DynamoDB's DELETE takes only a set");
        }
    }
}
