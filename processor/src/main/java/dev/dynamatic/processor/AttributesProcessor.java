package dev.dynamatic.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import dev.dynamatic.ast.JavaTypes;
import dev.dynamatic.ast.Value;
import org.jspecify.annotations.Nullable;

/**
 * Generates typed attribute references for each record annotated {@code @Attributes}: a class named after the
 * record with the suffix {@code Attributes}, a top-level class in the record's package (for a nested record too),
 * with one reference per component.
 *
 * <p>Rules:
 * <ul>
 * <li>A component's attribute name is its {@code @Attribute} name, else its own name. Its reference type comes from
 *     ast's {@code JavaTypes} table, the one {@code RecordCodec} uses: {@code StringRef} (String, enums, UUID,
 *     Instant), {@code NumberRef} (numbers), {@code BinaryRef} ({@code Bytes}, {@code byte[]}), {@code BooleanRef},
 *     {@code ListRef} ({@code List<X>}), {@code MapRef} ({@code Map<String, X>}), {@code SetRef} (a set of strings,
 *     numbers or {@code Bytes}); {@code Optional<X>} is X; a record component must be annotated {@code @Attributes}
 *     too, and is referenced through its class's {@code Nested}.</li>
 * <li>A nested record is referenced by instances bound to the path holding it ({@code OrderAttributes.shipping.city});
 *     where a record reaches itself again, that component is a method made on first use, so no chain is infinite.</li>
 * <li>Generic records are rejected: a type variable has no DynamoDB type (declare a record per use). Components of
 *     other types ({@code Object}, {@code Value}, {@code Item}) are rejected too: they have no fixed type.</li>
 * <li>Two components under one attribute name, an empty {@code @Attribute}, a component named like a type the
 *     generated class uses ({@code Path}, {@code String}, {@code Nested}, ...) or, for a recursive component, like a
 *     method of {@code RecordRef} ({@code path}, {@code type}, ...) are errors naming the component.</li>
 * </ul>
 *
 * <p>The processor is isolating (each generated file has one originating record) and registered both in
 * {@code META-INF/services} and, for the module path, with {@code provides} in its module descriptor.
 */
public final class AttributesProcessor extends AbstractProcessor {

    private static final String ATTRIBUTES = "dev.dynamatic.ast.Attributes";
    private static final String ATTRIBUTE = "dev.dynamatic.ast.Attribute";
    private static final Set<String> REF_METHODS = Set.of("path", "javaType", "type", "component", "toString",
            "hashCode", "equals", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");

    private @Nullable Elements elements;
    private @Nullable Types types;
    private @Nullable Messager messager;
    private @Nullable Filer filer;

    /** Makes the processor; the compiler calls this. */
    public AttributesProcessor() {
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        elements = env.getElementUtils();
        types = env.getTypeUtils();
        messager = env.getMessager();
        filer = env.getFiler();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        // @Attribute too: it is read here, and an unclaimed annotation is a warning under -Xlint:processing
        return Set.of(ATTRIBUTES, ATTRIBUTE);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement annotation = elements().getTypeElement(ATTRIBUTES);
        if (annotation == null) {
            return false;
        }
        for (Element e : round.getElementsAnnotatedWith(annotation)) {
            if (e.getKind() != ElementKind.RECORD) {
                error(e, "@Attributes is for records; " + e.getSimpleName() + " is a " + e.getKind().toString()
                        .toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                continue;
            }
            new Generation((TypeElement) e).run();
        }
        return true;
    }

    private Elements elements() {
        return java.util.Objects.requireNonNull(elements, "not initialised");
    }

    private Types types() {
        return java.util.Objects.requireNonNull(types, "not initialised");
    }

    private void error(Element where, String message) {
        java.util.Objects.requireNonNull(messager, "not initialised").printMessage(Diagnostic.Kind.ERROR, message, where);
    }

    /**
     * {@return the simple name of the class generated for a record}: the record's simple name and
     * {@code Attributes}, a top-level class of its package even for a nested record (two records of one simple
     * name in a package are an error naming the class)
     */
    private static String companionName(TypeElement record) {
        return record.getSimpleName() + "Attributes";
    }

    private String packageName(TypeElement record) {
        return elements().getPackageOf(record).getQualifiedName().toString();
    }

    /** {@return the companion's name as code in the package of the class being generated} */
    private String companionRef(TypeElement record, String fromPackage) {
        String pkg = packageName(record);
        return pkg.equals(fromPackage) || pkg.isEmpty() ? companionName(record) : pkg + "." + companionName(record);
    }

    private static boolean hasAnnotation(Element e, String name) {
        for (AnnotationMirror m : e.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable String attributeValue(Element e) {
        for (AnnotationMirror m : e.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(ATTRIBUTE)) {
                for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> v
                        : m.getElementValues().entrySet()) {
                    return String.valueOf(v.getValue().getValue());
                }
            }
        }
        return null;
    }

    /** A record type reached directly (or through {@code Optional}) by a component, or null. */
    private @Nullable TypeElement directRecord(TypeMirror t) {
        if (t instanceof DeclaredType d && d.asElement() instanceof TypeElement te) {
            if (te.getQualifiedName().contentEquals("java.util.Optional") && d.getTypeArguments().size() == 1) {
                return directRecord(d.getTypeArguments().getFirst());
            }
            return te.getKind() == ElementKind.RECORD ? te : null;
        }
        return null;
    }

    /** {@return whether the record reaches the target through record components held directly} */
    private boolean reaches(TypeElement from, TypeElement target, Set<TypeElement> seen) {
        for (RecordComponentElement c : from.getRecordComponents()) {
            TypeElement r = directRecord(c.asType());
            if (r != null && (r.equals(target) || (seen.add(r) && reaches(r, target, seen)))) {
                return true;
            }
        }
        return false;
    }

    /** A component's reference: its Java type as code, and its initialiser with {@code $PATH$} for the path. */
    private record RefCode(String type, String init) {
        String at(String path) {
            return init.replace("$PATH$", path);
        }
    }

    /** The generation of one record's class. */
    private final class Generation {
        private final TypeElement record;
        private final String pkg;
        private final String name;
        private final Set<String> leading = new HashSet<>(Set.of("Path", "RecordRef", "Nested"));
        private boolean failed;

        Generation(TypeElement record) {
            this.record = record;
            this.pkg = packageName(record);
            this.name = companionName(record);
            String qn = record.getQualifiedName().toString();
            leading.add(qn.contains(".") ? qn.substring(0, qn.indexOf('.')) : qn);
        }

        void run() {
            if (!record.getTypeParameters().isEmpty()) {
                error(record, "@Attributes record " + record.getSimpleName() + " is generic: a type variable has no"
                        + " DynamoDB type; declare a record with concrete component types");
                return;
            }
            for (Element e = record; e instanceof TypeElement t; e = t.getEnclosingElement()) {
                if (t.getModifiers().contains(Modifier.PRIVATE)) {
                    error(record, "@Attributes record " + record.getSimpleName() + " is private (or inside a private"
                            + " type): the generated " + name + " could not name it");
                    return;
                }
            }
            List<Component> components = new ArrayList<>();
            Map<String, String> byAttribute = new HashMap<>();
            for (RecordComponentElement c : record.getRecordComponents()) {
                String field = c.getSimpleName().toString();
                String attribute = attributeValue(c);
                if (attribute != null && attribute.isEmpty()) {
                    error(c, "@Attribute on " + record.getSimpleName() + "." + field + " names an empty attribute name");
                    failed = true;
                    continue;
                }
                String attr = attribute == null ? field : attribute;
                String other = byAttribute.putIfAbsent(attr, field);
                if (other != null) {
                    error(c, "components " + other + " and " + field + " of " + record.getSimpleName()
                            + " are both stored as attribute " + attr);
                    failed = true;
                    continue;
                }
                RefCode ref = ref(c.asType(), c, 0);
                if (ref == null) {
                    failed = true;
                    continue;
                }
                TypeElement nested = directRecord(c.asType());
                boolean lazy = nested != null && (nested.equals(record) || reaches(nested, record, new HashSet<>()));
                if (lazy && REF_METHODS.contains(field)) {
                    error(c, "component " + field + " of " + record.getSimpleName() + " holds a record that reaches "
                            + record.getSimpleName() + " again, so its reference is a method " + field
                            + "(), which would clash with RecordRef's " + field + "(); rename the component (and"
                            + " keep its attribute name with @Attribute(\"" + field + "\"))");
                    failed = true;
                    continue;
                }
                components.add(new Component(c, field, attr, ref, lazy));
            }
            for (Component c : components) {
                if (leading.contains(c.field)) {
                    error(c.element, "component " + c.field + " of " + record.getSimpleName() + " would hide the"
                            + " name " + c.field + " that the generated " + name + " uses; rename the component (and"
                            + " keep its attribute name with @Attribute(\"" + c.attribute + "\"))");
                    failed = true;
                }
            }
            if (failed) {
                return;
            }
            String qualified = pkg.isEmpty() ? name : pkg + "." + name;
            try (Writer w = java.util.Objects.requireNonNull(filer, "not initialised")
                    .createSourceFile(qualified, record).openWriter()) {
                w.write(source(components));
            } catch (FilerException e) {
                error(record, "cannot generate " + qualified + " for @Attributes record " + record.getSimpleName()
                        + ": a type of that name already exists (another record " + record.getSimpleName()
                        + " in package " + pkg + "? rename one): " + e.getMessage());
            } catch (IOException e) {
                error(record, "cannot write " + qualified + ": " + e);
            }
        }

        private record Component(RecordComponentElement element, String field, String attribute, RefCode ref,
                                 boolean lazy) {}

        /** {@return the reference code for a type, or null after reporting why there is none} */
        private @Nullable RefCode ref(TypeMirror t, Element where, int depth) {
            switch (t.getKind()) {
                case BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, CHAR -> {
                    return scalar(t.toString(), box(t), where, t);
                }
                case ARRAY -> {
                    if (((ArrayType) t).getComponentType().getKind() == TypeKind.BYTE) {
                        return new RefCode("BinaryRef", "new BinaryRef($PATH$, byte[].class)");
                    }
                    return unsupported(where, t, "declare List<X> instead of an array");
                }
                case DECLARED -> {
                    DeclaredType d = (DeclaredType) t;
                    TypeElement te = (TypeElement) d.asElement();
                    String qn = te.getQualifiedName().toString();
                    List<? extends TypeMirror> args = d.getTypeArguments();
                    if (te.getKind() == ElementKind.ENUM) {
                        String type = code(t);
                        return new RefCode("StringRef<" + type + ">", "new StringRef<>($PATH$, " + type + ".class)");
                    }
                    if (JavaTypes.scalar(qn).isPresent()) {
                        return scalar(qn, code(t), where, t);
                    }
                    switch (qn) {
                        case "java.util.Optional" -> {
                            return args.size() == 1 ? ref(args.getFirst(), where, depth) : raw(where, t);
                        }
                        case "java.util.List" -> {
                            if (args.size() != 1) {
                                return raw(where, t);
                            }
                            RefCode element = ref(args.getFirst(), where, depth + 1);
                            if (element == null) {
                                return null;
                            }
                            String p = "p" + depth;
                            return new RefCode("ListRef<" + code(args.getFirst()) + ", " + element.type() + ">",
                                    "new ListRef<>($PATH$, " + p + " -> " + element.at(p) + ")");
                        }
                        case "java.util.Map" -> {
                            if (args.size() != 2) {
                                return raw(where, t);
                            }
                            if (!code(args.getFirst()).equals("String")) {
                                return unsupported(where, t, "DynamoDB map keys are strings; declare Map<String, X>");
                            }
                            RefCode entry = ref(args.get(1), where, depth + 1);
                            if (entry == null) {
                                return null;
                            }
                            String p = "p" + depth;
                            return new RefCode("MapRef<" + code(args.get(1)) + ", " + entry.type() + ">",
                                    "new MapRef<>($PATH$, " + p + " -> " + entry.at(p) + ")");
                        }
                        case "java.util.Set" -> {
                            if (args.size() != 1) {
                                return raw(where, t);
                            }
                            TypeMirror member = args.getFirst();
                            Optional<Value.Type> type = memberType(member);
                            if (type.isEmpty() || JavaTypes.setOf(type.get()).isEmpty()
                                    || member.getKind() == TypeKind.ARRAY) {
                                return unsupported(where, t, "DynamoDB sets hold strings, numbers or binary"
                                        + " (Set<Bytes>); declare List<X>");
                            }
                            String m = code(member);
                            return new RefCode("SetRef<" + m + ">", "new SetRef<>($PATH$, " + m + ".class)");
                        }
                        default -> {
                            if (te.getKind() == ElementKind.RECORD) {
                                if (!hasAnnotation(te, ATTRIBUTES)) {
                                    error(where, "component " + where.getSimpleName() + " of "
                                            + record.getSimpleName() + " holds the record " + te.getSimpleName()
                                            + ", which has no references: annotate " + te.getSimpleName()
                                            + " with @Attributes too");
                                    return null;
                                }
                                if (!te.getTypeParameters().isEmpty()) {
                                    return unsupported(where, t, "a generic record has no references");
                                }
                                String nested = companionRef(te, pkg) + ".Nested";
                                leading.add(nested.substring(0, nested.indexOf('.')));
                                return new RefCode(nested, "new " + nested + "($PATH$)");
                            }
                            return unsupported(where, t, null);
                        }
                    }
                }
                default -> {
                    return unsupported(where, t, "declare a concrete type");
                }
            }
        }

        private Optional<Value.Type> memberType(TypeMirror member) {
            if (member instanceof DeclaredType d && d.asElement() instanceof TypeElement te) {
                if (te.getKind() == ElementKind.ENUM) {
                    return Optional.of(Value.Type.S);
                }
                return JavaTypes.scalar(te.getQualifiedName().toString());
            }
            return Optional.empty();
        }

        private @Nullable RefCode scalar(String tableName, String box, Element where, TypeMirror t) {
            Value.Type type = JavaTypes.scalar(tableName).orElse(null);
            if (type == null) {
                return unsupported(where, t, t.getKind() == TypeKind.CHAR ? "declare it String" : null);
            }
            return switch (type) {
                case S -> new RefCode("StringRef<" + box + ">", "new StringRef<>($PATH$, " + box + ".class)");
                case N -> new RefCode("NumberRef<" + box + ">", "new NumberRef<>($PATH$, " + box + ".class)");
                case B -> new RefCode("BinaryRef", "new BinaryRef($PATH$, " + box + ".class)");
                case BOOL -> new RefCode("BooleanRef", "new BooleanRef($PATH$)");
                case NULL, L, M, SS, NS, BS -> unsupported(where, t, null);
            };
        }

        private @Nullable RefCode raw(Element where, TypeMirror t) {
            return unsupported(where, t, "declare its type arguments");
        }

        private @Nullable RefCode unsupported(Element where, TypeMirror t, @Nullable String hint) {
            error(where, "component " + where.getSimpleName() + " of " + record.getSimpleName() + " has the type " + t
                    + ", which has no typed reference" + (hint == null ? "" : " (" + hint + ")") + "; supported:"
                    + " String, enums, UUID, Instant, boolean, numbers, BigDecimal, BigInteger, Bytes, byte[],"
                    + " @Attributes records, and List<X>, Set<X>, Map<String,X>, Optional<X> of those");
            return null;
        }

        /** {@return the boxed type's name as code} */
        private String box(TypeMirror primitive) {
            return code(types().boxedClass((javax.lang.model.type.PrimitiveType) primitive).asType());
        }

        /** {@return a type as code: {@code java.lang} types by simple name, others by canonical name} */
        private String code(TypeMirror t) {
            if (t instanceof DeclaredType d && d.asElement() instanceof TypeElement te) {
                String qn = te.getQualifiedName().toString();
                String base = qn.startsWith("java.lang.") && qn.indexOf('.', 10) < 0 ? qn.substring(10) : qn;
                leading.add(base.contains(".") ? base.substring(0, base.indexOf('.')) : base);
                if (d.getTypeArguments().isEmpty()) {
                    return base;
                }
                StringBuilder sb = new StringBuilder(base).append('<');
                for (int i = 0; i < d.getTypeArguments().size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(code(d.getTypeArguments().get(i)));
                }
                return sb.append('>').toString();
            }
            if (t.getKind().isPrimitive()) {
                return box(t);
            }
            return t.toString();
        }

        private String source(List<Component> components) {
            // the record by its canonical name: a simple name could be hidden (a record named Nested)
            String recordCode = record.getQualifiedName().toString();
            String access = record.getModifiers().contains(Modifier.PUBLIC) ? "public " : "";
            StringBuilder s = new StringBuilder(2048);
            if (!pkg.isEmpty()) {
                s.append("package ").append(pkg).append(";\n\n");
            }
            Set<String> imports = new LinkedHashSet<>(List.of("BinaryRef", "BooleanRef", "ListRef", "MapRef",
                    "NumberRef", "Path", "RecordRef", "SetRef", "StringRef"));
            for (String i : imports) {
                s.append("import dev.dynamatic.ast.").append(i).append(";\n");
            }
            s.append("\n/**\n * Typed attribute references for {@link ").append(recordCode)
                    .append("}, one per component, for the {@code Dsl}'s reference overloads:\n * {@code set(")
                    .append(name).append('.').append(components.isEmpty() ? "x" : components.getFirst().field)
                    .append(", ...)}. Generated by dynamatic-processor from the record; do not edit.\n */\n")
                    .append(access).append("final class ").append(name).append(" {\n");
            for (Component c : components) {
                s.append("\n    /** ").append(doc(c)).append(" */\n    public static final ").append(c.ref.type())
                        .append(' ').append(c.field).append(" = ")
                        .append(c.ref.at("Path.attribute(" + literal(c.attribute) + ")")).append(";\n");
            }
            s.append("\n    private ").append(name).append("() {\n    }\n");
            s.append("\n    /** References to a {@link ").append(recordCode)
                    .append("} stored as a map in another attribute, under that attribute's path. */\n")
                    .append("    public static final class Nested extends RecordRef {\n");
            for (Component c : components) {
                s.append("\n        ");
                if (c.lazy) {
                    // null until first use; NullAway (if the user runs it) would call the field uninitialised
                    s.append("@SuppressWarnings(\"NullAway\")\n        private ").append(c.ref.type()).append(' ')
                            .append(c.field).append(";\n");
                } else {
                    s.append("/** ").append(doc(c)).append(" */\n        public final ").append(c.ref.type())
                            .append(' ').append(c.field).append(";\n");
                }
            }
            s.append("\n        /**\n         * Binds the references to the path of the attribute holding the record.\n")
                    .append("         *\n         * @param path the attribute's path\n         */\n")
                    .append("        public Nested(Path path) {\n            super(path, ").append(recordCode)
                    .append(".class);\n");
            for (Component c : components) {
                if (!c.lazy) {
                    s.append("            this.").append(c.field).append(" = ")
                            .append(c.ref.at("component(" + literal(c.attribute) + ")")).append(";\n");
                }
            }
            s.append("        }\n");
            for (Component c : components) {
                if (c.lazy) {
                    s.append("\n        /**\n         * {@return ").append(doc(c)).append("}; made on first use, since ")
                            .append("the record reaches\n         * itself through it\n         */\n")
                            .append("        @SuppressWarnings(\"NullAway\")\n")
                            .append("        public ").append(c.ref.type()).append(' ').append(c.field)
                            .append("() {\n")
                            .append("            // racy but safe: the reference is immutable, a race builds an equal one twice\n")
                            .append("            ").append(c.ref.type()).append(" made = ").append(c.field).append(";\n")
                            .append("            if (made == null) {\n")
                            .append("                made = ").append(c.ref.at("component(" + literal(c.attribute) + ")"))
                            .append(";\n                ").append(c.field).append(" = made;\n            }\n")
                            .append("            return made;\n        }\n");
                }
            }
            s.append("    }\n}\n");
            return s.toString();
        }

        private String doc(Component c) {
            String javaType = c.element.asType().toString();
            return "<code>" + c.field + "</code>" + (c.attribute.equals(c.field) ? "" : ", attribute <code>"
                    + escapeDoc(c.attribute) + "</code>") + ": <code>" + escapeDoc(javaType) + "</code>";
        }
    }

    private static String escapeDoc(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '@' -> sb.append("&#64;");
                case '/' -> sb.append("&#47;");
                case '*' -> sb.append("&#42;");
                case '{' -> sb.append("&#123;");
                case '}' -> sb.append("&#125;");
                case '\\' -> sb.append("&#92;");
                default -> sb.append(c < 0x20 ? ' ' : c);
            }
        }
        return sb.toString();
    }

    /** {@return the text as a Java string literal} */
    private static String literal(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c > 0x7e) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
