package dev.dynamatic.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.*;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Comparand;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Operand;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.SetValue;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.ast.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The laws of parsing: every input ends in a tree or in {@link ExpressionParseException}, and parsing inverts
 * rendering, from trees and from any spelling of the text.
 */
class ExpressionsProperties {

    /** Names and values every fuzzed text may refer to, so that fuzzing reaches past placeholder lookup. */
    private static final Map<String, String> NAMES = Map.of("#a", "a", "#b", "b.c", "#n0", "x", "#n1", "SET",
            "#k", "PK", "#s", "SK");
    private static final Map<String, AttributeValue> VALUES = Map.of(":v", AttributeValue.fromN("1"),
            ":w", AttributeValue.fromN("2"), ":s", AttributeValue.fromS("S"), ":l", AttributeValue.fromL(List.of()),
            ":ss", AttributeValue.fromSs(List.of("x")), ":b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1})),
            ":v0", AttributeValue.fromS("x"), ":bad", AttributeValue.fromN("not a number"));

    /** Valid expressions of every kind, to mutate. */
    private static final List<String> CORPUS = List.of(
            "SET ProductCategory = :s, Price = :v",
            "SET #a.#n0[1] = :s, #a.b = :l REMOVE c[0], d ADD e :v DELETE f :ss",
            "SET Price = if_not_exists(Price, :v) + :w",
            "SET #a = list_append(#a, :l)",
            "SET a = (:v + :w)",
            "REMOVE Brand, InStock, QuantityOnHand",
            "attribute_exists (#a.#n0) AND attribute_not_exists (Manufacturer)",
            "(ProductCategory IN (:s, :v0)) and (Price between :v and :w)",
            "NOT (a = :v OR b <> :w) AND size(c) >= :v",
            "begins_with(Pictures.FrontView, :s) OR contains(Color, :s)",
            "attribute_type(a, :s) AND x BETWEEN :s AND :s",
            "#k = :v AND begins_with(#s, :s)",
            "PK = :v AND SK BETWEEN :v AND :w",
            "Description, RelatedItems[0], ProductReviews.FiveStar",
            "#a, #n0[3].x");

    private static final List<String> ALPHABET = List.of("SET ", "REMOVE ", "ADD ", "DELETE ", "set ", "a", "b", "x",
            "PK", "SK", "#a", "#b", "#n0", "#k", "#s", "#zz", ":v", ":w", ":s", ":l", ":ss", ":bad", ":none", "(", ")",
            "[", "]", "0", "1", "99999999999", ",", ".", "=", "<>", "<", "<=", ">", ">=", "+", "-", " AND ", " OR ",
            "NOT ", " BETWEEN ", " IN ", "size", "if_not_exists", "list_append", "attribute_exists", "attribute_type",
            "begins_with", "contains", "LIST_APPEND", "Comment", "#", ":", "_", "_a", "1a", "'", "\"", " ", "\t",
            "é", "\uD83D\uDE00", "\uD800");

    // ---- fuzz: nothing but a tree or our exception

    /** Parses the text as every kind of expression; each must give a tree or our exception with sane fields. */
    private static void endsInTreeOrParseException(String text) {
        List<Runnable> parses = List.of(
                () -> Expressions.parseUpdate(text, NAMES, VALUES),
                () -> Expressions.parseCondition(text, NAMES, VALUES),
                () -> Expressions.parseKeyCondition(text, "PK", "SK", NAMES, VALUES),
                () -> Expressions.parseKeyCondition(text, "PK", NAMES, VALUES),
                () -> Expressions.parseProjection(text, NAMES));
        for (Runnable parse : parses) {
            try {
                parse.run();
            } catch (ExpressionParseException e) {
                assertTrue(e.offset() >= 0 && e.offset() <= text.length(), e::getMessage);
                assertNotNull(e.token());
                assertTrue(e.getMessage().startsWith("Invalid " + e.kind().parameterName() + ": "), e::getMessage);
            }
        }
    }

    @Test
    void arbitraryStringsEndInATreeOrTheParseException() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 200)).checkAssert(ExpressionsProperties::endsInTreeOrParseException);
    }

    @Test
    void asciiStringsEndInATreeOrTheParseException() {
        qt().forAll(strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 120))
                .checkAssert(ExpressionsProperties::endsInTreeOrParseException);
    }

    @Test
    void stringsOfTheGrammarsTokensEndInATreeOrTheParseException() {
        Gen<String> texts = lists().of(Generate.pick(ALPHABET)).ofSizeBetween(0, 40).map(l -> String.join("", l));
        qt().withExamples(2000).forAll(texts).checkAssert(ExpressionsProperties::endsInTreeOrParseException);
    }

    @Test
    void validExpressionsWithOneCharacterInsertedDeletedOrReplacedEndInATreeOrTheParseException() {
        Gen<String> chars = Generate.pick(List.of("a", "Z", "_", "0", "#", ":", "(", ")", "[", "]", ",", ".", "=", "<",
                ">", "+", "-", " ", "\t", "'", "é", "\uD800")).mix(integers().between(0, 0x10FFFF).map(Character::toString), 20);
        Gen<String> mutants = Generate.pick(CORPUS).zip(integers().between(0, 1000), integers().between(0, 2), chars,
                ExpressionsProperties::mutate);
        qt().withExamples(3000).forAll(mutants).checkAssert(ExpressionsProperties::endsInTreeOrParseException);
    }

    @Test
    void renderedTreesWithOneCharacterChangedEndInATreeOrTheParseException() {
        Gen<String> rendered = Generators.conditions()
                .map(c -> Renderer.condition(Generators.repair(c)).conditionExpression().orElseThrow())
                .mix(Generators.updates()
                        .map(u -> Renderer.update(Generators.repair(u)).updateExpression().orElseThrow()), 50);
        Gen<String> mutants = rendered.zip(integers().between(0, 1000), integers().between(0, 2),
                Generate.pick(List.of("(", ")", ",", "#", ":", " ", "0", "=", "N", "x")), ExpressionsProperties::mutate);
        // The rendered names and values are #n0.. and :v0..; NAMES and VALUES define a few of them.
        qt().forAll(mutants).checkAssert(ExpressionsProperties::endsInTreeOrParseException);
    }

    private static String mutate(String text, int where, int how, String c) {
        int at = text.isEmpty() ? 0 : where % (text.length() + (how == 0 ? 1 : 0));
        return switch (how) {
            case 0 -> text.substring(0, at) + c + text.substring(at);
            case 1 -> text.isEmpty() ? text : text.substring(0, at) + text.substring(at + 1);
            default -> text.isEmpty() ? c : text.substring(0, at) + c + text.substring(at + 1);
        };
    }

    // ---- round trip from trees: parse(render(t)) is t

    @Test
    void parsingARenderedUpdateGivesTheUpdateBack() {
        qt().forAll(Generators.updates().map(Generators::repair)).checkAssert(u -> {
            Rendered r = Renderer.update(u);
            assertEquals(inClauseOrder(u),
                    Expressions.parseUpdate(r.updateExpression().orElseThrow(), r.names(), r.values()).tree());
        });
    }

    @Test
    void parsingARenderedConditionGivesTheConditionBack() {
        qt().forAll(Generators.conditions().map(Generators::repair)).checkAssert(c -> {
            Rendered r = Renderer.condition(c);
            assertEquals(c,
                    Expressions.parseCondition(r.conditionExpression().orElseThrow(), r.names(), r.values()).tree());
        });
    }

    @Test
    void parsingARenderedKeyConditionGivesTheKeyConditionBack() {
        qt().forAll(Generators.keyConditions().map(Generators::repair)).checkAssert(k -> {
            Rendered r = Renderer.query(k, Optional.empty(), Optional.empty());
            assertEquals(k, Expressions.parseKeyCondition(r.keyConditionExpression().orElseThrow(), k.partitionKey(),
                    "SK", r.names(), r.values()).tree());
            if (k.sortKey().isEmpty()) {
                assertEquals(k, Expressions.parseKeyCondition(r.keyConditionExpression().orElseThrow(),
                        k.partitionKey(), r.names(), r.values()).tree());
            }
        });
    }

    @Test
    void parsingARenderedProjectionGivesTheProjectionBack() {
        qt().forAll(Generators.projections()).checkAssert(p -> {
            Rendered r = Renderer.projection(p);
            assertEquals(p, Expressions.parseProjection(r.projectionExpression().orElseThrow(), r.names()).tree());
        });
    }

    // ---- round trip from text: any spelling re-renders canonically

    @Test
    void anySpellingOfAnUpdateRequestReRendersCanonically() {
        qt().forAll(Generators.updates().map(Generators::repair),
                        Generators.conditions().map(Generators::repair), longs().all())
                .checkAssert((u, c, seed) -> {
                    Rendered canonical = Renderer.update(u, c);
                    Spelling s = new Spelling(new Random(seed), canonical);
                    UpdateItemRequest request = UpdateItemRequest.builder().tableName("t")
                            .updateExpression(s.respell(canonical.updateExpression().orElseThrow()))
                            .conditionExpression(s.respell(canonical.conditionExpression().orElseThrow()))
                            .expressionAttributeNames(s.names()).expressionAttributeValues(s.values()).build();
                    ParsedRequest parsed = Expressions.parse(request);
                    assertEquals(canonical, Renderer.update(parsed.update().orElseThrow(), parsed.condition().orElseThrow()),
                            () -> request.updateExpression() + " / " + request.conditionExpression());
                });
    }

    @Test
    void anySpellingOfAQueryRequestReRendersCanonically() {
        // A Query's filter may not name a key attribute; the generated names never include "PK" and "SK".
        Gen<KeyCondition> keys = Generators.keyConditions().map(Generators::repair)
                .map(k -> new KeyCondition("PK", k.partitionValue(), k.sortKey()));
        qt().forAll(keys, Generators.conditions().map(Generators::repair), Generators.projections(), longs().all())
                .checkAssert((k, c, p, seed) -> {
                    Rendered canonical = Renderer.query(k, Optional.of(c), Optional.of(p));
                    Spelling s = new Spelling(new Random(seed), canonical);
                    QueryRequest request = QueryRequest.builder().tableName("t")
                            .keyConditionExpression(s.respell(canonical.keyConditionExpression().orElseThrow()))
                            .filterExpression(s.respell(canonical.conditionExpression().orElseThrow()))
                            .projectionExpression(s.respell(canonical.projectionExpression().orElseThrow()))
                            .expressionAttributeNames(s.names()).expressionAttributeValues(s.values()).build();
                    ParsedRequest parsed = Expressions.parse(request, k.partitionKey(), "SK");
                    assertEquals(canonical, Renderer.query(parsed.keyCondition().orElseThrow(), parsed.filter(),
                                    parsed.projection()),
                            () -> request.keyConditionExpression() + " / " + request.filterExpression() + " / "
                                    + request.projectionExpression());
                });
    }

    /**
     * A random respelling of one request's rendered text: other placeholder names (shared by all its
     * expressions), keywords in random letter case, and extra whitespace wherever a token boundary allows it.
     */
    private static final class Spelling {
        private static final Pattern PLACEHOLDER = Pattern.compile("[#:][nv][0-9]+");
        private static final Pattern KEYWORD = Pattern.compile("\\b(SET|REMOVE|ADD|DELETE|AND|OR|NOT|BETWEEN|IN)\\b");
        private static final List<String> NAME_STEMS = List.of("#", "#_", "#a", "#Attr_", "#z9_");
        private static final List<String> VALUE_STEMS = List.of(":", ":_", ":val", ":V_", ":q1_");
        private static final List<String> BLANKS = List.of(" ", "  ", "\t", "\n", "\r\n", " \t ");

        private final Random random;
        private final Map<String, String> rename = new LinkedHashMap<>();
        private final Map<String, String> names = new LinkedHashMap<>();
        private final Map<String, AttributeValue> values = new LinkedHashMap<>();

        Spelling(Random random, Rendered canonical) {
            this.random = random;
            String nameStem = NAME_STEMS.get(random.nextInt(NAME_STEMS.size()));
            String valueStem = VALUE_STEMS.get(random.nextInt(VALUE_STEMS.size()));
            List<String> nameKeys = new ArrayList<>(canonical.names().keySet());
            List<String> valueKeys = new ArrayList<>(canonical.values().keySet());
            // Renumber in a shuffled order, so that new names are not in the canonical order.
            Collections.shuffle(nameKeys, random);
            Collections.shuffle(valueKeys, random);
            for (int i = 0; i < nameKeys.size(); i++) {
                rename.put(nameKeys.get(i), nameStem + i);
                names.put(nameStem + i, canonical.names().get(nameKeys.get(i)));
            }
            for (int i = 0; i < valueKeys.size(); i++) {
                rename.put(valueKeys.get(i), valueStem + i);
                values.put(valueStem + i, canonical.values().get(valueKeys.get(i)));
            }
        }

        Map<String, String> names() {
            return names.isEmpty() ? null : names;
        }

        Map<String, AttributeValue> values() {
            return values.isEmpty() ? null : values;
        }

        String respell(String text) {
            Matcher k = KEYWORD.matcher(text);
            String cased = k.replaceAll(m -> randomCase(m.group()));
            String renamed = PLACEHOLDER.matcher(cased).replaceAll(m -> Matcher.quoteReplacement(rename.get(m.group())));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < renamed.length(); i++) {
                char c = renamed.charAt(i);
                if (c == ' ') {
                    sb.append(BLANKS.get(random.nextInt(BLANKS.size())));
                } else if (c == '(' || c == ',' || c == '[' || c == '.') {
                    sb.append(c).append(random.nextInt(4) == 0 ? BLANKS.get(random.nextInt(BLANKS.size())) : "");
                } else if (c == ')' || c == ']') {
                    sb.append(random.nextInt(4) == 0 ? BLANKS.get(random.nextInt(BLANKS.size())) : "").append(c);
                } else {
                    sb.append(c);
                }
            }
            return (random.nextBoolean() ? " " : "") + sb + (random.nextBoolean() ? "\n" : "");
        }

        private String randomCase(String word) {
            StringBuilder sb = new StringBuilder(word.length());
            for (char c : word.toCharArray()) {
                sb.append(random.nextBoolean() ? Character.toLowerCase(c) : c);
            }
            return sb.toString();
        }
    }

    // ---- helpers: maps, the renderer's clause order, and DynamoDB's parse-time rules

    /** The renderer writes clauses in the order SET, REMOVE, ADD, DELETE, actions in order within each. */
    private static Update inClauseOrder(Update u) {
        List<UpdateAction> sorted = new ArrayList<>(u.actions());
        sorted.sort((a, b) -> Integer.compare(clause(a), clause(b)));
        return new Update(sorted);
    }

    private static int clause(UpdateAction a) {
        return switch (a) {
            case UpdateAction.Set s -> 0;
            case UpdateAction.Remove r -> 1;
            case UpdateAction.Add x -> 2;
            case UpdateAction.Delete d -> 3;
        };
    }
}
