package dev.dynamatic.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * DynamoDB's reserved words, which may not appear as bare attribute names in an expression.
 *
 * <p>The list lives in the resource {@code reserved-words.txt} beside this class, copied from the Developer
 * Guide page its first line names; DynamoDB compares it case-insensitively.
 */
final class ReservedWords {

    private static final Set<String> WORDS = load();

    private ReservedWords() {
    }

    /** {@return whether the bare name is a reserved word, in any letter case} */
    static boolean contains(String name) {
        return WORDS.contains(name.toUpperCase(Locale.ROOT));
    }

    /** {@return how many words the list holds} */
    static int size() {
        return WORDS.size();
    }

    private static Set<String> load() {
        // A class's own module may read resources in any of its packages, exported or not.
        try (InputStream in = ReservedWords.class.getResourceAsStream("reserved-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource dev/dynamatic/render/reserved-words.txt is missing from the jar");
            }
            Set<String> words = new HashSet<>(1024);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toUpperCase(Locale.ROOT));
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dev/dynamatic/render/reserved-words.txt", e);
        }
    }
}
