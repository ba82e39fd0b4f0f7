package dev.dynamatic.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import dev.dynamatic.ast.JavaTypes;
import dev.dynamatic.ast.Value;
import org.jspecify.annotations.Nullable;

/**
 * Generates typed attribute references for each record or class annotated {@code @Attributes}: a class named after
 * it with the suffix {@code Attributes}, a top-level class in its package (for a nested type too), with one
 * reference per stored member.
 *
 * <p>Members:
 * <ul>
 * <li>A record's members are its components. A class's members are its non-static, non-transient fields, those
 *     its superclasses declare included (theirs first); a getter or setter without a field adds none. Field types
 *     inherited from a generic superclass are seen through the class's type arguments.</li>
 * <li>A member has no reference if Jackson's {@code @JsonIgnore} (its value {@code true}, the default) is on its
 *     field, on a record's accessor, or on a class's getter ({@code getX()} or {@code isX()} for a field {@code x})
 *     or setter ({@code setX(..)}), declared in the class or a superclass.</li>
 * <li>Its attribute name is the non-empty {@code @JsonProperty} value found on any of those (or on a record's
 *     canonical constructor parameter), else its {@code @Attribute} name, else its own name. Two different names
 *     (an {@code @Attribute} and a {@code @JsonProperty}, or two {@code @JsonProperty}s) are an error naming the
 *     member. Jackson's annotations are recognised by their qualified names
 *     ({@code com.fasterxml.jackson.annotation}, the package Jackson 2 and 3 share): the processor needs no Jackson.
 *     Their {@code @Target} lacks {@code RECORD_COMPONENT}, so on a component javac keeps them only on the field,
 *     accessor and parameter it derives from it, which is where they are looked for.</li>
 * <li>A member's reference type comes from ast's {@code JavaTypes} table, the one {@code RecordCodec} uses:
 *     {@code StringRef} (String, enums, UUID, Instant), {@code NumberRef} (numbers), {@code BinaryRef}
 *     ({@code Bytes}, {@code byte[]}), {@code BooleanRef}, {@code ListRef} ({@code List<X>}), {@code MapRef}
 *     ({@code Map<String, X>}), {@code SetRef} (a set of strings, numbers or {@code Bytes}); {@code Optional<X>} is
 *     X; a record or class member must be annotated {@code @Attributes} too, and is referenced through its
 *     companion's {@code Nested}.</li>
 * <li>A nested record or class is referenced by instances bound to the path holding it
 *     ({@code OrderAttributes.shipping.city}); where a type reaches itself again, that member is a method made on
 *     first use, so no chain is infinite.</li>
 * <li>Generic records and classes are rejected: a type variable has no DynamoDB type (declare a type per use).
 *     Abstract classes (a codec cannot create them: annotate the concrete subclasses), interfaces, enums and
 *     private types (or types inside a private type) are rejected too, as are members of other types
 *     ({@code Object}, {@code Value}, {@code Item}): they have no fixed type.</li>
 * <li>Two members under one attribute name, an empty {@code @Attribute}, a member named like a type the generated
 *     class uses ({@code Path}, {@code String}, {@code Nested}, ...) or, for a recursive member, like a method of
 *     {@code RecordRef} ({@code path}, {@code type}, ...) are errors naming the member.</li>
 * </ul>
 *
 * <p>{@code RecordCodec} reads {@code @Attribute} only: a record it stores names its attributes with
 * {@code @Attribute} (with the same {@code @JsonProperty} name, if it has one), and {@code RecordCodec.of} rejects an
 * {@code @Attributes} record whose {@code @JsonProperty} name differs from what it stores. {@code JacksonCodec} checks,
 * when it is created, that the mapper writes the generated names.
 *
 * <p>The processor is isolating (each generated file has one originating type) and registered both in
 * {@code META-INF/services} and, for the module path, with {@code provides} in its module descriptor.
 */
public final class AttributesProcessor extends AbstractProcessor {

    private static final String ATTRIBUTES = "dev.dynamatic.ast.Attributes";
    private static final String ATTRIBUTE = "dev.dynamatic.ast.Attribute";
    private static final String JSON_PROPERTY = "com.fasterxml.jackson.annotation.JsonProperty";
    private static final String JSON_IGNORE = "com.fasterxml.jackson.annotation.JsonIgnore";
    /** The types of {@code dev.dynamatic.ast} that every generated class imports. */
    private static final List<String> IMPORTS = List.of("BinaryRef", "BooleanRef", "ListRef", "MapRef", "NumberRef",
            "Path", "RecordRef", "SetRef", "StringRef");
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
        // @Attribute too: it is read here, and an unclaimed annotation is a warning under -Xlint:processing.
        // Not Jackson's: claiming them would hide them from other processors.
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
            if (e.getKind() != ElementKind.RECORD && e.getKind() != ElementKind.CLASS) {
                String kind = e.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
                error(e, "@Attributes is for records and classes; " + e.getSimpleName() + " is "
                        + ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind);
                continue;
            }
            TypeElement type = (TypeElement) e;
            String rejected = noCompanion(type);
            if (rejected != null) {
                error(type, "@Attributes " + kind(type) + " " + type.getSimpleName() + " " + rejected);
                continue;
            }
            new Generation(type).run();
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

    /** {@return "record" or "class"} */
    private static String kind(TypeElement type) {
        return type.getKind() == ElementKind.RECORD ? "record" : "class";
    }

    /**
     * {@return why no class of references can be generated for a record or class}, or null if one can: the end of
     * a sentence starting with its name
     */
    private static @Nullable String noCompanion(TypeElement type) {
        if (!type.getTypeParameters().isEmpty()) {
            return "is generic: a type variable has no DynamoDB type; declare a " + kind(type) + " with concrete "
                    + (type.getKind() == ElementKind.RECORD ? "component" : "field") + " types";
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            return "is abstract: a codec cannot create it; annotate its concrete subclasses (their references"
                    + " include the fields they inherit)";
        }
        for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                return "is private (or inside a private type): the generated " + companionName(type)
                        + " could not name it";
            }
        }
        return null;
    }

    /**
     * {@return the simple name of the class generated for a record or class}: its simple name and
     * {@code Attributes}, a top-level class of its package even for a nested type (two types of one simple name
     * in a package are an error naming the class)
     */
    private static String companionName(TypeElement type) {
        return type.getSimpleName() + "Attributes";
    }

    private String packageName(TypeElement type) {
        return elements().getPackageOf(type).getQualifiedName().toString();
    }

    /** {@return the companion's name as code in the package of the class being generated} */
    private String companionRef(TypeElement type, String fromPackage) {
        String pkg = packageName(type);
        return pkg.equals(fromPackage) || pkg.isEmpty() ? companionName(type) : pkg + "." + companionName(type);
    }

    private static @Nullable AnnotationMirror annotation(Element e, String name) {
        for (AnnotationMirror m : e.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
                return m;
            }
        }
        return null;
    }

    /** {@return the value given explicitly to an annotation's element {@code value}, or null} */
    private static @Nullable Object value(AnnotationMirror m) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> v : m.getElementValues().entrySet()) {
            if (v.getKey().getSimpleName().contentEquals("value")) {
                return v.getValue().getValue();
            }
        }
        return null;
    }

    /**
     * A stored member of an {@code @Attributes} type: a record component or a class's field, its type as a member
     * of that type, and the elements where its annotations may be (itself first).
     */
    private record Member(Element element, String name, TypeMirror type, List<Element> carriers) {

        /** {@return whether Jackson's {@code @JsonIgnore}, its value true, is on one of the carriers} */
        boolean ignored() {
            for (Element e : carriers) {
                AnnotationMirror m = annotation(e, JSON_IGNORE);
                if (m != null && !Boolean.FALSE.equals(value(m))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@return the stored members of a record or class}: see the class comment */
    private List<Member> members(TypeElement type) {
        List<Member> members = new ArrayList<>();
        if (type.getKind() == ElementKind.RECORD) {
            ExecutableElement canonical = null;
            for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
                if (elements().isCanonicalConstructor(c)) {
                    canonical = c;
                }
            }
            List<? extends RecordComponentElement> components = type.getRecordComponents();
            for (int i = 0; i < components.size(); i++) {
                RecordComponentElement c = components.get(i);
                String name = c.getSimpleName().toString();
                List<Element> carriers = new ArrayList<>(List.of(c, c.getAccessor()));
                for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
                    if (!f.getModifiers().contains(Modifier.STATIC) && f.getSimpleName().contentEquals(name)) {
                        carriers.add(f);
                    }
                }
                if (canonical != null && canonical.getParameters().size() == components.size()) {
                    carriers.add(canonical.getParameters().get(i));
                }
                members.add(new Member(c, name, c.asType(), carriers));
            }
            return members;
        }
        List<TypeElement> hierarchy = new ArrayList<>(); // the class, then its superclasses up to Object
        for (TypeMirror t = type.asType(); t instanceof DeclaredType d && d.asElement() instanceof TypeElement te
                && !te.getQualifiedName().contentEquals("java.lang.Object"); t = te.getSuperclass()) {
            hierarchy.add(te);
        }
        DeclaredType self = (DeclaredType) type.asType();
        for (TypeElement declaring : hierarchy.reversed()) {
            for (VariableElement f : ElementFilter.fieldsIn(declaring.getEnclosedElements())) {
                if (f.getModifiers().contains(Modifier.STATIC) || f.getModifiers().contains(Modifier.TRANSIENT)) {
                    continue;
                }
                String name = f.getSimpleName().toString();
                String bean = Character.toUpperCase(name.charAt(0)) + name.substring(1);
                List<Element> carriers = new ArrayList<>(List.of(f));
                for (TypeElement k : hierarchy) {
                    for (ExecutableElement m : ElementFilter.methodsIn(k.getEnclosedElements())) {
                        String n = m.getSimpleName().toString();
                        int arity = m.getParameters().size();
                        if (!m.getModifiers().contains(Modifier.STATIC) && (arity == 0 && (n.equals("get" + bean)
                                || n.equals("is" + bean)) || arity == 1 && n.equals("set" + bean))) {
                            carriers.add(m);
                        }
                    }
                }
                members.add(new Member(f, name, types().asMemberOf(self, f), carriers));
            }
        }
        return members;
    }

    /** A record or class that a member holds directly (or through {@code Optional}) with references, or null. */
    private @Nullable TypeElement directNested(TypeMirror t) {
        if (t instanceof DeclaredType d && d.asElement() instanceof TypeElement te) {
            if (te.getQualifiedName().contentEquals("java.util.Optional") && d.getTypeArguments().size() == 1) {
                return directNested(d.getTypeArguments().getFirst());
            }
            return (te.getKind() == ElementKind.RECORD || te.getKind() == ElementKind.CLASS)
                    && annotation(te, ATTRIBUTES) != null ? te : null;
        }
        return null;
    }

    /** {@return whether the type reaches the target through the members held directly} */
    private boolean reaches(TypeElement from, TypeElement target, Set<TypeElement> seen) {
        for (Member m : members(from)) {
            TypeElement r = m.ignored() ? null : directNested(m.type());
            if (r != null && (r.equals(target) || (seen.add(r) && reaches(r, target, seen)))) {
                return true;
            }
        }
        return false;
    }

    /** A member's reference: its Java type as code, and its initialiser with {@code $PATH$} for the path. */
    private record RefCode(String type, String init) {
        String at(String path) {
            return init.replace("$PATH$", path);
        }
    }

    /** The generation of one record's or class's companion. */
    private final class Generation {
        private final TypeElement type;
        private final String pkg;
        private final String name;
        private final String memberKind;
        private final Set<String> leading = new HashSet<>(Set.of("Path", "RecordRef", "Nested"));
        private boolean failed;

        Generation(TypeElement type) {
            this.type = type;
            this.pkg = packageName(type);
            this.name = companionName(type);
            this.memberKind = type.getKind() == ElementKind.RECORD ? "component" : "field";
            String qn = type.getQualifiedName().toString();
            leading.add(qn.contains(".") ? qn.substring(0, qn.indexOf('.')) : qn);
        }

        /** {@return "component x of Order" or "field x of Order"} */
        private String what(Element member) {
            return memberKind + " " + member.getSimpleName() + " of " + type.getSimpleName();
        }

        void run() {
            List<Component> components = new ArrayList<>();
            Map<String, String> byAttribute = new HashMap<>();
            for (Member m : members(type)) {
                if (m.ignored()) {
                    continue;
                }
                String field = m.name();
                String attr = attributeName(m);
                if (attr == null) {
                    failed = true;
                    continue;
                }
                String other = byAttribute.putIfAbsent(attr, field);
                if (other != null) {
                    error(m.element(), memberKind + "s " + other + " and " + field + " of " + type.getSimpleName()
                            + " are both stored as attribute " + attr);
                    failed = true;
                    continue;
                }
                RefCode ref = ref(m.type(), m.element(), 0);
                if (ref == null) {
                    failed = true;
                    continue;
                }
                TypeElement nested = directNested(m.type());
                boolean lazy = nested != null && (nested.equals(type) || reaches(nested, type, new HashSet<>()));
                if (lazy && REF_METHODS.contains(field)) {
                    error(m.element(), what(m.element()) + " holds a type that reaches "
                            + type.getSimpleName() + " again, so its reference is a method " + field
                            + "(), which would clash with RecordRef's " + field + "(); rename the " + memberKind
                            + " (and keep its attribute name with @Attribute(\"" + field + "\"))");
                    failed = true;
                    continue;
                }
                components.add(new Component(m, field, attr, ref, lazy));
            }
            for (Component c : components) {
                if (leading.contains(c.field)) {
                    error(c.member.element(), what(c.member.element()) + " would hide the name " + c.field
                            + " that the generated " + name + " uses; rename the " + memberKind + " (and keep its"
                            + " attribute name with @Attribute(\"" + c.attribute + "\"))");
                    failed = true;
                }
            }
            if (failed) {
                return;
            }
            String qualified = pkg.isEmpty() ? name : pkg + "." + name;
            try (Writer w = java.util.Objects.requireNonNull(filer, "not initialised")
                    .createSourceFile(qualified, type).openWriter()) {
                w.write(source(components));
            } catch (FilerException e) {
                error(type, "cannot generate " + qualified + " for @Attributes " + kind(type) + " "
                        + type.getSimpleName() + ": a type of that name already exists (another " + kind(type) + " "
                        + type.getSimpleName() + " in package " + pkg + "? rename one): " + e.getMessage());
            } catch (IOException e) {
                error(type, "cannot write " + qualified + ": " + e);
            }
        }

        /**
         * {@return the member's attribute name: its {@code @JsonProperty} name, else its {@code @Attribute} name,
         * else its own}, or null after reporting an empty {@code @Attribute} or two different names
         */
        private @Nullable String attributeName(Member m) {
            Map<String, String> names = new LinkedHashMap<>(); // name -> where it was given, for the message
            for (Element e : m.carriers()) {
                AnnotationMirror jackson = annotation(e, JSON_PROPERTY);
                if (jackson != null && value(jackson) instanceof String s && !s.isEmpty()) {
                    names.putIfAbsent(s, type.getKind() == ElementKind.RECORD ? "@JsonProperty"
                            : "@JsonProperty on " + carrier(e));
                }
            }
            for (Element e : m.carriers()) {
                AnnotationMirror attribute = annotation(e, ATTRIBUTE);
                if (attribute != null && value(attribute) instanceof String s) {
                    if (s.isEmpty()) {
                        error(m.element(), "@Attribute on " + type.getSimpleName() + "." + m.name()
                                + " names an empty attribute name");
                        return null;
                    }
                    names.putIfAbsent(s, "@Attribute");
                }
            }
            if (names.size() > 1) {
                StringBuilder given = new StringBuilder();
                names.forEach((n, where) -> given.append(given.isEmpty() ? "" : " and ").append(literal(n))
                        .append(" (").append(where).append(')'));
                error(m.element(), what(m.element()) + " is given two attribute names, " + given + ": give it one"
                        + " name (the codec and the generated references must agree)");
                return null;
            }
            return names.isEmpty() ? m.name() : names.keySet().iterator().next();
        }

        /** {@return how a message names a class's field, getter or setter} */
        private static String carrier(Element e) {
            return e.getKind() == ElementKind.METHOD ? e.getSimpleName() + "()" : "the field";
        }

        private record Component(Member member, String field, String attribute, RefCode ref, boolean lazy) {}

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
                            // byte[] is binary but no set member: memberType has no type for an array
                            if (type.isEmpty() || JavaTypes.setOf(type.get()).isEmpty()) {
                                return unsupported(where, t, "DynamoDB sets hold strings, numbers or binary"
                                        + " (Set<Bytes>); declare List<X>");
                            }
                            String m = code(member);
                            return new RefCode("SetRef<" + m + ">", "new SetRef<>($PATH$, " + m + ".class)");
                        }
                        default -> {
                            boolean recordOrClass = te.getKind() == ElementKind.RECORD
                                    || te.getKind() == ElementKind.CLASS;
                            if (recordOrClass && annotation(te, ATTRIBUTES) != null) {
                                String rejected = noCompanion(te);
                                if (rejected != null) {
                                    return unsupported(where, t, te.getSimpleName() + " " + rejected);
                                }
                                String nested = companionRef(te, pkg) + ".Nested";
                                leading.add(nested.substring(0, nested.indexOf('.')));
                                return new RefCode(nested, "new " + nested + "($PATH$)");
                            }
                            if (te.getKind() == ElementKind.RECORD || te.getKind() == ElementKind.CLASS
                                    && !qn.startsWith("java.") && !qn.startsWith("javax.")
                                    && !qn.startsWith("dev.dynamatic.")) {
                                error(where, what(where) + " holds the " + kind(te) + " " + te.getSimpleName()
                                        + ", which has no references: annotate " + te.getSimpleName()
                                        + " with @Attributes too" + (te.getKind() == ElementKind.CLASS ? " (if it is"
                                        + " stored as a map; else declare a supported type)" : ""));
                                return null;
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
            error(where, what(where) + " has the type " + t + ", which has no typed reference"
                    + (hint == null ? "" : " (" + hint + ")") + "; supported: String, enums, UUID, Instant, boolean,"
                    + " numbers, BigDecimal, BigInteger, Bytes, byte[], @Attributes records and classes, and List<X>,"
                    + " Set<X>, Map<String,X>, Optional<X> of those");
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
            // the type by its canonical name: a simple name could be hidden (a record named Nested)
            String typeCode = type.getQualifiedName().toString();
            String access = type.getModifiers().contains(Modifier.PUBLIC) ? "public " : "";
            StringBuilder s = new StringBuilder(2048);
            if (!pkg.isEmpty()) {
                s.append("package ").append(pkg).append(";\n\n");
            }
            for (String i : IMPORTS) {
                s.append("import dev.dynamatic.ast.").append(i).append(";\n");
            }
            s.append("\n/**\n * Typed attribute references for {@link ").append(typeCode)
                    .append("}, one per ").append(memberKind)
                    .append(", for the {@code Dsl}'s reference overloads:\n * {@code set(")
                    .append(name).append('.').append(components.isEmpty() ? "x" : components.getFirst().field)
                    .append(", ...)}. Generated by dynamatic-processor from the ").append(kind(type))
                    .append("; do not edit.\n */\n")
                    .append(access).append("final class ").append(name).append(" {\n");
            for (Component c : components) {
                s.append("\n    /** ").append(doc(c)).append(" */\n    public static final ").append(c.ref.type())
                        .append(' ').append(c.field).append(" = ")
                        .append(c.ref.at("Path.attribute(" + literal(c.attribute) + ")")).append(";\n");
            }
            s.append("\n    private ").append(name).append("() {\n    }\n");
            s.append("\n    /** References to a {@link ").append(typeCode)
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
            s.append("\n        /**\n         * Binds the references to the path of the attribute holding the ")
                    .append(kind(type)).append(".\n")
                    .append("         *\n         * @param path the attribute's path\n         */\n")
                    .append("        public Nested(Path path) {\n            super(path, ").append(typeCode)
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
                            .append("the ").append(kind(type)).append(" reaches\n         * itself through it\n         */\n")
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
            String javaType = c.member.type().toString();
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
