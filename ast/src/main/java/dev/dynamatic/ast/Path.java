package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A document path: a top-level attribute name followed by map keys and list indexes, e.g. {@code a.b[3].c}.
 *
 * <p>Names are data, not syntax: a name may hold any characters (dots, spaces, {@code #}, reserved words),
 * because every name is sent through a {@code #} placeholder when rendered. Build a path by parsing
 * ({@link #parse(String)}, names separated by {@code .}, indexes in {@code [n]}), or segment by segment
 * ({@link #attribute(String)}, {@link #key(String)}, {@link #index(int)}) for names that contain
 * {@code .}, {@code [} or {@code ]}.
 *
 * @param segments the segments, the first always a {@link Name}; at most {@value Limits#MAX_NESTING}
 */
public record Path(List<Segment> segments) implements Operand, PathOrValue {

    // Paths are nearly always literals in the caller's code, parsed again on every request: remember the first
    // ones seen (paths are immutable, so one instance serves every caller). Bounded, so that paths built from
    // data cannot make it grow without limit; once full, parsing simply goes on without it.
    private static final int CACHED_PATHS = 1024;
    private static final int CACHED_TEXT = 128;
    private static final ConcurrentHashMap<String, Path> PARSED = new ConcurrentHashMap<>();

    /** One step of a path. */
    public sealed interface Segment permits Name, Index {}

    /**
     * A top-level attribute name or a map key.
     *
     * @param name the name, at least one character
     */
    public record Name(String name) implements Segment {
        /** Checks the name is present and not empty. */
        public Name {
            requireNonNull(name, "name is null");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("attribute name is empty");
            }
        }
    }

    /**
     * A list index.
     *
     * @param index the zero-based index
     */
    public record Index(int index) implements Segment {
        /** Checks the index is not negative. */
        public Index {
            if (index < 0) {
                throw new IllegalArgumentException("list index " + index + " is negative");
            }
        }
    }

    /** Checks the path starts with a name and is at most {@value Limits#MAX_NESTING} segments deep. */
    public Path {
        segments = Checks.copyOf(segments, "segments");
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("path is empty");
        }
        if (!(segments.getFirst() instanceof Name)) {
            throw new IllegalArgumentException("path must start with an attribute name, not " + segments.getFirst());
        }
        if (segments.size() > Limits.MAX_NESTING) {
            throw new IllegalArgumentException(
                    "path has " + segments.size() + " segments; DynamoDB allows at most " + Limits.MAX_NESTING);
        }
    }

    /**
     * {@return a one-segment path naming a top-level attribute verbatim (no parsing: dots are part of the name)}
     *
     * @param name the attribute name, any characters
     */
    public static Path attribute(String name) {
        return new Path(List.of(new Name(name)));
    }

    /**
     * Parses a document path such as {@code a.b[3].c}: names separated by {@code .}, list indexes in {@code [n]}.
     *
     * @param text the path text; names may hold any character but {@code .}, {@code [} and {@code ]}
     * @return the path
     * @throws IllegalArgumentException naming the position (zero-based) of the first error
     */
    public static Path parse(String text) {
        requireNonNull(text, "text is null");
        Path known = PARSED.get(text);
        if (known != null) {
            return known;
        }
        Path parsed = parseText(text);
        if (text.length() <= CACHED_TEXT && PARSED.size() < CACHED_PATHS) {
            PARSED.putIfAbsent(text, parsed);
        }
        return parsed;
    }

    private static Path parseText(String text) {
        if (isPlainName(text)) {
            // The common case, one top-level name: no scanning state, no copy of the text.
            return new Path(List.of(new Name(text)));
        }
        // Segments collect in a small array: most paths have two or three, and List.of keeps one or two inline.
        Segment[] segments = new Segment[4];
        int count = 0;
        int i = 0;
        int n = text.length();
        while (true) {
            // a name
            int start = i;
            while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[' && text.charAt(i) != ']') {
                i++;
            }
            if (i == start) {
                throw error(text, i, count == 0 ? "path must start with an attribute name" : "empty name");
            }
            segments = add(segments, count++, new Name(text.substring(start, i)), text, start);
            // indexes
            while (i < n && text.charAt(i) == '[') {
                int open = i++;
                int digits = i;
                long index = 0;
                while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    index = index * 10 + (text.charAt(i) - '0');
                    if (index > Integer.MAX_VALUE) {
                        throw error(text, digits, "list index is too large");
                    }
                    i++;
                }
                if (i == n) {
                    throw error(text, open, "unclosed '['");
                }
                if (i == digits || text.charAt(i) != ']') {
                    throw error(text, i, "list index must be digits 0-9 followed by ']'");
                }
                i++;
                segments = add(segments, count++, new Index((int) index), text, open);
            }
            if (i == n) {
                break;
            }
            if (text.charAt(i) != '.') {
                throw error(text, i, "expected '.' or '[' after a name or index");
            }
            i++;
            if (i == n) {
                throw error(text, i, "empty name");
            }
        }
        return new Path(switch (count) {
            case 1 -> List.of(segments[0]);
            case 2 -> List.of(segments[0], segments[1]);
            default -> List.of(Arrays.copyOf(segments, count));
        });
    }

    /** {@return whether the text is one non-empty name: no {@code .}, {@code [} or {@code ]}} */
    private static boolean isPlainName(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '[' || c == ']') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return the array with the parsed segment stored at {@code count}}, grown if full; fails at the position
     * of the first segment past {@value Limits#MAX_NESTING}
     */
    private static Segment[] add(Segment[] segments, int count, Segment segment, String text, int position) {
        if (count == Limits.MAX_NESTING) {
            throw error(text, position,
                    "more than " + Limits.MAX_NESTING + " segments; DynamoDB allows at most " + Limits.MAX_NESTING);
        }
        Segment[] out = count == segments.length ? Arrays.copyOf(segments, count * 2) : segments;
        out[count] = segment;
        return out;
    }

    private static IllegalArgumentException error(String text, int position, String problem) {
        String near = position < text.length() ? "'" + text.charAt(position) + "'" : "end of text";
        return new IllegalArgumentException(
                "invalid path \"" + text + "\" at position " + position + " (" + near + "): " + problem);
    }

    /**
     * {@return this path extended by a map key, taken verbatim}
     *
     * @param name the map key, any characters
     */
    public Path key(String name) {
        return append(new Name(name));
    }

    /**
     * {@return this path extended by a list index}
     *
     * @param index the list index, from 0
     */
    public Path index(int index) {
        return append(new Index(index));
    }

    /**
     * {@return this path extended by the segments of the given path}
     *
     * @param tail the path to append; its first name becomes a map key
     */
    public Path resolve(Path tail) {
        requireNonNull(tail, "tail is null");
        List<Segment> all = new ArrayList<>(segments.size() + tail.segments.size());
        all.addAll(segments);
        all.addAll(tail.segments);
        return new Path(all);
    }

    private Path append(Segment segment) {
        List<Segment> all = new ArrayList<>(segments.size() + 1);
        all.addAll(segments);
        all.add(segment);
        return new Path(all);
    }

    /** {@return the top-level attribute name} */
    public String attributeName() {
        return ((Name) segments.getFirst()).name();
    }

    /** {@return whether this path is a single top-level attribute name} */
    public boolean isTopLevel() {
        return segments.size() == 1;
    }

    /**
     * {@return whether this path equals the other or is an ancestor of it ({@code a} of {@code a.b} or {@code a[0]})}
     *
     * @param other the other path
     */
    public boolean isPrefixOf(Path other) {
        requireNonNull(other, "other is null");
        return other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
    }

    /**
     * {@return a readable form for logs and messages, e.g. {@code a.b[3]}}; names holding {@code . [ ]} or
     * blanks are shown in back-quotes. This is not DynamoDB syntax: rendering always uses placeholders.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            switch (s) {
                case Name(String name) -> {
                    if (!sb.isEmpty()) {
                        sb.append('.');
                    }
                    sb.append(plain(name) ? name : "`" + name + "`");
                }
                case Index(int index) -> sb.append('[').append(index).append(']');
            }
        }
        return sb.toString();
    }

    private static boolean plain(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '[' || c == ']' || c == '`' || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }
}
