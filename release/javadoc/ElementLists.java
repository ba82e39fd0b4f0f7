import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.ModuleElement.ExportsDirective;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import com.sun.source.util.JavacTask;

/**
 * Writes the javadoc {@code element-list} files that the build's {@code -linkoffline} options read, so that
 * javadoc links to the JDK's and the AWS SDK's documentation without reaching the internet.
 *
 * <pre>
 * java ElementLists.java jdk RELEASE OUTPUT_FILE
 *     every module of Java SE/JDK RELEASE (as javac's --release RELEASE sees it) with its unqualified exports,
 *     in the format of https://docs.oracle.com/en/java/javase/RELEASE/docs/api/element-list
 * java ElementLists.java jars OUTPUT_FILE JAR...
 *     every package holding classes in the jars, except packages named internal or thirdparty (the SDK's docs
 *     omit them),
 *     in the format of a documentation set without modules (the SDK's docs are one)
 * </pre>
 *
 * Run by release/javadoc/generate-element-lists; the output is committed.
 */
public final class ElementLists {

    public static void main(String[] args) throws IOException {
        if (args.length >= 3 && args[0].equals("jdk")) {
            write(Path.of(args[2]), jdk(args[1]));
        } else if (args.length >= 3 && args[0].equals("jars")) {
            write(Path.of(args[1]), jars(List.of(args).subList(2, args.length)));
        } else {
            System.err.println("usage: java ElementLists.java jdk RELEASE OUTPUT | jars OUTPUT JAR...");
            System.exit(2);
        }
    }

    private static List<String> jdk(String release) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        // One empty class: the task only resolves every system module of that release, from the JDK's ct.sym.
        var empty = new SimpleJavaFileObject(URI.create("string:///Empty.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return "class Empty {}";
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, null, diagnostic -> { }, // e.g. "using incubating module(s)"
                List.of("--release", release, "--add-modules", "ALL-SYSTEM", "-proc:none"), null, List.of(empty));
        task.analyze();
        var modules = new TreeMap<String, Set<String>>();
        for (ModuleElement module : task.getElements().getAllModuleElements()) {
            if (module.isUnnamed()) {
                continue;
            }
            var packages = new TreeSet<String>();
            for (var directive : module.getDirectives()) {
                if (directive instanceof ExportsDirective exports && exports.getTargetModules() == null) {
                    packages.add(exports.getPackage().getQualifiedName().toString());
                }
            }
            if (!packages.isEmpty()) {
                modules.put(module.getQualifiedName().toString(), packages);
            }
        }
        var lines = new ArrayList<String>();
        modules.forEach((module, packages) -> {
            lines.add("module:" + module);
            lines.addAll(packages);
        });
        return lines;
    }

    private static List<String> jars(List<String> jars) {
        var packages = new TreeSet<String>();
        for (String jar : jars) {
            try (JarFile file = new JarFile(jar)) {
                file.stream().map(ZipEntry::getName)
                        .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/")
                                && !name.endsWith("module-info.class") && name.contains("/"))
                        .map(name -> name.substring(0, name.lastIndexOf('/')).replace('/', '.'))
                        .filter(pkg -> !List.of(pkg.split("\\.")).contains("internal")
                                && !List.of(pkg.split("\\.")).contains("thirdparty"))
                        .forEach(packages::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jar, e);
            }
        }
        return List.copyOf(packages);
    }

    private static void write(Path file, List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            throw new IllegalStateException("no packages found for " + file);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
        System.out.println(file + ": " + lines.size() + " lines");
    }
}
