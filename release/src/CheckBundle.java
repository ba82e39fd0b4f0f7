import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import com.sun.net.httpserver.HttpServer;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * release/check-bundle's tool, run from source with Bouncy Castle on the class path
 * ({@code java -cp BC_JARS release/src/CheckBundle.java COMMAND ...}):
 *
 * <pre>
 * keygen DIR
 *     a throwaway OpenPGP signing key (RSA 3072): DIR/secret.asc (armored, passphrase-protected), DIR/public.asc,
 *     DIR/passphrase. No gpg binary involved.
 * portal DIR
 *     a stand-in for the Central Portal's upload endpoint on 127.0.0.1 (port written to DIR/port), for the
 *     central-publishing plugin run with -DcentralBaseUrl=http://127.0.0.1:PORT -DwaitUntil=uploaded: it keeps each
 *     uploaded bundle as DIR/bundle-N.zip and its request's query (publishingType, name) as DIR/bundle-N.query, and
 *     answers with a deployment id. Runs until killed. Nothing leaves the machine.
 * settings USER_SETTINGS OUT
 *     writes OUT: USER_SETTINGS (if that file exists) plus a server "central" with placeholder credentials if it has
 *     none, because the central-publishing plugin wants the server's credentials even when it does not upload.
 * check BUNDLE PUBLIC_KEY ROOT
 *     checks a Central Portal bundle (the zip the central-publishing plugin writes) against the source tree at ROOT:
 *     every published module (ROOT's POM and each module whose POM does not set maven.deploy.skip) has its POM and,
 *     unless it is a POM, its jar, sources jar and javadoc jar, each well-formed; every one of those files has an
 *     .asc signature that verifies with PUBLIC_KEY and .md5/.sha1 checksums that match (.sha256/.sha512 too where
 *     present); every POM has, itself or through its parent in the bundle, the metadata Central requires (name,
 *     description, url, licenses, developers, scm connection/developerConnection/url, issueManagement) and no
 *     SNAPSHOT; a BOM (artifactId ending in -bom) has no parent and manages exactly the published jars; nothing
 *     else is in the bundle (no unpublished module). Exit 1 listing every problem.
 * negative BUNDLE PUBLIC_KEY ROOT
 *     breaks copies of the bundle in known ways (a javadoc jar removed, a sources jar removed, a signature removed,
 *     a checksum removed, a jar changed after signing, scm removed from the parent POM, an unpublished module added,
 *     a module left out of the BOM) and checks that `check` rejects each for the expected reason. Exit 1 if one
 *     passes.
 * </pre>
 */
public final class CheckBundle {

    private static final List<String> CHECKSUMS = List.of("md5", "sha1", "sha256", "sha512");
    private static final List<String> REQUIRED_CHECKSUMS = List.of("md5", "sha1");

    public static void main(String[] args) throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        if (args.length == 2 && args[0].equals("keygen")) {
            keygen(Path.of(args[1]));
        } else if (args.length == 2 && args[0].equals("portal")) {
            portal(Path.of(args[1]));
        } else if (args.length == 3 && args[0].equals("settings")) {
            settings(Path.of(args[1]), Path.of(args[2]));
        } else if (args.length == 4 && args[0].equals("check")) {
            Bundle bundle = Bundle.read(Path.of(args[1]));
            List<String> problems = check(bundle, Files.readAllBytes(Path.of(args[2])), Tree.read(Path.of(args[3])));
            if (!problems.isEmpty()) {
                System.out.println("check-bundle: " + Path.of(args[1]) + " is NOT publishable ("
                        + (problems.size() == 1 ? "1 problem" : problems.size() + " problems") + "):");
                problems.forEach(p -> System.out.println("  - " + p));
                System.exit(1);
            }
            System.out.println("check-bundle: " + Path.of(args[1]) + " is complete: " + bundle.summary());
        } else if (args.length == 4 && args[0].equals("negative")) {
            System.exit(negative(Bundle.read(Path.of(args[1])), Files.readAllBytes(Path.of(args[2])),
                    Tree.read(Path.of(args[3]))) ? 0 : 1);
        } else {
            System.err.println("usage: CheckBundle keygen DIR | portal DIR | settings USER_SETTINGS OUT"
                    + " | check BUNDLE PUBLIC_KEY ROOT"
                    + " | negative BUNDLE PUBLIC_KEY ROOT");
            System.exit(2);
        }
    }

    // ---- the source tree: what must be published, and what must not ----

    /** A module of the source tree. */
    record Module(String groupId, String artifactId, String version, String packaging, boolean published) {

        String directory() {
            return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/";
        }

        String file(String classifierAndExtension) {
            return directory() + artifactId + "-" + version + classifierAndExtension;
        }

        boolean isJar() {
            return packaging.equals("jar");
        }
    }

    /** The modules of the reactor at a root directory (every module the root or one of its profiles lists). */
    record Tree(String groupId, String version, List<Module> modules) {

        static Tree read(Path root) throws Exception {
            Element project = parse(Files.readAllBytes(root.resolve("pom.xml")));
            String groupId = text(project, "groupId").orElseThrow();
            String version = text(project, "version").orElseThrow();
            List<Module> modules = new ArrayList<>();
            modules.add(module(project, groupId, version));
            var names = new TreeSet<String>(children(project, "modules", "module"));
            for (Element profile : elements(project, "profiles", "profile")) {
                names.addAll(children(profile, "modules", "module"));
            }
            for (String name : names) {
                modules.add(module(parse(Files.readAllBytes(root.resolve(name).resolve("pom.xml"))), groupId, version));
            }
            return new Tree(groupId, version, List.copyOf(modules));
        }

        private static Module module(Element project, String groupId, String version) {
            boolean skipDeploy = text(project, "properties", "maven.deploy.skip").map(Boolean::parseBoolean).orElse(false);
            return new Module(text(project, "groupId").orElse(groupId), text(project, "artifactId").orElseThrow(),
                    text(project, "version").orElse(version), text(project, "packaging").orElse("jar"), !skipDeploy);
        }

        List<Module> published() {
            return modules.stream().filter(Module::published).toList();
        }
    }

    // ---- the bundle ----

    /** The files of a bundle, by path. */
    record Bundle(Map<String, byte[]> files) {

        static Bundle read(Path zip) throws IOException {
            var files = new TreeMap<String, byte[]>();
            try (var in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    if (!entry.isDirectory()) {
                        files.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
            return new Bundle(files);
        }

        Bundle without(String... paths) {
            var copy = new TreeMap<>(files);
            for (String path : paths) {
                if (copy.remove(path) == null) {
                    throw new IllegalStateException("the bundle has no " + path + " to remove");
                }
            }
            return new Bundle(copy);
        }

        Bundle with(String path, byte[] content) {
            var copy = new TreeMap<>(files);
            copy.put(path, content);
            return new Bundle(copy);
        }

        Bundle changed(String path, UnaryOperator<byte[]> change) {
            byte[] content = files.get(path);
            if (content == null) {
                throw new IllegalStateException("the bundle has no " + path + " to change");
            }
            return with(path, change.apply(content.clone()));
        }

        String summary() {
            long artifacts = files.keySet().stream().filter(p -> p.endsWith(".pom")).count();
            return artifacts + " modules, " + files.size() + " files, every signature and checksum verified";
        }
    }

    // ---- the check ----

    static List<String> check(Bundle bundle, byte[] publicKey, Tree tree) throws Exception {
        var problems = new ArrayList<String>();
        PGPPublicKeyRingCollection keys = new PGPPublicKeyRingCollection(
                PGPUtil.getDecoderStream(new ByteArrayInputStream(publicKey)), new JcaKeyFingerprintCalculator());
        if (tree.version().endsWith("-SNAPSHOT")) {
            problems.add("version " + tree.version() + " is a SNAPSHOT: Central takes releases only");
        }
        Set<String> expected = new TreeSet<>();
        Map<String, Element> poms = new LinkedHashMap<>();
        for (Module module : tree.published()) {
            var required = new ArrayList<String>();
            required.add(module.file(".pom"));
            if (module.isJar()) {
                required.addAll(List.of(module.file(".jar"), module.file("-sources.jar"), module.file("-javadoc.jar")));
            }
            for (String file : required) {
                expected.add(file);
                expected.add(file + ".asc");
                CHECKSUMS.forEach(algorithm -> expected.add(file + "." + algorithm));
                byte[] content = bundle.files().get(file);
                if (content == null) {
                    problems.add(module.artifactId() + ": " + kind(file) + " missing (" + file + ")");
                    continue;
                }
                verifySignature(bundle, file, content, keys, problems);
                for (String algorithm : CHECKSUMS) {
                    byte[] sum = bundle.files().get(file + "." + algorithm);
                    if (sum == null) {
                        if (REQUIRED_CHECKSUMS.contains(algorithm)) {
                            problems.add(file + ": no ." + algorithm + " checksum");
                        }
                    } else if (!new String(sum, StandardCharsets.US_ASCII).trim().toLowerCase()
                            .startsWith(digest(algorithm, content))) {
                        problems.add(file + ": ." + algorithm + " checksum does not match the file");
                    }
                }
                if (file.endsWith(".pom")) {
                    try {
                        poms.put(module.artifactId(), parse(content));
                    } catch (Exception e) {
                        problems.add(file + ": not a well-formed POM (" + e.getMessage() + ")");
                    }
                } else {
                    checkJar(file, content, problems);
                }
            }
        }
        poms.forEach((artifactId, pom) -> checkPom(tree, artifactId, pom, poms, problems));
        for (String path : bundle.files().keySet()) {
            if (!expected.contains(path)) {
                Optional<Module> unpublished = tree.modules().stream()
                        .filter(m -> !m.published() && path.startsWith(m.directory())).findFirst();
                problems.add(unpublished.map(m -> m.artifactId() + " is not published, but the bundle has " + path)
                        .orElse("unexpected file in the bundle: " + path));
            }
        }
        return problems;
    }

    private static String kind(String file) {
        if (file.endsWith("-sources.jar")) {
            return "sources jar";
        }
        if (file.endsWith("-javadoc.jar")) {
            return "javadoc jar";
        }
        return file.endsWith(".pom") ? "POM" : "jar";
    }

    private static void verifySignature(Bundle bundle, String file, byte[] content, PGPPublicKeyRingCollection keys,
                                        List<String> problems) {
        byte[] asc = bundle.files().get(file + ".asc");
        if (asc == null) {
            problems.add(file + ": no .asc signature");
            return;
        }
        try {
            var factory = new JcaPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(asc)));
            Object object = factory.nextObject();
            if (object instanceof PGPCompressedData compressed) {
                object = new JcaPGPObjectFactory(compressed.getDataStream()).nextObject();
            }
            if (!(object instanceof PGPSignatureList signatures) || signatures.isEmpty()) {
                problems.add(file + ".asc: not an OpenPGP signature");
                return;
            }
            PGPSignature signature = signatures.get(0);
            PGPPublicKey key = keys.getPublicKey(signature.getKeyID());
            if (key == null) {
                problems.add(file + ".asc: signed by key " + Long.toHexString(signature.getKeyID())
                        + ", not the expected key");
                return;
            }
            signature.init(new JcaPGPContentVerifierBuilderProvider().setProvider("BC"), key);
            signature.update(content);
            if (!signature.verify()) {
                problems.add(file + ".asc: signature does not verify (the file changed after signing)");
            }
        } catch (IOException | PGPException | RuntimeException e) {
            problems.add(file + ".asc: unreadable signature (" + e + ")");
        }
    }

    private static void checkJar(String file, byte[] content, List<String> problems) {
        var names = new ArrayList<String>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(content))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        } catch (IOException e) {
            problems.add(file + ": not a readable jar (" + e.getMessage() + ")");
            return;
        }
        String needed = switch (kind(file)) {
            case "sources jar" -> ".java";
            case "javadoc jar" -> "index.html";
            default -> ".class";
        };
        if (names.stream().noneMatch(name -> name.endsWith(needed))) {
            problems.add(file + ": a " + kind(file) + " without any " + needed + " entry");
        }
    }

    private static void checkPom(Tree tree, String artifactId, Element pom, Map<String, Element> poms,
                                 List<String> problems) {
        String where = artifactId + " POM";
        Optional<Element> parent = first(pom, "parent").flatMap(p -> text(p, "artifactId")).map(poms::get);
        if (first(pom, "parent").isPresent() && parent.isEmpty()) {
            problems.add(where + ": its parent " + text(pom, "parent", "artifactId").orElse("?")
                    + " is not in the bundle");
        }
        if (!text(pom, "artifactId").orElse("").equals(artifactId)) {
            problems.add(where + ": artifactId is " + text(pom, "artifactId").orElse("missing"));
        }
        String groupId = text(pom, "groupId").or(() -> text(pom, "parent", "groupId")).orElse("");
        String version = text(pom, "version").or(() -> text(pom, "parent", "version")).orElse("");
        if (!groupId.equals(tree.groupId()) || !version.equals(tree.version())) {
            problems.add(where + ": coordinates " + groupId + ":" + artifactId + ":" + version + ", expected "
                    + tree.groupId() + ":" + artifactId + ":" + tree.version());
        }
        for (List<String> required : List.of(List.of("name"), List.of("description"), List.of("url"),
                List.of("licenses", "license", "name"), List.of("licenses", "license", "url"),
                List.of("developers", "developer", "name"), List.of("scm", "connection"),
                List.of("scm", "developerConnection"), List.of("scm", "url"), List.of("issueManagement", "url"))) {
            String[] path = required.toArray(String[]::new);
            // Inherited elements count: Central reads the effective POM, with the parent from the same bundle.
            if (text(pom, path).or(() -> parent.flatMap(p -> text(p, path))).isEmpty()) {
                problems.add(where + ": " + String.join("/", required) + " missing (Central requires it)");
            }
        }
        if (serialize(pom).contains("-SNAPSHOT")) {
            problems.add(where + ": names a SNAPSHOT version");
        }
        if (artifactId.endsWith("-bom")) {
            if (first(pom, "parent").isPresent()) {
                problems.add(where + ": a BOM must have no parent (its dependencyManagement would reach users)");
            }
            var managed = new TreeSet<String>();
            for (Element dependency : elements(pom, "dependencyManagement", "dependencies", "dependency")) {
                managed.add(text(dependency, "groupId").orElse("?") + ":" + text(dependency, "artifactId").orElse("?")
                        + ":" + text(dependency, "version").orElse("?").replace("${project.version}", version));
            }
            var jars = new TreeSet<String>();
            tree.published().stream().filter(Module::isJar)
                    .forEach(m -> jars.add(m.groupId() + ":" + m.artifactId() + ":" + m.version()));
            for (String jar : jars) {
                if (!managed.contains(jar)) {
                    problems.add(where + ": the BOM does not list the published module " + jar);
                }
            }
            for (String entry : managed) {
                if (!jars.contains(entry)) {
                    problems.add(where + ": the BOM lists " + entry + ", which is not a published module");
                }
            }
        }
    }

    // ---- negative checks: a broken bundle must be rejected, for the right reason ----

    static boolean negative(Bundle good, byte[] publicKey, Tree tree) throws Exception {
        List<String> problems = check(good, publicKey, tree);
        if (!problems.isEmpty()) {
            System.out.println("check-bundle negative checks: the bundle itself does not pass: " + problems);
            return false;
        }
        List<Module> jars = tree.published().stream().filter(Module::isJar).toList();
        Module first = jars.getFirst();
        Module last = jars.getLast();
        Module bom = tree.published().stream().filter(m -> m.artifactId().endsWith("-bom")).findFirst().orElseThrow();
        Module unpublished = tree.modules().stream().filter(m -> !m.published()).findFirst().orElseThrow();
        String javadoc = last.file("-javadoc.jar");
        String sources = first.file("-sources.jar");
        String jar = first.file(".jar");
        var cases = new LinkedHashMap<String, Broken>();
        cases.put("javadoc jar of " + last.artifactId() + " removed", new Broken(
                good.without(javadoc, javadoc + ".asc", javadoc + ".md5", javadoc + ".sha1", javadoc + ".sha256",
                        javadoc + ".sha512"),
                last.artifactId() + ": javadoc jar missing"));
        cases.put("sources jar of " + first.artifactId() + " removed (its signature and checksums left)",
                new Broken(good.without(sources), first.artifactId() + ": sources jar missing"));
        cases.put("signature of " + bom.file(".pom") + " removed",
                new Broken(good.without(bom.file(".pom") + ".asc"), bom.file(".pom") + ": no .asc signature"));
        cases.put("sha1 checksum of " + jar + " removed",
                new Broken(good.without(jar + ".sha1"), jar + ": no .sha1 checksum"));
        cases.put(jar + " changed after signing", new Broken(good.changed(jar, bytes -> {
            bytes[bytes.length / 2] ^= 1;
            return bytes;
        }), jar + ".asc: signature does not verify"));
        Module parent = tree.published().getFirst(); // the root: the other modules inherit its metadata
        cases.put("scm removed from the " + parent.artifactId() + " POM, which " + last.artifactId() + " inherits",
                new Broken(good.changed(parent.file(".pom"), CheckBundle::withoutScm),
                        last.artifactId() + " POM: scm/connection missing"));
        cases.put(unpublished.artifactId() + " added", new Broken(
                good.with(unpublished.file(".jar"), new byte[] {'P', 'K', 5, 6}), unpublished.artifactId() + " is not published"));
        cases.put(last.artifactId() + " left out of the BOM", new Broken(
                good.changed(bom.file(".pom"), pom -> withoutManaged(pom, last.artifactId())),
                "the BOM does not list the published module " + last.groupId() + ":" + last.artifactId()));
        boolean allRejected = true;
        for (var entry : cases.entrySet()) {
            List<String> found = check(entry.getValue().bundle(), publicKey, tree);
            Optional<String> reason = found.stream().filter(p -> p.contains(entry.getValue().expected())).findFirst();
            if (reason.isPresent()) {
                System.out.println("  rejected, as it must be: " + entry.getKey() + "  ->  " + reason.get());
            } else {
                allRejected = false;
                System.out.println("  NOT REJECTED for the expected reason: " + entry.getKey() + " (expected \""
                        + entry.getValue().expected() + "\", found " + found + ")");
            }
        }
        System.out.println("check-bundle negative checks: " + (allRejected ? "all " + cases.size()
                + " broken bundles rejected" : "a broken bundle was accepted"));
        return allRejected;
    }

    record Broken(Bundle bundle, String expected) {
    }

    private static byte[] withoutScm(byte[] pom) {
        return edit(pom, project -> first(project, "scm").ifPresent(scm -> scm.getParentNode().removeChild(scm)));
    }

    private static byte[] withoutManaged(byte[] pom, String artifactId) {
        return edit(pom, project -> elements(project, "dependencyManagement", "dependencies", "dependency").stream()
                .filter(d -> text(d, "artifactId").orElse("").equals(artifactId))
                .forEach(d -> d.getParentNode().removeChild(d)));
    }

    private static byte[] edit(byte[] pom, java.util.function.Consumer<Element> edit) {
        try {
            Element project = parse(pom);
            edit.accept(project);
            return serialize(project).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- a throwaway key ----

    static void keygen(Path directory) throws Exception {
        Files.createDirectories(directory);
        var random = new SecureRandom();
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        char[] passphrase = Base64.getUrlEncoder().withoutPadding().encodeToString(secret).toCharArray();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", "BC");
        rsa.initialize(3072, random);
        var pair = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL,
                rsa.generateKeyPair(), new Date());
        PGPDigestCalculator sha1 = new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
        var flags = new PGPSignatureSubpacketGenerator();
        flags.setKeyFlags(false, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
        var generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair,
                "Dynamatic check-bundle throwaway key <check-bundle@invalid>", sha1, flags.generate(), null,
                new JcaPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256)
                        .setProvider("BC"),
                new JcePBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha1).setProvider("BC")
                        .build(passphrase));
        writeArmored(directory.resolve("secret.asc"), out -> generator.generateSecretKeyRing().encode(out));
        writeArmored(directory.resolve("public.asc"), out -> generator.generatePublicKeyRing().encode(out));
        Files.writeString(directory.resolve("passphrase"), new String(passphrase));
        System.out.println("check-bundle: throwaway signing key " + HexFormat.of().withUpperCase()
                .formatHex(pair.getPublicKey().getFingerprint()) + " in " + directory);
    }

    interface Encoder {
        void encode(OutputStream out) throws IOException;
    }

    private static void writeArmored(Path file, Encoder encoder) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var armored = new ArmoredOutputStream(bytes)) {
            encoder.encode(armored);
        }
        Files.write(file, bytes.toByteArray());
    }

    // ---- a stand-in for the Portal's upload endpoint ----

    static void portal(Path directory) throws IOException {
        Files.createDirectories(directory);
        var uploads = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/publisher/upload", exchange -> {
            try (exchange) {
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                byte[] body = exchange.getRequestBody().readAllBytes();
                byte[] bundle = contentType == null ? null : multipartPart(body, contentType, "bundle");
                if (!exchange.getRequestMethod().equals("POST") || bundle == null) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                int n = uploads.incrementAndGet();
                Files.write(directory.resolve("bundle-" + n + ".zip"), bundle);
                String query = exchange.getRequestURI().getRawQuery();
                Files.writeString(directory.resolve("bundle-" + n + ".query"), query == null ? "" : query);
                byte[] id = ("check-bundle-deployment-" + n).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(201, id.length);
                exchange.getResponseBody().write(id);
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(404, -1);
            }
        });
        server.start();
        Files.writeString(directory.resolve("port"), Integer.toString(server.getAddress().getPort()));
    }

    /** {@return the content of the multipart/form-data part named {@code name}, or null} */
    static byte[] multipartPart(byte[] body, String contentType, String name) {
        var boundaryMatch = java.util.regex.Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
        if (!boundaryMatch.find()) {
            return null;
        }
        byte[] delimiter = ("--" + boundaryMatch.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        byte[] headerEnd = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int start = indexOf(body, delimiter, 0); start >= 0; ) {
            int headersStart = start + delimiter.length;
            int contentStart = indexOf(body, headerEnd, headersStart);
            if (contentStart < 0) {
                return null;
            }
            String headers = new String(body, headersStart, contentStart - headersStart, StandardCharsets.ISO_8859_1);
            contentStart += headerEnd.length;
            int next = indexOf(body, delimiter, contentStart);
            if (next < 0) {
                return null;
            }
            if (headers.contains("name=\"" + name + "\"")) {
                return java.util.Arrays.copyOfRange(body, contentStart, next - 2); // the CRLF before the delimiter
            }
            start = next;
        }
        return null;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ---- Maven settings with a server for the publishing plugin ----

    static void settings(Path userSettings, Path out) throws Exception {
        Element settings = Files.isRegularFile(userSettings) ? parse(Files.readAllBytes(userSettings))
                : parse("<settings/>".getBytes(StandardCharsets.UTF_8));
        boolean hasCentral = elements(settings, "servers", "server").stream()
                .anyMatch(server -> text(server, "id").orElse("").equals("central"));
        if (!hasCentral) {
            Document document = settings.getOwnerDocument();
            Element servers = first(settings, "servers").orElseGet(() -> {
                Element created = document.createElement("servers");
                settings.appendChild(created);
                return created;
            });
            Element server = document.createElement("server");
            for (String[] field : new String[][] {{"id", "central"}, {"username", "check-bundle"},
                    {"password", "check-bundle-uploads-nothing"}}) {
                Element child = document.createElement(field[0]);
                child.setTextContent(field[1]);
                server.appendChild(child);
            }
            servers.appendChild(server);
        }
        Files.writeString(out, serialize(settings));
    }

    // ---- small helpers ----

    private static String digest(String algorithm, byte[] content) throws NoSuchAlgorithmException {
        String name = switch (algorithm) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> throw new IllegalArgumentException(algorithm);
        };
        return HexFormat.of().formatHex(MessageDigest.getInstance(name).digest(content));
    }

    private static Element parse(byte[] xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = new ByteArrayInputStream(xml)) {
            Document document = factory.newDocumentBuilder().parse(in);
            return document.getDocumentElement();
        }
    }

    private static String serialize(Element element) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            var out = new java.io.StringWriter();
            transformer.transform(new DOMSource(element.getOwnerDocument()), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Element> first(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    private static List<Element> elements(Element parent, String... path) {
        List<Element> current = List.of(parent);
        for (String name : path) {
            var next = new ArrayList<Element>();
            for (Element element : current) {
                for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node instanceof Element child && child.getTagName().equals(name)) {
                        next.add(child);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private static List<String> children(Element parent, String... path) {
        return elements(parent, path).stream().map(e -> e.getTextContent().trim()).toList();
    }

    private static Optional<String> text(Element parent, String... path) {
        return elements(parent, path).stream().map(e -> e.getTextContent().trim()).filter(t -> !t.isEmpty())
                .findFirst();
    }
}
