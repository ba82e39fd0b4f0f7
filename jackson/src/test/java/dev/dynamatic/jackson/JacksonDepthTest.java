package dev.dynamatic.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * DynamoDB documents nest at most 32 levels: deeper structures, and structures that refer to themselves, end in an
 * {@link IllegalArgumentException} naming the path and the depth, checked before the codec goes deeper, never in a
 * {@link StackOverflowError}.
 */
class JacksonDepthTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int DEEP = 20_000;

    /** A chain of nodes, with a slot for anything. */
    public static final class Node {
        public String label;
        public Node next;
        public Object any;

        static Node chain(int length) {
            Node top = new Node();
            top.label = "top";
            Node n = top;
            for (int i = 0; i < length; i++) {
                n.next = new Node();
                n.next.label = "n" + i;
                n = n.next;
            }
            return top;
        }
    }

    /** A record whose list may hold itself. */
    public record Folder(String name, List<Object> children) {
    }

    private static String nodePath(int nexts) {
        return "Node" + ".next".repeat(nexts);
    }

    private static void assertTooDeep(String path, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(path + ": the document nests 33 levels deep — DynamoDB documents nest at most 32 levels",
                e.getMessage());
    }

    // ---- encode

    @Test
    void encodesUpTo32LevelsAndRejectsTheNext() {
        JacksonCodec<Node> codec = JacksonCodec.of(MAPPER, Node.class);
        codec.encode(Node.chain(32));
        assertTooDeep(nodePath(33), () -> codec.encode(Node.chain(33)));
    }

    @Test
    void rejectsAVeryDeepChainWhenEncoding() {
        assertTooDeep(nodePath(33), () -> JacksonCodec.of(MAPPER, Node.class).encode(Node.chain(DEEP)));
    }

    @Test
    void rejectsAStructureThatRefersToItself() {
        // Jackson itself stops a direct self-reference; with that check off, or through another object, depth does
        Node a = new Node();
        Node b = new Node();
        a.next = b;
        b.next = a;
        assertTooDeep(nodePath(33), () -> JacksonCodec.of(MAPPER, Node.class).encode(a));
        Node self = new Node();
        self.next = self;
        JsonMapper lax = JsonMapper.builder().disable(SerializationFeature.FAIL_ON_SELF_REFERENCES).build();
        assertTooDeep(nodePath(33), () -> JacksonCodec.of(lax, Node.class).encode(self));
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
                () -> JacksonCodec.of(MAPPER, Node.class).encode(self));
        assertEquals("Node.next: Direct self-reference leading to cycle", direct.getMessage());

        List<Object> children = new ArrayList<>();
        Folder folder = new Folder("f", children);
        children.add(folder);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JacksonCodec.of(MAPPER, Folder.class).encode(folder));
        assertEquals("Folder" + ".children[0]".repeat(16) + ".children: the document nests 33 levels deep — DynamoDB"
                + " documents nest at most 32 levels", e.getMessage());
    }

    @Test
    void rejectsDeeplyNestedMapsListsSetsAndTrees() {
        JacksonCodec<Node> codec = JacksonCodec.of(MAPPER, Node.class);
        Object map = "leaf";
        Object list = "leaf";
        Object set = "leaf";
        for (int i = 0; i < DEEP; i++) {
            map = Map.of("m", map);
            list = List.of(list);
            set = Set.of(set);
        }
        for (Object deep : List.of(map, list, set)) {
            Node n = new Node();
            n.any = deep;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.encode(n));
            assertEquals(true, e.getMessage().endsWith(": the document nests 33 levels deep — DynamoDB documents nest"
                    + " at most 32 levels"), e.getMessage());
        }
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        ObjectNode t = tree;
        for (int i = 0; i < DEEP; i++) {
            t = t.putObject("t");
        }
        Node n = new Node();
        n.any = tree;
        assertTooDeep("Node.any" + ".t".repeat(32), () -> codec.encode(n));
    }

    @Test
    void rejectsASetOfSetsTooDeepForDynamoDb() {
        // a set holding a set is a list (L) in DynamoDB; the innermost set (SS) may sit just below the 32nd level
        JacksonCodec<Node> codec = JacksonCodec.of(MAPPER, Node.class);
        Object set = Set.of("leaf");
        for (int i = 0; i < 32; i++) {
            set = new LinkedHashSet<>(List.of(set));
        }
        Node ok = new Node();
        ok.any = set;
        codec.encode(ok);
        Node n = new Node();
        n.any = new LinkedHashSet<>(List.of(set));
        assertTooDeep("Node.any" + "[0]".repeat(32), () -> codec.encode(n));
    }

    // ---- decode

    /** {@return a chain of {@code levels} nested maps, each holding the next in "next"} */
    private static AttributeValue chain(int levels) {
        AttributeValue v = AttributeValue.fromM(Map.of("label", AttributeValue.fromS("n")));
        for (int i = 1; i < levels; i++) {
            v = AttributeValue.fromM(Map.of("next", v, "label", AttributeValue.fromS("n")));
        }
        return v;
    }

    @Test
    void decodesUpTo32LevelsAndRejectsTheNext() {
        JacksonCodec<Node> codec = JacksonCodec.of(MAPPER, Node.class);
        Node n = codec.decode(Map.of("next", chain(32), "label", AttributeValue.fromS("top")));
        int levels = 0;
        for (Node x = n.next; x != null; x = x.next) {
            levels++;
        }
        assertEquals(32, levels);
        assertTooDeep(nodePath(33), () -> codec.decode(Map.of("next", chain(33))));
    }

    @Test
    void rejectsAVeryDeepItemWhenDecoding() {
        Map<String, AttributeValue> item = Map.of("next", chain(DEEP));
        assertTooDeep(nodePath(33), () -> JacksonCodec.of(MAPPER, Node.class).decode(item));
        assertTooDeep(nodePath(33), () -> JacksonCodec.of(MAPPER, Node.class).lenient().decode(item));

        AttributeValue list = AttributeValue.fromS("leaf");
        for (int i = 0; i < DEEP; i++) {
            list = AttributeValue.fromL(List.of(list));
        }
        Map<String, AttributeValue> lists = Map.of("any", list);
        assertTooDeep("Node.any" + "[0]".repeat(32), () -> JacksonCodec.of(MAPPER, Node.class).decode(lists));
        assertTooDeep("JsonNode.any" + "[0]".repeat(32), () -> JacksonCodec.of(MAPPER, JsonNode.class).decode(lists));
    }
}
