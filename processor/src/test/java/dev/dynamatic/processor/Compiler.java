package dev.dynamatic.processor;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dynamatic.ast.Ref;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles small sources with the processor through {@code javax.tools}, as a user's build would. */
final class Compiler {

    /** What a compilation gave: whether it succeeded, its errors, and the generated sources by file name. */
    record Result(boolean success, List<String> errors, List<String> warnings, Map<String, String> generated) {
        String generated(String fileName) {
            String source = generated.get(fileName);
            if (source == null) {
                throw new AssertionError(fileName + " was not generated; generated: " + generated.keySet()
                        + ", errors: " + errors);
            }
            return source;
        }

        /** Fails unless the compilation failed with an error containing the text; {@code what} names the case. */
        void assertFailedWith(String error, String what) {
            if (success || errors.stream().noneMatch(e -> e.contains(error))) {
                throw new AssertionError(what + ": expected an error containing <" + error + ">, got " + errors);
            }
        }
    }

    private Compiler() {
    }

    /**
     * {@return the compilation of the sources}, each a class body's full text keyed by its path
     * ({@code "p/Order.java"}), with {@code -Xlint:all} (the tests assert no warnings: {@code -Werror} would hide them)
     */
    static Result compile(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("dynamatic-processor-test");
            Path src = dir.resolve("src");
            Path out = dir.resolve("out");
            Path gen = dir.resolve("gen");
            Files.createDirectories(out);
            Files.createDirectories(gen);
            List<File> files = new ArrayList<>();
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                files.add(file.toFile());
            }
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
                String classPath = location(Ref.class) + File.pathSeparator + location(JsonProperty.class);
                List<String> options = List.of("--release", "21", "-Xlint:all", "-implicit:none",
                        "-classpath", classPath, "-d", out.toString(), "-s", gen.toString());
                JavaCompiler.CompilationTask task = javac.getTask(null, fm, diagnostics, options, null,
                        fm.getJavaFileObjectsFromFiles(files));
                task.setProcessors(List.of(new AttributesProcessor()));
                boolean ok = task.call();
                List<String> errors = new ArrayList<>();
                List<String> warnings = new ArrayList<>();
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    String where = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":"
                            + d.getLineNumber() + ": ";
                    (d.getKind() == Diagnostic.Kind.ERROR ? errors : warnings).add(where + d.getMessage(Locale.ROOT));
                }
                Map<String, String> generated;
                try (Stream<Path> walk = Files.walk(gen)) {
                    generated = walk.filter(Files::isRegularFile).collect(Collectors.toMap(
                            p -> gen.relativize(p).toString().replace(File.separatorChar, '/'), Compiler::read));
                }
                return new Result(ok, errors, warnings, generated);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                delete(dir);
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return where a class is (a jar or a classes directory)}: ast's, and Jackson's annotations */
    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
