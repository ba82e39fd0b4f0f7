import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code java release/src/CompareJars.java A B}: explains how two jars that are not byte-identical differ, entry by
 * entry (present in one only, different content, different time or attributes), for release/check-reproducible.
 * Exit 0 if the files are byte-identical, 1 otherwise.
 */
public final class CompareJars {

    public static void main(String[] args) throws IOException {
        Path a = Path.of(args[0]);
        Path b = Path.of(args[1]);
        if (Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b))) {
            return;
        }
        Map<String, String> left = describe(a);
        Map<String, String> right = describe(b);
        var names = new TreeSet<String>(left.keySet());
        names.addAll(right.keySet());
        int shown = 0;
        for (String name : names) {
            String l = left.get(name);
            String r = right.get(name);
            if (l == null || !l.equals(r)) {
                if (shown++ < 20) {
                    System.out.println("    " + name + ": " + (l == null ? "only in the second" : r == null
                            ? "only in the first" : l + "  vs  " + r));
                }
            }
        }
        if (shown == 0) {
            System.out.println("    same entries, same contents and times: the zip structure itself differs");
        } else if (shown > 20) {
            System.out.println("    ... " + (shown - 20) + " more entries differ");
        }
        System.exit(1);
    }

    private static Map<String, String> describe(Path jar) throws IOException {
        var entries = new LinkedHashMap<String, String>();
        try (var zip = new ZipFile(jar.toFile())) {
            for (var e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                byte[] content = zip.getInputStream(entry).readAllBytes();
                entries.put(entry.getName(), "time " + entry.getTime() + ", " + content.length + " bytes, hash "
                        + Arrays.hashCode(content));
            }
        }
        return entries;
    }
}
