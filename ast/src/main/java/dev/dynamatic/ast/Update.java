package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * An update expression as a composable fragment: an ordered list of actions.
 *
 * <p>A fragment holds no placeholders; {@link #and(Update...)} makes a new fragment of this one's actions
 * followed by the others'. An empty update is a valid fragment (the identity of {@code and}) but cannot be
 * rendered on its own. Rules across actions (no two actions on overlapping paths) are checked when rendering.
 *
 * @param actions the actions, in the order written
 */
public record Update(List<UpdateAction> actions) {

    /** Copies the actions. */
    public Update {
        actions = Checks.copyOf(actions, "actions");
    }

    /**
     * {@return a new update: this one's actions followed by those of each of the others}
     *
     * @param others the updates whose actions follow
     */
    public Update and(Update... others) {
        requireNonNull(others, "others is null");
        List<UpdateAction> all = new ArrayList<>(actions);
        for (int i = 0; i < others.length; i++) {
            if (others[i] == null) {
                throw new NullPointerException("others[" + i + "] is null");
            }
            all.addAll(others[i].actions);
        }
        return new Update(all);
    }

    /**
     * {@return a new update: this one's actions followed by the given ones}
     *
     * @param more the actions to add
     */
    public Update and(UpdateAction... more) {
        List<UpdateAction> all = new ArrayList<>(actions);
        all.addAll(Checks.listOf(more, "more"));
        return new Update(all);
    }

    /** {@return whether this update has no actions} */
    public boolean isEmpty() {
        return actions.isEmpty();
    }
}
