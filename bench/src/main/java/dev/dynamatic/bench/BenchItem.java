package dev.dynamatic.bench;

import dev.dynamatic.ast.Attributes;
import java.util.List;

/**
 * The item intent (b) updates, as a record whose typed references the processor generates
 * ({@code BenchItemAttributes}), so that (b) can be written with references as a user would.
 *
 * @param pk the partition key
 * @param name the name set
 * @param count the counter incremented
 * @param tags the list appended to
 * @param profile the nested profile whose city is set if absent
 * @param old the attribute removed
 * @param visits the number added to
 * @param version the version compared
 */
@Attributes
public record BenchItem(String pk, String name, int count, List<String> tags, Profile profile, String old,
                        int visits, int version) {

    /**
     * The nested profile.
     *
     * @param city the city
     */
    @Attributes
    public record Profile(String city) {}
}
