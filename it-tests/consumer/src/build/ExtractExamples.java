import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns every ```java block of README.md and docs/*.md into Java source for the consumer check, verbatim, and
 * lists the blocks marked {@code <!-- no-compile -->}; and checks that the consumer project's POM declares its
 * Dynamatic dependencies as README.md's "Install" section says. Run by the consumer project's build
 * (generate-sources): {@code java ExtractExamples.java DOCS_ROOT PRELUDE OUTPUT_DIR PACKAGE CONSUMER_POM}.
 *
 * <p>The conventions (also in the consumer project's pom.xml):
 * <ul>
 * <li>A block's leading {@code import} lines are imports. Every block also gets the imports of the prelude file.
 * <li>The rest is cut into top-level pieces (each ends with a {@code ;} or a {@code }} outside brackets). A piece
 *     that declares a type ({@code record}, {@code class}, {@code interface}, {@code enum}), or a field or method
 *     (it starts with a modifier a local variable cannot have, such as {@code static} or {@code public}, or it is
 *     shaped like a method) becomes a member of the generated class; every other piece, in order, becomes the
 *     body of its {@code run()} method.
 * <li>The generated class extends {@code ExampleContext}, whose fields are the variables a block may use without
 *     declaring them ({@code client}, ...): a block's own declarations shadow them.
 * <li>A block preceded (on its nearest non-blank line) by {@code <!-- no-compile -->} or
 *     {@code <!-- no-compile: reason -->} is not compiled; the build prints the list of such blocks.
 * </ul>
 */
public final class ExtractExamples {

    private static final Pattern FENCE = Pattern.compile("^( {0,3})(`{3,}|~{3,})\\s*([^\\s`]*).*$");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern NO_COMPILE = Pattern.compile("^\\s*<!--\\s*no-compile(?:\\s*:\\s*(.*?))?\\s*-->\\s*$");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*(//.*)?$");
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^((public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                    + "(record|class|interface|enum|@interface)\\s");
    private static final Pattern MEMBER_MODIFIER = Pattern.compile(
            "^((public|protected|private|static|abstract|synchronized|native|transient|volatile|default)\\s+)");
    private static final Pattern METHOD = Pattern.compile(
            "^(<[^>]*>\\s*)?[\\w.$]+(<[^;={}]*>)?(\\[\\])*\\s+\\w+\\s*\\([^;={}]*\\)\\s*(throws\\s+[\\w.,\\s]+)?\\{");
    private static final Pattern STATEMENT_KEYWORD = Pattern.compile(
            "^(return|new|throw|if|for|while|switch|try|do|synchronized|else|yield|case|var|assert)\\b");
    private static final Pattern LEADING_ANNOTATION = Pattern.compile("^@[\\w.]+(\\s*\\([^()]*\\))?\\s*");

    /** A fenced ```java block: where it is, its code, and its no-compile reason if marked. */
    record Block(String file, int line, String heading, List<String> code, String noCompile) {

        String location() {
            return file + ":" + line;
        }

        String className() {
            return file.replaceAll("[^A-Za-z0-9]", "_") + "_L" + line;
        }
    }

    /** One top-level piece of a block. */
    record Piece(int line, List<String> lines, boolean member) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: java ExtractExamples.java DOCS_ROOT PRELUDE OUTPUT_DIR PACKAGE CONSUMER_POM");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        List<String> prelude = Files.readAllLines(Path.of(args[1])).stream()
                .filter(line -> IMPORT.matcher(line).matches()).toList();
        Path out = Path.of(args[2]);
        String pkg = args[3];

        var files = new ArrayList<Path>();
        files.add(root.resolve("README.md"));
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> list = Files.list(docs)) {
                list.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            }
        }
        var blocks = new ArrayList<Block>();
        for (Path file : files) {
            blocks.addAll(blocks(root.relativize(file).toString().replace('\\', '/'), Files.readAllLines(file)));
        }

        Path dir = out.resolve(pkg.replace('.', '/'));
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) { // what an earlier run generated from blocks since moved or gone
            for (Path file : old.filter(p -> p.toString().endsWith(".java")).toList()) {
                Files.delete(file);
            }
        }
        var compiled = new ArrayList<Block>();
        var skipped = new ArrayList<Block>();
        var problems = new ArrayList<String>();
        for (Block block : blocks) {
            if (block.noCompile() != null) {
                skipped.add(block);
                continue;
            }
            try {
                Files.writeString(dir.resolve(block.className() + ".java"), source(pkg, prelude, block));
                compiled.add(block);
            } catch (IllegalArgumentException e) {
                problems.add(block.location() + ": " + e.getMessage());
            }
        }
        Files.writeString(dir.resolve("Examples.java"), index(pkg, compiled));

        System.out.println("[consumer] " + blocks.size() + " java blocks in " + files.stream()
                .map(f -> root.relativize(f).toString()).toList() + ": " + compiled.size() + " compiled, "
                + skipped.size() + " marked no-compile" + (skipped.isEmpty() ? "" : ":"));
        for (Block block : skipped) {
            System.out.println("[consumer]   " + block.location() + " (" + block.heading() + ")"
                    + (block.noCompile().isEmpty() ? "" : ": " + block.noCompile()));
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("[consumer] cannot use the block at " + p));
            System.exit(1);
        }
        List<String> install = Install.check(Files.readAllLines(root.resolve("README.md")), Path.of(args[4]));
        if (!install.isEmpty()) {
            install.forEach(p -> System.err.println("[consumer] " + p));
            System.exit(1);
        }
        if (compiled.isEmpty()) {
            System.err.println("[consumer] no ```java block to compile in " + files);
            System.exit(1);
        }
    }

    // ---- Markdown ----

    static List<Block> blocks(String file, List<String> lines) {
        var blocks = new ArrayList<Block>();
        String heading = "(top)";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher heading1 = HEADING.matcher(line);
            if (heading1.matches()) {
                heading = line.trim();
                continue;
            }
            Matcher fence = FENCE.matcher(line);
            if (!fence.matches()) {
                continue;
            }
            int indent = fence.group(1).length();
            String marker = fence.group(2);
            int end = i + 1;
            while (end < lines.size() && !closes(lines.get(end), marker)) {
                end++;
            }
            if (fence.group(3).toLowerCase(Locale.ROOT).equals("java")) {
                var code = new ArrayList<String>();
                for (String codeLine : lines.subList(i + 1, Math.min(end, lines.size()))) {
                    code.add(stripIndent(codeLine, indent));
                }
                blocks.add(new Block(file, i + 2, heading, code, noCompile(lines, i)));
            }
            i = end;
        }
        return blocks;
    }

    private static boolean closes(String line, String marker) {
        String trimmed = line.strip();
        return trimmed.length() >= marker.length() && trimmed.chars().allMatch(c -> c == marker.charAt(0))
                && line.indexOf(marker.charAt(0)) <= 3;
    }

    private static String stripIndent(String line, int indent) {
        int n = 0;
        while (n < indent && n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return line.substring(n);
    }

    private static String noCompile(List<String> lines, int fenceLine) {
        for (int j = fenceLine - 1; j >= 0; j--) {
            if (!lines.get(j).isBlank()) {
                Matcher m = NO_COMPILE.matcher(lines.get(j));
                return m.matches() ? (m.group(1) == null ? "" : m.group(1)) : null;
            }
        }
        return null;
    }

    // ---- Java ----

    static String source(String pkg, List<String> prelude, Block block) {
        List<String> code = block.code();
        int first = 0;
        var imports = new ArrayList<String>();
        while (first < code.size() && (code.get(first).isBlank() || IMPORT.matcher(code.get(first)).matches())) {
            if (!code.get(first).isBlank()) {
                imports.add(code.get(first).strip());
            }
            first++;
        }
        List<Piece> pieces = pieces(code, first, block.line());
        var out = new StringBuilder();
        out.append("// Generated by it-tests/consumer/src/build/ExtractExamples.java from the ```java block at ")
                .append(block.location()).append("\n// (under \"").append(block.heading())
                .append("\"). Edit the Markdown, not this file.\n");
        out.append("package ").append(pkg).append(";\n\n");
        out.append("// the prelude (it-tests/consumer/src/build/prelude.txt)\n");
        prelude.forEach(line -> out.append(line.strip()).append('\n'));
        if (!imports.isEmpty()) {
            out.append("// the block's own imports\n");
            imports.forEach(line -> out.append(line).append('\n'));
        }
        out.append("\nfinal class ").append(block.className()).append(" extends ExampleContext {\n");
        for (Piece piece : pieces) {
            if (piece.member()) {
                out.append("\n    // ").append(block.file()).append(':').append(piece.line()).append('\n');
                piece.lines().forEach(line -> out.append(line).append('\n'));
            }
        }
        out.append("\n    @Override\n    protected void run() throws Exception {\n");
        for (Piece piece : pieces) {
            if (!piece.member()) {
                out.append("        // ").append(block.file()).append(':').append(piece.line()).append('\n');
                piece.lines().forEach(line -> out.append(line).append('\n'));
            }
        }
        out.append("    }\n}\n");
        return out.toString();
    }

    /** Cuts code into top-level pieces: each ends with ';' or '}' outside brackets, comments and strings. */
    static List<Piece> pieces(List<String> code, int from, int firstLine) {
        var pieces = new ArrayList<Piece>();
        var current = new ArrayList<String>();
        int start = -1;
        var lexer = new Lexer();
        for (int i = from; i < code.size(); i++) {
            String line = code.get(i);
            if (current.isEmpty() && line.isBlank()) {
                continue;
            }
            if (current.isEmpty()) {
                start = i;
            }
            current.add(line);
            char last = lexer.scan(line);
            if (line.strip().startsWith("package ")) {
                throw new IllegalArgumentException("a block may not declare a package");
            }
            if (lexer.depth == 0 && !lexer.inComment && !lexer.inTextBlock && (last == ';' || last == '}')
                    && !continues(code, i + 1)) {
                pieces.add(new Piece(firstLine + start, List.copyOf(current), isMember(current)));
                current.clear();
            }
        }
        if (current.stream().anyMatch(l -> !l.isBlank())) {
            if (lexer.depth != 0 || lexer.inComment || lexer.inTextBlock) {
                throw new IllegalArgumentException("unbalanced brackets, comment or text block at its end");
            }
            pieces.add(new Piece(firstLine + start, List.copyOf(current), isMember(current)));
        }
        return pieces;
    }

    /** {@return whether the next code line continues the piece: else, catch, finally or a chained call} */
    private static boolean continues(List<String> code, int next) {
        for (int i = next; i < code.size(); i++) {
            String line = code.get(i).strip();
            if (!line.isEmpty()) {
                return line.matches("^(else|catch|finally)\\b.*") || line.startsWith(".");
            }
        }
        return false;
    }

    private static boolean isMember(List<String> lines) {
        var text = new StringBuilder();
        boolean inComment = false;
        for (String line : lines) {
            String s = line.strip();
            if (inComment) {
                inComment = !s.contains("*/");
                continue;
            }
            if (text.isEmpty() && (s.isEmpty() || s.startsWith("//"))) {
                continue;
            }
            if (text.isEmpty() && s.startsWith("/*")) {
                inComment = !s.contains("*/");
                continue;
            }
            if (s.startsWith("@")) {
                s = s.replaceFirst("\\s*//.*$", "");   // an annotation line's comment: @Attributes  // ...
            }
            text.append(s).append(' ');
        }
        String declaration = text.toString();
        for (Matcher m = LEADING_ANNOTATION.matcher(declaration); m.lookingAt(); m = LEADING_ANNOTATION.matcher(declaration)) {
            declaration = declaration.substring(m.end());
        }
        return TYPE_DECLARATION.matcher(declaration).lookingAt()
                || MEMBER_MODIFIER.matcher(declaration).lookingAt()
                || (METHOD.matcher(declaration).lookingAt() && !STATEMENT_KEYWORD.matcher(declaration).lookingAt());
    }

    /** Tracks brackets, comments, strings and text blocks across lines. */
    static final class Lexer {
        int depth;
        boolean inComment;
        boolean inTextBlock;

        /** Scans one line; {@return its last significant character outside comments and literals, or 0} */
        char scan(String line) {
            char last = 0;
            int i = 0;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (inComment) {
                    int end = line.indexOf("*/", i);
                    if (end < 0) {
                        return last;
                    }
                    inComment = false;
                    i = end + 2;
                } else if (inTextBlock) {
                    int end = line.indexOf("\"\"\"", i);
                    if (end < 0) {
                        return last;
                    }
                    inTextBlock = false;
                    i = end + 3;
                    last = '"';
                } else if (line.startsWith("//", i)) {
                    return last;
                } else if (line.startsWith("/*", i)) {
                    inComment = true;
                    i += 2;
                } else if (line.startsWith("\"\"\"", i)) {
                    inTextBlock = true;
                    i += 3;
                } else if (c == '"' || c == '\'') {
                    int j = i + 1;
                    while (j < line.length() && line.charAt(j) != c) {
                        j += line.charAt(j) == '\\' ? 2 : 1;
                    }
                    i = j + 1;
                    last = c;
                } else {
                    if (c == '(' || c == '[' || c == '{') {
                        depth++;
                    } else if (c == ')' || c == ']' || c == '}') {
                        depth--;
                    }
                    if (!Character.isWhitespace(c)) {
                        last = c;
                    }
                    i++;
                }
            }
            return last;
        }
    }

    // ---- README's Install section against this project's POM ----

    /** The Maven lines of README.md's "## Install" section, compared with the consumer project's POM. */
    static final class Install {

        /** A dependency as declared: coordinates without the version, and whether a version is written. */
        record Declared(String groupId, String artifactId, String type, String scope, boolean versioned) {
            String name() {
                return artifactId + ("import".equals(scope) ? " (imported BOM)" : "");
            }
        }

        static List<String> check(List<String> readme, Path pom) {
            var problems = new ArrayList<String>();
            var xml = new StringBuilder();
            int start = -1;
            boolean inSection = false;
            for (int i = 0; i < readme.size(); i++) {
                String line = readme.get(i);
                if (line.startsWith("## ")) {
                    inSection = line.substring(3).strip().equals("Install");
                    start = inSection ? i + 1 : start;
                    continue;
                }
                Matcher fence = FENCE.matcher(line);
                if (fence.matches()) {
                    int end = i + 1;
                    while (end < readme.size() && !closes(readme.get(end), fence.group(2))) {
                        end++;
                    }
                    if (inSection && fence.group(3).equals("xml")) {
                        readme.subList(i + 1, Math.min(end, readme.size())).forEach(l -> xml.append(l).append('\n'));
                    }
                    i = end;
                }
            }
            if (start < 0 || xml.isEmpty()) {
                return List.of("README.md has no \"## Install\" section with ```xml blocks: the consumer check"
                        + " follows it to depend on Dynamatic");
            }
            List<Declared> readmeDeps;
            List<Declared> pomDeps;
            try {
                readmeDeps = dependencies(("<install>" + xml + "</install>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                pomDeps = dependencies(Files.readAllBytes(pom));
            } catch (Exception e) {
                return List.of("cannot read the Install section's XML or " + pom + ": " + e);
            }
            for (Declared declared : readmeDeps) {
                if (!pomDeps.contains(declared)) {
                    problems.add("README.md:" + start + " (## Install) declares " + declared + ", but " + pom
                            + " does not: make the consumer check depend on Dynamatic as the README says");
                }
            }
            for (Declared declared : pomDeps) {
                if (declared.groupId().equals("dev.dynamatic") && !declared.artifactId().equals("dynamatic-it-tests")
                        && !readmeDeps.contains(declared)) {
                    problems.add(pom + " declares " + declared + ", which README.md's Install section does not show");
                }
            }
            if (problems.isEmpty()) {
                System.out.println("[consumer] this project depends on Dynamatic as README.md:" + start
                        + " (## Install) says: " + readmeDeps.stream().map(Declared::name).toList());
            }
            return problems;
        }

        private static List<Declared> dependencies(byte[] xml) throws Exception {
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var document = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml));
            var nodes = document.getElementsByTagName("dependency");
            var found = new ArrayList<Declared>();
            for (int i = 0; i < nodes.getLength(); i++) {
                var dependency = (org.w3c.dom.Element) nodes.item(i);
                found.add(new Declared(child(dependency, "groupId", ""), child(dependency, "artifactId", ""),
                        child(dependency, "type", "jar"), child(dependency, "scope", "compile"),
                        !child(dependency, "version", "").isEmpty()));
            }
            return found;
        }

        private static String child(org.w3c.dom.Element parent, String name, String otherwise) {
            for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof org.w3c.dom.Element e && e.getTagName().equals(name)) {
                    return e.getTextContent().strip();
                }
            }
            return otherwise;
        }
    }

    // ---- the index ----

    static String index(String pkg, List<Block> compiled) {
        var out = new StringBuilder();
        out.append("// Generated by it-tests/consumer/src/build/ExtractExamples.java. Edit the Markdown, not this file.\n");
        out.append("package ").append(pkg).append(";\n\n");
        out.append("import java.util.List;\nimport java.util.function.Supplier;\n\n");
        out.append("/** Every compiled ```java block, in document order. */\nfinal class Examples {\n\n");
        out.append("    /** A compiled block: where it is in the Markdown, and how to make one to run. */\n");
        out.append("    record Example(String location, String heading, Supplier<ExampleContext> create) {\n    }\n\n");
        out.append("    static final List<Example> ALL = List.of(");
        for (int i = 0; i < compiled.size(); i++) {
            Block block = compiled.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("            new Example(\"").append(block.location())
                    .append("\", \"").append(block.heading().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\", ").append(block.className()).append("::new)");
        }
        out.append(");\n\n    private Examples() {\n    }\n}\n");
        return out.toString();
    }
}
