package dev.dynamatic.render;

import static dev.dynamatic.ast.Dsl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.Value;
import dev.dynamatic.render.ExpressionParseException.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Every example expression of the DynamoDB Developer Guide's expression pages parses into the tree it means, and
 * every syntax rule has a rejecting example with its offset and token.
 *
 * <p>Pages (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/…):
 * UPDATE = Expressions.UpdateExpressions.html ("Using update expressions in DynamoDB");
 * FUNCTIONS = Expressions.OperatorsAndFunctions.html ("Condition and filter expressions, operators, and functions");
 * CONDITIONS = Expressions.ConditionExpressions.html ("DynamoDB condition expression CLI example");
 * KEYS = Query.KeyConditionExpressions.html ("Key condition expressions for the Query operation");
 * FILTER = Query.FilterExpression.html ("Filter expressions for the Query operation");
 * VALUES = Expressions.ExpressionAttributeValues.html ("Using expression attribute values");
 * NAMES = Expressions.ExpressionAttributeNames.html ("Expression attribute names (aliases)");
 * PROJECTION = Expressions.ProjectionExpressions.html ("Using projection expressions");
 * ATTRIBUTES = Expressions.Attributes.html ("Referring to item attributes when using expressions").
 */
class ExpressionsTest {

    private static final Map<String, String> NO_NAMES = Map.of();
    private static final Map<String, AttributeValue> NO_VALUES = Map.of();

    // ---- helpers

    private static Map<String, String> names(String... aliasAndName) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < aliasAndName.length; i += 2) {
            m.put(aliasAndName[i], aliasAndName[i + 1]);
        }
        return m;
    }

    private static Map<String, AttributeValue> values(Object... placeholderAndValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < placeholderAndValue.length; i += 2) {
            m.put((String) placeholderAndValue[i], placeholderAndValue[i + 1]);
        }
        return Expressions.values(m);
    }

    private static Update parseU(String text, Map<String, String> names, Map<String, AttributeValue> values) {
        return Expressions.parseUpdate(text, names, values).tree();
    }

    private static Condition parseC(String text, Map<String, String> names, Map<String, AttributeValue> values) {
        return Expressions.parseCondition(text, names, values).tree();
    }

    private static KeyCondition parseK(String text, String pk, String sk, Map<String, String> names,
                                       Map<String, AttributeValue> values) {
        return Expressions.parseKeyCondition(text, pk, sk, names, values).tree();
    }

    private static Projection parseP(String text, Map<String, String> names) {
        return Expressions.parseProjection(text, names).tree();
    }

    private static ExpressionParseException rejects(Executable parse) {
        return assertThrows(ExpressionParseException.class, parse);
    }

    private static ExpressionParseException rejectsAt(int offset, String token, Executable parse) {
        ExpressionParseException e = rejects(parse);
        assertEquals(offset, e.offset(), e.getMessage());
        assertEquals(token, e.token(), e.getMessage());
        return e;
    }

    private static void messageHas(ExpressionParseException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "\"" + part + "\" not in: " + e.getMessage());
        }
    }

    // ---- UPDATE: Using update expressions in DynamoDB

    @Test
    void updatePageModifyingAttributes() {
        // UPDATE, "Modifying attributes"
        assertEquals(update(set(path("ProductCategory"), value("Hardware")), set(path("Price"), value(60))),
                parseU("SET ProductCategory = :c, Price = :p", NO_NAMES, values(":c", "Hardware", ":p", 60)));
    }

    @Test
    void updatePageAddingListsAndMaps() {
        // UPDATE, "Adding lists and maps"
        Map<String, AttributeValue> v = Map.of(
                ":ri", AttributeValue.fromL(List.of(AttributeValue.fromS("Hammer"))),
                ":pr", AttributeValue.fromM(Map.of("FiveStar",
                        AttributeValue.fromL(List.of(AttributeValue.fromS("Best product ever!"))))));
        assertEquals(update(set(path("RelatedItems"), value(List.of("Hammer"))),
                        set(path("ProductReviews"), value(Map.of("FiveStar", List.of("Best product ever!"))))),
                parseU("SET RelatedItems = :ri, ProductReviews = :pr", NO_NAMES, v));
    }

    @Test
    void updatePageAddingElementsToAList() {
        // UPDATE, "Adding elements to a list"
        assertEquals(update(set(path("RelatedItems[1]"), value("Nails"))),
                parseU("SET RelatedItems[1] = :ri", NO_NAMES, values(":ri", "Nails")));
    }

    @Test
    void updatePageAddingNestedMapAttributes() {
        // UPDATE, "Adding nested map attributes"
        Parsed<Update> p = Expressions.parseUpdate("SET #pr.#5star[1] = :r5, #pr.#3star = :r3",
                names("#pr", "ProductReviews", "#5star", "FiveStar", "#3star", "ThreeStar"),
                values(":r5", "Very happy with my purchase", ":r3", List.of("Just OK - not that great")));
        assertEquals(update(set(path("ProductReviews.FiveStar[1]"), value("Very happy with my purchase")),
                set(path("ProductReviews.ThreeStar"), value(List.of("Just OK - not that great")))), p.tree());
        assertEquals(List.of("#pr", "#5star", "#3star"), List.copyOf(p.usedNames()));
        assertEquals(List.of(":r5", ":r3"), List.copyOf(p.usedValues()));
    }

    @Test
    void updatePageIncrementingAndDecrementing() {
        // UPDATE, "Incrementing and decrementing numeric attributes" (and "To increase the Price, use +")
        assertEquals(update(set(path("Price"), minus(path("Price"), value(15)))),
                parseU("SET Price = Price - :p", NO_NAMES, values(":p", 15)));
        assertEquals(update(set(path("Price"), plus(path("Price"), value(15)))),
                parseU("SET Price = Price + :p", NO_NAMES, values(":p", 15)));
    }

    @Test
    void updatePageAppendingElementsToAList() {
        // UPDATE, "Appending elements to a list": at the end, then at the beginning
        assertEquals(update(set(path("RelatedItems"),
                        listAppend(path("RelatedItems"), value(List.of("Screwdriver", "Hacksaw"))))),
                parseU("SET #ri = list_append(#ri, :vals)", names("#ri", "RelatedItems"),
                        values(":vals", List.of("Screwdriver", "Hacksaw"))));
        assertEquals(update(set(path("RelatedItems"), listAppend(value(List.of("Chisel")), path("RelatedItems")))),
                parseU("SET #ri = list_append(:vals, #ri)", names("#ri", "RelatedItems"),
                        values(":vals", List.of("Chisel"))));
    }

    @Test
    void updatePagePreventingOverwrites() {
        // UPDATE, "Preventing overwrites of an existing attribute"
        assertEquals(update(set(path("Price"), ifNotExists(path("Price"), value(100)))),
                parseU("SET Price = if_not_exists(Price, :p)", NO_NAMES, values(":p", 100)));
    }

    @Test
    void updatePageRemove() {
        // UPDATE, "REMOVE — deleting attributes from an item" and "Removing elements from a list"
        assertEquals(update(remove(path("Brand")), remove(path("InStock")), remove(path("QuantityOnHand"))),
                parseU("REMOVE Brand, InStock, QuantityOnHand", NO_NAMES, NO_VALUES));
        assertEquals(update(remove(path("RelatedItems[1]")), remove(path("RelatedItems[2]"))),
                parseU("REMOVE RelatedItems[1], RelatedItems[2]", NO_NAMES, NO_VALUES));
    }

    @Test
    void updatePageAdd() {
        // UPDATE, "Adding a number" and "Adding elements to a set" (twice)
        assertEquals(update(add(path("QuantityOnHand"), value(5))),
                parseU("ADD QuantityOnHand :q", NO_NAMES, values(":q", 5)));
        assertEquals(update(add(path("Color"), stringSet("Orange", "Purple"))),
                parseU("ADD Color :c", NO_NAMES, Map.of(":c", AttributeValue.fromSs(List.of("Orange", "Purple")))));
        assertEquals(update(add(path("Color"), stringSet("Yellow", "Green", "Blue"))),
                parseU("ADD Color :c", NO_NAMES,
                        Map.of(":c", AttributeValue.fromSs(List.of("Yellow", "Green", "Blue")))));
    }

    @Test
    void updatePageDelete() {
        // UPDATE, "DELETE — removing elements from a set"
        assertEquals(update(delete(path("Color"), stringSet("Yellow", "Purple"))),
                parseU("DELETE Color :p", NO_NAMES, Map.of(":p", AttributeValue.fromSs(List.of("Yellow", "Purple")))));
    }

    @Test
    void updatePageMultipleUpdateExpressions() {
        // UPDATE, "Using multiple update expressions": three examples; actions keep the order written
        assertEquals(update(remove(path("a")), set(path("b"), path("a")), set(path("c"), path("b"))),
                parseU("REMOVE a SET b = a, c = b", NO_NAMES, NO_VALUES));
        assertEquals(update(set(path("Price"), minus(path("Price"), value(15))), remove(path("InStock"))),
                parseU("SET Price = Price - :p REMOVE InStock", NO_NAMES, values(":p", 15)));
        assertEquals(update(set(path("RelatedItems[1]"), value("Nails")), set(path("Price"), value(21))),
                parseU("SET RelatedItems[1] = :newValue, Price = :newPrice", NO_NAMES,
                        values(":newValue", "Nails", ":newPrice", 21)));
    }

    @Test
    void updateSyntaxSummaryExampleOfFourClauses() {
        // An earlier edition of the update page (Expressions.Modifying.html) gave
        // "SET list[0] = :val1 REMOVE #m.nestedField1, #m.nestedField2 ADD aNumber :val2, anotherNumber :val3
        // DELETE aSet :val4". LIST is a reserved word, so DynamoDB rejects "list" as a bare name, and so do we...
        Map<String, AttributeValue> v = Map.of(":val1", AttributeValue.fromS("x"), ":val2", AttributeValue.fromN("1"),
                ":val3", AttributeValue.fromN("2"), ":val4", AttributeValue.fromNs(List.of("3")));
        ExpressionParseException e = rejectsAt(4, "list", () -> parseU("SET list[0] = :val1 REMOVE #m.nestedField1,"
                + " #m.nestedField2 ADD aNumber :val2, anotherNumber :val3 DELETE aSet :val4", names("#m", "m"), v));
        messageHas(e, "Invalid UpdateExpression", "reserved keyword: list");
        // ...and with the list aliased it parses, one clause of each kind.
        assertEquals(update(set(path("list[0]"), value("x")), remove(path("m.nestedField1")),
                        remove(path("m.nestedField2")), add(path("aNumber"), value(1)), add(path("anotherNumber"), value(2)),
                        delete(path("aSet"), numberSet(3))),
                parseU("SET #l[0] = :val1 REMOVE #m.nestedField1, #m.nestedField2 ADD aNumber :val2, anotherNumber :val3"
                        + " DELETE aSet :val4", names("#l", "list", "#m", "m"), v));
    }

    // ---- FUNCTIONS: Condition and filter expressions, operators, and functions

    @Test
    void functionsPageExamples() {
        // FUNCTIONS, "Functions": one example per function
        assertEquals(attributeExists(path("Pictures.SideView")),
                parseC("attribute_exists (#Pictures.#SideView)", names("#Pictures", "Pictures", "#SideView", "SideView"),
                        NO_VALUES));
        assertEquals(attributeNotExists(path("Manufacturer")),
                parseC("attribute_not_exists (Manufacturer)", NO_NAMES, NO_VALUES));
        assertEquals(attributeType(path("ProductReviews.FiveStar"), Value.Type.L),
                parseC("attribute_type (ProductReviews.FiveStar, :v_sub)", NO_NAMES, values(":v_sub", "L")));
        assertEquals(beginsWith(path("Pictures.FrontView"), value("http://")),
                parseC("begins_with (Pictures.FrontView, :v_sub)", NO_NAMES, values(":v_sub", "http://")));
        assertEquals(contains(path("Brand"), value("Company")),
                parseC("contains (Brand, :v_sub)", NO_NAMES, values(":v_sub", "Company")));
        assertEquals(contains(path("Color"), value("Red")),
                parseC("contains (Color, :v_sub)", NO_NAMES, values(":v_sub", "Red")));
        assertEquals(le(size(path("Brand")), value(20)), parseC("size (Brand) <= :v_sub", NO_NAMES, values(":v_sub", 20)));
        assertEquals(gt(size(path("VideoClip")), value(64000)),
                parseC("size(VideoClip) > :v_sub", NO_NAMES, values(":v_sub", 64000)));
        assertEquals(lt(size(path("Color")), value(1)), parseC("size (Color) < :v_sub", NO_NAMES, values(":v_sub", 1)));
        assertEquals(gt(size(path("ProductReviews.OneStar")), value(3)),
                parseC("size(ProductReviews.OneStar) > :v_sub", NO_NAMES, values(":v_sub", 3)));
    }

    @Test
    void functionsPageComparators() {
        // FUNCTIONS, "Making comparisons": a = b, a <> b, a < b, a <= b, a > b, a >= b, BETWEEN, IN (with paths a..d)
        assertEquals(eq(path("a"), path("b")), parseC("a = b", NO_NAMES, NO_VALUES));
        assertEquals(ne(path("a"), path("b")), parseC("a <> b", NO_NAMES, NO_VALUES));
        assertEquals(lt(path("a"), path("b")), parseC("a < b", NO_NAMES, NO_VALUES));
        assertEquals(le(path("a"), path("b")), parseC("a <= b", NO_NAMES, NO_VALUES));
        assertEquals(gt(path("a"), path("b")), parseC("a > b", NO_NAMES, NO_VALUES));
        assertEquals(ge(path("a"), path("b")), parseC("a >= b", NO_NAMES, NO_VALUES));
        assertEquals(between(path("a"), path("b"), path("c")), parseC("a BETWEEN b AND c", NO_NAMES, NO_VALUES));
        assertEquals(in(path("a"), path("b"), path("c"), path("d")), parseC("a IN (b, c, d)", NO_NAMES, NO_VALUES));
    }

    @Test
    void functionsPageLogicalEvaluationsAndPrecedence() {
        // FUNCTIONS, "Logical evaluations", "Parentheses", "Precedence in conditions": a, b, c are conditions,
        // here x = :a, y = :b, z = :c. "a OR b AND c" is a OR (b AND c); "(a OR b) AND c" groups first.
        Map<String, AttributeValue> v = values(":a", 1, ":b", 2, ":c", 3);
        Condition a = eq(path("x"), value(1));
        Condition b = eq(path("y"), value(2));
        Condition c = eq(path("z"), value(3));
        assertEquals(and(a, b), parseC("x = :a AND y = :b", NO_NAMES, v));
        assertEquals(or(a, b), parseC("x = :a OR y = :b", NO_NAMES, v));
        assertEquals(not(a), parseC("NOT x = :a", NO_NAMES, v));
        assertEquals(or(a, and(b, c)), parseC("x = :a OR y = :b AND z = :c", NO_NAMES, v));
        assertEquals(and(or(a, b), c), parseC("(x = :a OR y = :b) AND z = :c", NO_NAMES, v));
        // NOT binds tighter than AND; AND and OR chains flatten as the Dsl does.
        assertEquals(and(not(a), b), parseC("NOT x = :a AND y = :b", NO_NAMES, v));
        assertEquals(and(a, b, c), parseC("x = :a AND (y = :b AND z = :c)", NO_NAMES, v));
        assertEquals(or(a, b, c), parseC("x = :a OR y = :b OR z = :c", NO_NAMES, v));
        assertEquals(not(not(a)), parseC("NOT NOT x = :a", NO_NAMES, v));
    }

    // ---- CONDITIONS: DynamoDB condition expression CLI example

    @Test
    void conditionPageConditionalPut() {
        // CONDITIONS, "Conditional put"
        assertEquals(attributeNotExists(path("Id")), parseC("attribute_not_exists(Id)", NO_NAMES, NO_VALUES));
    }

    @Test
    void conditionPageConditionalDelete() {
        // CONDITIONS, "Conditional deletes"
        assertEquals(and(in(path("ProductCategory"), value("Sporting Goods"), value("Gardening Supplies")),
                        between(path("Price"), value(500), value(600))),
                parseC("(ProductCategory IN (:cat1, :cat2)) and (Price between :lo and :hi)", NO_NAMES,
                        values(":cat1", "Sporting Goods", ":cat2", "Gardening Supplies", ":lo", 500, ":hi", 600)));
    }

    @Test
    void conditionPageConditionalUpdate() {
        // CONDITIONS, "Conditional updates": one UpdateItem request with an update and a condition
        UpdateItemRequest request = UpdateItemRequest.builder().tableName("ProductCatalog")
                .updateExpression("SET Price = Price - :discount").conditionExpression("Price > :limit")
                .expressionAttributeValues(values(":discount", 75, ":limit", 500)).build();
        ParsedRequest parsed = Expressions.parse(request);
        assertEquals(Optional.of(update(set(path("Price"), minus(path("Price"), value(75))))), parsed.update());
        assertEquals(Optional.of(gt(path("Price"), value(500))), parsed.condition());
    }

    @Test
    void conditionPageConditionalExpressionExamples() {
        // CONDITIONS, "Conditional expression examples"
        assertEquals(attributeNotExists(path("Price")), parseC("attribute_not_exists(Price)", NO_NAMES, NO_VALUES));
        assertEquals(attributeExists(path("ProductReviews.OneStar")),
                parseC("attribute_exists(ProductReviews.OneStar)", NO_NAMES, NO_VALUES));
        assertEquals(attributeType(path("Color"), Value.Type.SS),
                parseC("attribute_type(Color, :v_sub)", NO_NAMES, values(":v_sub", "SS")));
        assertEquals(beginsWith(path("Pictures.FrontView"), value("http://")),
                parseC("begins_with(Pictures.FrontView, :v_sub)", NO_NAMES, values(":v_sub", "http://")));
        assertEquals(contains(path("Color"), value("Red")), parseC("contains(Color, :v_sub)", NO_NAMES,
                values(":v_sub", "Red")));
        assertEquals(gt(size(path("VideoClip")), value(64000)),
                parseC("size(VideoClip) > :v_sub", NO_NAMES, values(":v_sub", 64000)));
    }

    // ---- KEYS: Key condition expressions for the Query operation

    @Test
    void keyConditionPageExamples() {
        // KEYS, "Key condition expression examples": Thread (ForumName, Subject) and Reply (Id, ReplyDateTime)
        assertEquals(partitionKey("ForumName", value("Amazon DynamoDB")),
                parseK("ForumName = :name", "ForumName", "Subject", NO_NAMES, values(":name", "Amazon DynamoDB")));
        assertEquals(partitionKey("ForumName", value("Amazon DynamoDB")).and(sortKey("Subject").eq(value("DynamoDB Thread 1"))),
                parseK("ForumName = :name and Subject = :sub", "ForumName", "Subject", NO_NAMES,
                        values(":name", "Amazon DynamoDB", ":sub", "DynamoDB Thread 1")));
        assertEquals(partitionKey("Id", value("Amazon DynamoDB#DynamoDB Thread 1"))
                        .and(sortKey("ReplyDateTime").beginsWith(value("2015-09"))),
                parseK("Id = :id and begins_with(ReplyDateTime, :dt)", "Id", "ReplyDateTime", NO_NAMES,
                        values(":id", "Amazon DynamoDB#DynamoDB Thread 1", ":dt", "2015-09")));
    }

    @Test
    void keyConditionSortKeyOperatorsOfTheQueryApiReference() {
        // API Reference, Query, KeyConditionExpression (APIReference/API_Query.html): every sort key form,
        // with "Size" (a reserved word) written as #S.
        Map<String, AttributeValue> v = values(":partitionkeyval", "p", ":sortkeyval", "s", ":sortkeyval1", "a",
                ":sortkeyval2", "b");
        KeyCondition pk = partitionKey("partitionKeyName", value("p"));
        String and = "partitionKeyName = :partitionkeyval AND ";
        assertEquals(pk, parseK("partitionKeyName = :partitionkeyval", "partitionKeyName", "sortKeyName", NO_NAMES, v));
        assertEquals(pk.and(sortKey("sortKeyName").eq(value("s"))),
                parseK(and + "sortKeyName = :sortkeyval", "partitionKeyName", "sortKeyName", NO_NAMES, v));
        assertEquals(pk.and(sortKey("sortKeyName").lt(value("s"))),
                parseK(and + "sortKeyName < :sortkeyval", "partitionKeyName", "sortKeyName", NO_NAMES, v));
        assertEquals(pk.and(sortKey("sortKeyName").le(value("s"))),
                parseK(and + "sortKeyName <= :sortkeyval", "partitionKeyName", "sortKeyName", NO_NAMES, v));
        assertEquals(pk.and(sortKey("sortKeyName").gt(value("s"))),
                parseK(and + "sortKeyName > :sortkeyval", "partitionKeyName", "sortKeyName", NO_NAMES, v));
        assertEquals(pk.and(sortKey("sortKeyName").ge(value("s"))),
                parseK(and + "sortKeyName >= :sortkeyval", "partitionKeyName", "sortKeyName", NO_NAMES, v));
        assertEquals(pk.and(sortKey("sortKeyName").between(value("a"), value("b"))),
                parseK(and + "sortKeyName BETWEEN :sortkeyval1 AND :sortkeyval2", "partitionKeyName", "sortKeyName",
                        NO_NAMES, v));
        assertEquals(pk.and(sortKey("sortKeyName").beginsWith(value("s"))),
                parseK(and + "begins_with ( sortKeyName, :sortkeyval )", "partitionKeyName", "sortKeyName", NO_NAMES, v));
        assertEquals(pk.and(sortKey("Size").eq(value("s"))),
                parseK(and + "#S = :sortkeyval", "partitionKeyName", "Size", names("#S", "Size"), v));
        rejectsAt(40, "Size", () -> parseK(and + "Size = :sortkeyval", "partitionKeyName", "Size", NO_NAMES, v));
    }

    @Test
    void keyConditionFromThePaginationExample() {
        // Query.Pagination.html: Movies (year, title), "year" aliased because YEAR is reserved.
        assertEquals(partitionKey("year", value(1993)),
                parseK("#y = :yyyy", "year", "title", names("#y", "year"), values(":yyyy", 1993)));
        rejectsAt(0, "year", () -> parseK("year = :yyyy", "year", "title", NO_NAMES, values(":yyyy", 1993)));
    }

    @Test
    void keyConditionPartsInEitherOrderAndValuesOnEitherSide() {
        Map<String, AttributeValue> v = values(":p", "P1", ":s", 5);
        KeyCondition expected = partitionKey("PK", value("P1")).and(sortKey("SK").gt(value(5)));
        assertEquals(expected, parseK("PK = :p AND SK > :s", "PK", "SK", NO_NAMES, v));
        assertEquals(expected, parseK("SK > :s AND PK = :p", "PK", "SK", NO_NAMES, v));
        assertEquals(expected, parseK(":p = PK AND :s < SK", "PK", "SK", NO_NAMES, v));
        assertEquals(expected, parseK("(:s < SK) and (PK = :p)", "PK", "SK", NO_NAMES, v));
        assertEquals(partitionKey("PK", value("P1")).and(sortKey("SK").le(value(5))),
                parseK(":s >= SK AND PK = :p", "PK", "SK", NO_NAMES, v));
        assertEquals(partitionKey("PK", value("P1")), parseK("PK = :p", "PK", NO_NAMES, values(":p", "P1")));
    }

    private static KeyCondition parseK(String text, String pk, Map<String, String> names,
                                       Map<String, AttributeValue> values) {
        return Expressions.parseKeyCondition(text, pk, names, values).tree();
    }

    // ---- FILTER and VALUES

    @Test
    void filterPageExample() {
        // FILTER: Thread table, key condition on ForumName, filter on Views (a reserved word, so #v)
        QueryRequest request = QueryRequest.builder().tableName("Thread").keyConditionExpression("ForumName = :fn")
                .filterExpression("#v >= :num").expressionAttributeNames(names("#v", "Views"))
                .expressionAttributeValues(values(":fn", "Amazon DynamoDB#DynamoDB Thread 1", ":num", 3)).build();
        ParsedRequest parsed = Expressions.parse(request, "ForumName", "Subject");
        assertEquals(Optional.of(partitionKey("ForumName", value("Amazon DynamoDB#DynamoDB Thread 1"))),
                parsed.keyCondition());
        assertEquals(Optional.of(ge(path("Views"), value(3))), parsed.filter());
        assertEquals(Optional.empty(), parsed.condition());
        // FILTER: "Views is a reserved word in DynamoDB"
        rejectsAt(0, "Views", () -> parseC("Views >= :num", NO_NAMES, values(":num", 3)));
    }

    @Test
    void valuesPageScanExample() {
        // VALUES: a Scan filter
        ScanRequest request = ScanRequest.builder().tableName("ProductCatalog")
                .filterExpression("contains(Color, :c) and Price <= :p")
                .expressionAttributeValues(values(":c", "Black", ":p", 500)).build();
        assertEquals(Optional.of(and(contains(path("Color"), value("Black")), le(path("Price"), value(500)))),
                Expressions.parse(request).filter());
    }

    // ---- PROJECTION, NAMES and ATTRIBUTES

    @Test
    void projectionPageExamples() {
        // PROJECTION
        assertEquals(projection("Title"), parseP("Title", NO_NAMES));
        assertEquals(projection("Title", "Price", "Color"), parseP("Title, Price, Color", NO_NAMES));
        assertEquals(projection("Title", "Description", "RelatedItems", "ProductReviews"),
                parseP("Title, Description, RelatedItems, ProductReviews", NO_NAMES));
        assertEquals(projection("Description", "RelatedItems[0]", "ProductReviews.FiveStar"),
                parseP("Description, RelatedItems[0], ProductReviews.FiveStar", NO_NAMES));
    }

    @Test
    void namesPageExamples() {
        // NAMES, "Reserved words": Comment is reserved; #c works
        ExpressionParseException e = rejectsAt(0, "Comment", () -> parseP("Comment", NO_NAMES));
        assertEquals(Kind.PROJECTION, e.kind());
        messageHas(e, "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: Comment");
        assertEquals(projection(attr("Comment")), parseP("#c", names("#c", "Comment")));
        // NAMES, "Attribute names containing special characters": a dot in an expression separates map keys...
        assertEquals(projection(path("Safety").key("Warning")), parseP("Safety.Warning", NO_NAMES));
        // ...while a name behind a placeholder is taken verbatim
        assertEquals(projection(attr("Safety.Warning")), parseP("#sw", names("#sw", "Safety.Warning")));
        // NAMES, "Nested attributes"
        assertEquals(projection("ProductReviews.OneStar"), parseP("ProductReviews.OneStar", NO_NAMES));
        assertEquals(projection(attr("ProductReviews.OneStar")),
                parseP("#pr1star", names("#pr1star", "ProductReviews.OneStar")));
        assertEquals(projection("ProductReviews.OneStar"),
                parseP("#pr.#1star", names("#pr", "ProductReviews", "#1star", "OneStar")));
        // NAMES, "Repeatedly referencing attribute names"
        Projection three = projection("ProductReviews.FiveStar", "ProductReviews.ThreeStar", "ProductReviews.OneStar");
        assertEquals(three, parseP("ProductReviews.FiveStar, ProductReviews.ThreeStar, ProductReviews.OneStar", NO_NAMES));
        assertEquals(three, parseP("#pr.FiveStar, #pr.ThreeStar, #pr.OneStar", names("#pr", "ProductReviews")));
    }

    @Test
    void getItemRequestFromTheNamesPage() {
        // NAMES: get-item --projection-expression "#c" --expression-attribute-names '{"#c":"Comment"}'
        GetItemRequest request = GetItemRequest.builder().tableName("ProductCatalog")
                .key(Map.of("Id", AttributeValue.fromN("123"))).projectionExpression("#c")
                .expressionAttributeNames(names("#c", "Comment")).build();
        assertEquals(Optional.of(projection(attr("Comment"))), Expressions.parse(request).projection());
    }

    @Test
    void attributesPageDocumentPaths() {
        // ATTRIBUTES, "Accessing list elements", "Accessing map elements", "Document paths"
        assertEquals(projection(path("MyList").index(0), path("AnotherList").index(12), path("ThisList").index(5).index(11)),
                parseP("MyList[0], AnotherList[12], ThisList[5][11]", NO_NAMES));
        assertEquals(projection(path("MyMap").key("nestedField")), parseP("MyMap.nestedField", NO_NAMES));
        assertEquals(projection(path("MyMap").key("nestedField").key("deeplyNestedField")),
                parseP("MyMap.nestedField.deeplyNestedField", NO_NAMES));
        assertEquals(projection("ProductDescription", "RelatedItems[2]", "Pictures.FrontView", "ProductReviews.FiveStar[0]"),
                parseP("ProductDescription, RelatedItems[2], Pictures.FrontView, ProductReviews.FiveStar[0]", NO_NAMES));
        // "The number within the square brackets must be a non-negative integer": MyList[-1] and MyList[0.4]
        rejectsAt(7, "-", () -> parseP("MyList[-1]", NO_NAMES));
        rejectsAt(8, ".", () -> parseP("MyList[0.4]", NO_NAMES));
    }

    // ---- lexical rules

    @Test
    void keywordsAreCaseInsensitive() {
        Map<String, AttributeValue> v = values(":v", 1, ":w", 2);
        assertEquals(update(set(path("a"), value(1)), remove(path("b"))), parseU("set a = :v rEmOvE b", NO_NAMES, v));
        assertEquals(and(between(path("a"), value(1), value(2)), not(in(path("b"), value(1)))),
                parseC("a bEtWeEn :v aNd :w AND nOt b In (:v)", NO_NAMES, v));
        assertEquals(or(eq(path("a"), value(1)), eq(path("b"), value(2))), parseC("a = :v or b = :w", NO_NAMES, v));
    }

    @Test
    void whitespaceMayStandBetweenAnyTokens() {
        assertEquals(update(set(path("a.b[1]"), plus(path("c"), value(1)))),
                parseU(" \tSET\na . b [ 1 ]=c+:v\r\n", NO_NAMES, values(":v", 1)));
        assertEquals(eq(path("a"), value(1)), parseC("a=:v", NO_NAMES, values(":v", 1)));
    }

    @Test
    void placeholdersMayHoldUnderscoresAndDigits() {
        assertEquals(eq(path("x"), value(1)), parseC("#_1 = :_", names("#_1", "x"), values(":_", 1)));
        assertEquals(eq(path("x"), value(1)), parseC("#1 = :1", names("#1", "x"), values(":1", 1)));
    }

    @Test
    void bareNamesMayHoldUnderscoresAndDigitsAfterTheFirstLetter() {
        assertEquals(projection("a_1", "B2_c"), parseP("a_1, B2_c", NO_NAMES));
    }

    @Test
    void parenthesesMayWrapOperandsValuesAndConditions() {
        Map<String, AttributeValue> v = values(":v", 1, ":w", 2);
        assertEquals(update(set(path("a"), plus(value(1), value(2)))), parseU("SET a = (:v + :w)", NO_NAMES, v));
        assertEquals(update(set(path("a"), plus(value(1), value(2)))), parseU("SET a = (:v) + (:w)", NO_NAMES, v));
        assertEquals(update(set(path("a"), ifNotExists(path("b"), value(1)))),
                parseU("SET a = if_not_exists((b), (:v))", NO_NAMES, v));
        assertEquals(update(set(path("a"), plus(ifNotExists(path("a"), value(1)), value(2)))),
                parseU("SET a = if_not_exists(a, :v) + :w", NO_NAMES, v));
        assertEquals(eq(path("a"), value(1)), parseC("(a) = (:v)", NO_NAMES, v));
        assertEquals(eq(path("a"), value(1)), parseC("(a = :v)", NO_NAMES, v));
        assertEquals(lt(size(path("a")), value(2)), parseC("(size((a))) < :w", NO_NAMES, v));
        assertEquals(in(path("a"), value(1), value(2)), parseC("(a) IN ((:v), :w)", NO_NAMES, v));
    }

    @Test
    void readsAsManyAs100InOperands() {
        String list = IntStream.range(0, 100).mapToObj(i -> ":v").collect(Collectors.joining(", "));
        Condition c = parseC("a IN (" + list + ")", NO_NAMES, values(":v", 1));
        assertEquals(100, ((Condition.In) c).candidates().size());
    }

    @Test
    void reportsThePlaceholdersUsedInOrderOfFirstUse() {
        Parsed<Condition> p = Expressions.parseCondition("#b = :y AND #a = :x AND #b = :x",
                names("#a", "a", "#b", "b", "#unused", "u"), values(":x", 1, ":y", 2, ":unused", 3));
        assertEquals(List.of("#b", "#a"), List.copyOf(p.usedNames()));
        assertEquals(List.of(":y", ":x"), List.copyOf(p.usedValues()));
    }

    @Test
    void convertsEveryValueType() {
        Map<String, AttributeValue> v = Map.of(":b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2})),
                ":bool", AttributeValue.fromBool(true), ":null", AttributeValue.fromNul(true),
                ":ns", AttributeValue.fromNs(List.of("2", "1.0")), ":bs",
                AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {9}))));
        assertEquals(in(path("a"), value(Bytes.of((byte) 1, (byte) 2)), value(true), nullValue(), numberSet(1, 2),
                        binarySet(Bytes.of((byte) 9))),
                parseC("a IN (:b, :bool, :null, :ns, :bs)", NO_NAMES, v));
    }

    // ---- errors: syntax

    @Test
    void rejectsABareReservedWord() {
        ExpressionParseException e = rejectsAt(4, "Comment", () -> parseU("SET Comment = :v", NO_NAMES, values(":v", 1)));
        assertEquals(Kind.UPDATE, e.kind());
        messageHas(e, "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Comment",
                "token: \"Comment\"", "near: \"SET Comment =\"", "offset: 4");
        // in any case, and in any segment of a path
        rejectsAt(2, "size", () -> parseC("a.size = :v", NO_NAMES, values(":v", 1)));
        rejectsAt(0, "sEt", () -> parseP("sEt", NO_NAMES));
    }

    @Test
    void rejectsTwoArithmeticOperatorsInOneSetValue() {
        ExpressionParseException e = rejectsAt(16, "+",
                () -> parseU("SET a = :v + :w + :x", NO_NAMES, values(":v", 1, ":w", 2, ":x", 3)));
        messageHas(e, "Invalid UpdateExpression: Syntax error; token: \"+\", near: \":w + :x\", offset: 16");
        rejectsAt(15, "-", () -> parseU("SET a = b - :v - :v", NO_NAMES, values(":v", 1)));
    }

    @Test
    void rejectsAClauseKeywordUsedTwice() {
        ExpressionParseException e = rejectsAt(11, "SET",
                () -> parseU("SET a = :v SET b = :v", NO_NAMES, values(":v", 1)));
        messageHas(e, "The \"SET\" section can only be used once in an update expression");
        rejectsAt(18, "remove", () -> parseU("REMOVE a ADD b :v remove c", NO_NAMES, values(":v", 1)));
        messageHas(rejectsAt(9, "add", () -> parseU("ADD n :v add m :v", NO_NAMES, values(":v", 1))),
                "The \"ADD\" section can only be used once in an update expression");
    }

    @Test
    void rejectsAPlaceholderSigilAlone() {
        rejectsAt(4, "#", () -> parseU("SET # = :v", names("#", "a"), values(":v", 1)));
        rejectsAt(8, ":", () -> parseU("SET a = :", NO_NAMES, values(":", 1)));
        rejectsAt(4, ":", () -> parseC("a = : v", NO_NAMES, values(":v", 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1a", "_a", "9", "_"})
    void rejectsABareNameNotStartingWithALetter(String name) {
        rejectsAt(4, name, () -> parseU("SET " + name + " = :v", NO_NAMES, values(":v", 1)));
        rejectsAt(0, name, () -> parseC(name + " = :v", NO_NAMES, values(":v", 1)));
        rejectsAt(3, name, () -> parseP("a, " + name, NO_NAMES));
    }

    @Test
    void rejectsUndefinedPlaceholders() {
        ExpressionParseException e = rejectsAt(4, "#a", () -> parseU("SET #a = :v", NO_NAMES, values(":v", 1)));
        messageHas(e, "An expression attribute name used in the document path is not defined; attribute name: #a");
        e = rejectsAt(8, ":w", () -> parseU("SET a = :w", NO_NAMES, values(":v", 1)));
        messageHas(e, "An expression attribute value used in expression is not defined; attribute value: :w");
        rejectsAt(2, "#b", () -> parseP("a.#b", names("#a", "b")));
    }

    @Test
    void rejectsPlaceholdersMappedToNothing() {
        Map<String, String> n = new LinkedHashMap<>();
        n.put("#a", null);
        rejectsAt(0, "#a", () -> parseP("#a", n));
        rejectsAt(0, "#a", () -> parseP("#a", names("#a", "")));
        Map<String, AttributeValue> v = new LinkedHashMap<>();
        v.put(":v", null);
        rejectsAt(4, ":v", () -> parseC("a = :v", NO_NAMES, v));
        // an AttributeValue DynamoDB would not store: an empty set, a number that is not one
        rejectsAt(4, ":v", () -> parseC("a = :v", NO_NAMES, Map.of(":v", AttributeValue.fromSs(List.of()))));
        rejectsAt(4, ":v", () -> parseC("a = :v", NO_NAMES, Map.of(":v", AttributeValue.fromN("one"))));
        rejectsAt(4, ":v", () -> parseC("a = :v", NO_NAMES, Map.of(":v", AttributeValue.builder().build())));
    }

    @Test
    void rejectsAnEmptyInList() {
        rejectsAt(6, ")", () -> parseC("a IN ()", NO_NAMES, NO_VALUES));
    }

    @Test
    void rejects101InOperands() {
        String list = IntStream.range(0, 101).mapToObj(i -> ":v").collect(Collectors.joining(", "));
        String text = "a IN (" + list + ")";
        ExpressionParseException e = rejectsAt(text.lastIndexOf(":v"), ":v", () -> parseC(text, NO_NAMES, values(":v", 1)));
        messageHas(e, "1 to 100 operands");
    }

    @Test
    void rejectsUnbalancedParentheses() {
        Map<String, AttributeValue> v = values(":v", 1);
        rejectsAt(0, "(", () -> parseC("(a = :v", NO_NAMES, v));
        rejectsAt(6, ")", () -> parseC("a = :v)", NO_NAMES, v));
        rejectsAt(13, "(", () -> parseC("(a = :v) AND (b (= :v)", NO_NAMES, v));
        rejectsAt(19, "(", () -> parseU("SET a = list_append(a, :v", NO_NAMES, v));
        rejectsAt(21, ")", () -> parseU("SET a = if_not_exists)b, :v(", NO_NAMES, v));
    }

    @Test
    void rejectsATrailingComma() {
        rejectsAt(11, "<EOF>", () -> parseU("SET a = :v,", NO_NAMES, values(":v", 1)));
        rejectsAt(10, "<EOF>", () -> parseU("REMOVE a, ", NO_NAMES, NO_VALUES));
        rejectsAt(12, "SET", () -> parseU("REMOVE a, b,SET c = :v", NO_NAMES, values(":v", 1)));
        rejectsAt(5, "<EOF>", () -> parseP("a, b,", NO_NAMES));
        rejectsAt(9, ")", () -> parseC("a IN (:v,)", NO_NAMES, values(":v", 1)));
    }

    @Test
    void rejectsAnUnknownFunctionNamingIt() {
        ExpressionParseException e = rejectsAt(8, "lst_append",
                () -> parseU("SET a = lst_append(a, :v)", NO_NAMES, values(":v", List.of())));
        messageHas(e, "Invalid function name; function: lst_append");
        e = rejectsAt(0, "exists", () -> parseC("exists(a)", NO_NAMES, NO_VALUES));
        messageHas(e, "Invalid function name; function: exists");
        // each grammar has its own functions
        messageHas(rejectsAt(8, "size", () -> parseU("SET a = size(b)", NO_NAMES, NO_VALUES)), "function: size");
        messageHas(rejectsAt(0, "list_append", () -> parseC("list_append(a, b) = c", NO_NAMES, NO_VALUES)),
                "function: list_append");
    }

    @Test
    void rejectsFunctionNamesInAnotherCase() {
        ExpressionParseException e = rejectsAt(8, "LIST_APPEND",
                () -> parseU("SET a = LIST_APPEND(a, :v)", NO_NAMES, values(":v", List.of())));
        messageHas(e, "Invalid function name; function: LIST_APPEND");
        rejectsAt(8, "If_Not_Exists", () -> parseU("SET a = If_Not_Exists(a, :v)", NO_NAMES, values(":v", 1)));
        rejectsAt(0, "Attribute_Exists", () -> parseC("Attribute_Exists(a)", NO_NAMES, NO_VALUES));
        rejectsAt(0, "SIZE", () -> parseC("SIZE(a) > :v", NO_NAMES, values(":v", 1)));
    }

    @Test
    void rejectsArithmeticInsideIfNotExists() {
        rejectsAt(28, "+", () -> parseU("SET a = if_not_exists(a, :v + :w)", NO_NAMES, values(":v", 1, ":w", 2)));
    }

    @Test
    void rejectsIfNotExistsWithoutAPathFirst() {
        ExpressionParseException e = rejectsAt(22, ":v", () -> parseU("SET a = if_not_exists(:v, a)", NO_NAMES,
                values(":v", 1)));
        messageHas(e, "Operator or function requires a document path; operator or function: if_not_exists");
        rejectsAt(22, "list_append", () -> parseU("SET a = if_not_exists(list_append(a, b), a)", NO_NAMES, NO_VALUES));
    }

    @Test
    void rejectsAWrongNumberOfFunctionOperands() {
        messageHas(rejectsAt(8, "list_append", () -> parseU("SET a = list_append(a)", NO_NAMES, NO_VALUES)),
                "Incorrect number of operands for operator or function; operator or function: list_append,"
                        + " number of operands: 1");
        rejectsAt(0, "attribute_exists", () -> parseC("attribute_exists(a, b)", NO_NAMES, NO_VALUES));
        rejectsAt(0, "begins_with", () -> parseC("begins_with(a)", NO_NAMES, NO_VALUES));
    }

    @Test
    void rejectsFunctionsWhereTheyCannotStand() {
        Map<String, AttributeValue> v = values(":v", 1);
        messageHas(rejectsAt(0, "size", () -> parseC("size(a)", NO_NAMES, v)),
                "The function is not allowed to be used this way in an expression; function: size");
        rejectsAt(0, "attribute_exists", () -> parseC("attribute_exists(a) = :v", NO_NAMES, v));
        rejectsAt(4, "attribute_exists", () -> parseC("a = attribute_exists(b)", NO_NAMES, v));
        rejectsAt(10, "contains", () -> parseC("size(a) < contains(b, :v)", NO_NAMES, v));
        rejectsAt(0, "attribute_exists", () -> parseC("attribute_exists(a) IN (:v)", NO_NAMES, v));
        messageHas(rejectsAt(17, ":v", () -> parseC("attribute_exists(:v)", NO_NAMES, v)), "requires a document path");
    }

    @Test
    void readsTheOperandsDynamoDbTakesBeyondItsDocumentedGrammar() {
        Map<String, AttributeValue> v = values(":s", "abc", ":n", 3, ":t", "S", ":l", List.of(1, 2));
        assertEquals(beginsWith(value("abc"), path("a")), parseC("begins_with(:s, a)", NO_NAMES, v));
        assertEquals(beginsWith(path("a"), path("c")), parseC("begins_with(a, c)", NO_NAMES, v));
        assertEquals(beginsWith(value("abc"), value("abc")), parseC("begins_with(:s, :s)", NO_NAMES, v));
        assertEquals(ge(size(value("abc")), value(3)), parseC("size(:s) >= :n", NO_NAMES, v));
        assertEquals(eq(size(value(List.of(1, 2))), size(path("a"))), parseC("size(:l) = size(a)", NO_NAMES, v));
        assertEquals(attributeType(value("abc"), Value.Type.S), parseC("attribute_type(:s, :t)", NO_NAMES, v));
    }

    @Test
    void rejectsOperandsDynamoDbRejectsNamingThePosition() {
        Map<String, AttributeValue> v = values(":s", "abc", ":n", 3, ":b", true, ":t", "DOG");
        messageHas(rejectsAt(15, ":n", () -> parseC("begins_with(a, :n)", NO_NAMES, v)),
                "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
        messageHas(rejectsAt(12, ":n", () -> parseC("begins_with(:n, a)", NO_NAMES, v)), "operand type: N");
        messageHas(rejectsAt(12, "size", () -> parseC("begins_with(size(a), :s)", NO_NAMES, v)), "operand type: N");
        messageHas(rejectsAt(5, ":n", () -> parseC("size(:n) >= :n", NO_NAMES, v)),
                "Incorrect operand type for operator or function; operator or function: size, operand type: N");
        messageHas(rejectsAt(5, ":b", () -> parseC("size(:b) >= :n", NO_NAMES, v)), "operand type: BOOL");
        messageHas(rejectsAt(5, "size", () -> parseC("size(size(a)) >= :n", NO_NAMES, v)),
                "operator or function: size, operand type: N");
        messageHas(rejectsAt(18, "c", () -> parseC("attribute_type(a, c)", NO_NAMES, v)),
                "Incorrect operand type for operator or function; operator or function: attribute_type");
        messageHas(rejectsAt(18, ":t", () -> parseC("attribute_type(a, :t)", NO_NAMES, v)),
                "Invalid attribute type name found");
        messageHas(rejectsAt(21, ":s", () -> parseC("attribute_not_exists(:s)", NO_NAMES, v)),
                "Operator or function requires a document path; operator or function: attribute_not_exists");
        // no evidence that DynamoDB takes a value first in contains: it stays a path
        messageHas(rejectsAt(9, ":s", () -> parseC("contains(:s, a)", NO_NAMES, v)),
                "Operator or function requires a document path; operator or function: contains");
        // a function where a path or value is taken: not representable, so not accepted
        messageHas(rejectsAt(15, "size", () -> parseC("attribute_type(size(a), :s)", NO_NAMES, v)),
                "requires a document path or an expression attribute value");
    }

    @Test
    void rejectsAValueFirstInAKeyConditionsBeginsWith() {
        messageHas(rejectsAt(12, "begins_with", () -> parseK("PK = :p AND begins_with(:s, SK)", "PK", "SK", NO_NAMES,
                        values(":p", "p", ":s", "s"))),
                "begins_with operator must have the key attribute as its first operand");
    }

    @Test
    void rejectsRedundantParenthesesInConditions() {
        Map<String, AttributeValue> v = values(":v", 1);
        messageHas(rejectsAt(0, "(", () -> parseC("((a = :v))", NO_NAMES, v)), "redundant parentheses");
        rejectsAt(4, "(", () -> parseC("a = ((:v))", NO_NAMES, v));
        rejectsAt(11, "(", () -> parseC("b = :v AND ( (a = :v) )", NO_NAMES, v));
        // nested but not redundant
        assertEquals(and(eq(path("a"), value(1)), eq(path("b"), value(1))),
                parseC("((a = :v) AND (b = :v))", NO_NAMES, v));
    }

    @Test
    void rejectsKeywordsAsBareNames() {
        Map<String, AttributeValue> v = values(":v", 1);
        rejectsAt(4, "set", () -> parseU("SET set = :v", NO_NAMES, v));
        rejectsAt(0, "AND", () -> parseC("AND = :v", NO_NAMES, v));
        rejectsAt(4, "in", () -> parseC("a = in", NO_NAMES, v));
    }

    @Test
    void rejectsOtherSyntaxErrors() {
        Map<String, AttributeValue> v = values(":v", 1, ":s", Set.of("x"));
        rejectsAt(0, "a", () -> parseU("a = :v", NO_NAMES, v));
        rejectsAt(11, "b", () -> parseU("SET a = :v b = :v", NO_NAMES, v));
        rejectsAt(9, "b", () -> parseU("DELETE a b", NO_NAMES, v));
        rejectsAt(5, "<EOF>", () -> parseU("ADD a", NO_NAMES, v));
        rejectsAt(10, "<EOF>", () -> parseC("a = :v AND", NO_NAMES, v));
        rejectsAt(5, "<EOF>", () -> parseC("NOT a", NO_NAMES, v));
        rejectsAt(2, "b", () -> parseC("a b", NO_NAMES, v));
        rejectsAt(7, "=", () -> parseC("a = :v = :v", NO_NAMES, v));
        rejectsAt(9, "=", () -> parseC("(a = :v) = :v", NO_NAMES, v));
        rejectsAt(2, "<EOF>", () -> parseP("a.", NO_NAMES));
        rejectsAt(1, "]", () -> parseP("a]", NO_NAMES));
        rejectsAt(0, ":v", () -> parseP(":v", NO_NAMES));
        rejectsAt(4, "'", () -> parseC("a = 'unbalanced quote", NO_NAMES, v));
        rejectsAt(4, "\"", () -> parseC("a = \"x", NO_NAMES, v));
        rejectsAt(4, "é", () -> parseC("a = é", NO_NAMES, v));
        rejectsAt(5, "&", () -> parseC("a = b&&c", NO_NAMES, v));
        rejectsAt(13, "OR", () -> parseC("a BETWEEN :v OR NOT b", NO_NAMES, v));
    }

    @Test
    void rejectsAnEmptyExpression() {
        messageHas(rejectsAt(0, "<EOF>", () -> parseU("", NO_NAMES, NO_VALUES)), "The expression can not be empty");
        rejectsAt(3, "<EOF>", () -> parseC(" \n\t", NO_NAMES, NO_VALUES));
    }

    @Test
    void rejectsPlaceholdersLongerThan255Bytes() {
        String ok = "#" + "n".repeat(254);
        assertEquals(projection(attr("x")), parseP(ok, names(ok, "x")));
        String tooLong = "#" + "n".repeat(255);
        messageHas(rejectsAt(0, tooLong, () -> parseP(tooLong, names(tooLong, "x"))), "at most 255");
    }

    @Test
    void rejectsPathsDeeperThan32Levels() {
        String ok = "a" + ".b".repeat(31);
        assertEquals(32, parseP(ok, NO_NAMES).paths().getFirst().segments().size());
        rejectsAt(0, "a", () -> parseP(ok + "[0]", NO_NAMES));
        rejectsAt(0, "a", () -> parseP("a" + "[1]".repeat(40), NO_NAMES));
    }

    @Test
    void rejectsListIndexesBeyondInt() {
        assertEquals(projection(path("a").index(Integer.MAX_VALUE)), parseP("a[2147483647]", NO_NAMES));
        rejectsAt(2, "2147483648", () -> parseP("a[2147483648]", NO_NAMES));
        rejectsAt(2, "99999999999999999999999", () -> parseP("a[99999999999999999999999]", NO_NAMES));
    }

    // ---- errors: types DynamoDB checks when it parses

    @Test
    void rejectsAddAndDeleteValuesOfTheWrongType() {
        messageHas(rejectsAt(6, ":s", () -> parseU("ADD a :s", NO_NAMES, values(":s", "text"))),
                "ADD a: the value is of type S");
        rejectsAt(9, ":n", () -> parseU("DELETE a :n", NO_NAMES, values(":n", 1)));
        rejectsAt(9, ":l", () -> parseU("DELETE a :l", NO_NAMES, values(":l", List.of(1))));
        rejectsAt(6, "b", () -> parseU("ADD a b", NO_NAMES, NO_VALUES));
    }

    @Test
    void rejectsArithmeticAndListAppendOnValuesOfTheWrongType() {
        messageHas(rejectsAt(8, ":s", () -> parseU("SET a = :s + b", NO_NAMES, values(":s", "x"))),
                "Incorrect operand type for operator or function; operator or function: +, operand type: S");
        rejectsAt(12, ":l", () -> parseU("SET a = b - :l", NO_NAMES, values(":l", List.of())));
        messageHas(rejectsAt(23, ":n", () -> parseU("SET a = list_append(a, :n)", NO_NAMES, values(":n", 1))),
                "operator or function: list_append, operand type: N");
    }

    @Test
    void rejectsAttributeTypeWithAnythingButATypeName() {
        messageHas(rejectsAt(18, ":t", () -> parseC("attribute_type(a, :t)", NO_NAMES, values(":t", "STRING"))),
                "Invalid attribute type name found; type: <String>,");
        rejectsAt(18, ":t", () -> parseC("attribute_type(a, :t)", NO_NAMES, values(":t", "s")));
        messageHas(rejectsAt(18, ":t", () -> parseC("attribute_type(a, :t)", NO_NAMES, values(":t", 1))),
                "operand type: N");
        rejectsAt(18, "b", () -> parseC("attribute_type(a, b)", NO_NAMES, NO_VALUES));
        for (Value.Type t : Value.Type.values()) {
            assertEquals(attributeType(path("a"), t), parseC("attribute_type(a, :t)", NO_NAMES, values(":t", t.name())));
        }
    }

    @Test
    void rejectsBeginsWithOnOtherThanStringsAndBinary() {
        rejectsAt(15, ":n", () -> parseC("begins_with(a, :n)", NO_NAMES, values(":n", 1)));
        rejectsAt(15, "size", () -> parseC("begins_with(a, size(b))", NO_NAMES, NO_VALUES));
        assertEquals(beginsWith(path("a"), value(Bytes.of((byte) 1))), parseC("begins_with(a, :b)", NO_NAMES,
                Map.of(":b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1})))));
    }

    @Test
    void rejectsBetweenBoundsOfTwoTypesOrInTheWrongOrder() {
        messageHas(rejectsAt(17, ":s", () -> parseC("a BETWEEN :n AND :s", NO_NAMES, values(":n", 1, ":s", "x"))),
                "The BETWEEN operator requires same data type for lower and upper bounds");
        messageHas(rejectsAt(18, ":lo", () -> parseC("a BETWEEN :hi AND :lo", NO_NAMES, values(":hi", 10, ":lo", 9))),
                "The BETWEEN operator requires upper bound to be greater than or equal to lower bound");
        rejectsAt(17, ":a", () -> parseC("a BETWEEN :b AND :a", NO_NAMES, values(":a", "a", ":b", "b")));
        // numbers compare numerically, strings by code point (UTF-8 byte order), equal bounds are fine
        assertEquals(between(path("a"), value(9), value(10)), parseC("a BETWEEN :lo AND :hi", NO_NAMES,
                values(":lo", 9, ":hi", 10)));
        assertEquals(between(path("a"), value("\uFFFF"), value("\uD83D\uDE00")),
                parseC("a BETWEEN :lo AND :hi", NO_NAMES, values(":lo", "\uFFFF", ":hi", "\uD83D\uDE00")));
        assertEquals(between(path("a"), value(1), value(1)), parseC("a BETWEEN :v AND :v", NO_NAMES, values(":v", 1)));
    }

    @Test
    void rejectsIdenticalOperands() {
        messageHas(rejectsAt(12, "a", () -> parseC("contains(a, a)", NO_NAMES, NO_VALUES)),
                "The first operand must be distinct from the remaining operands");
        rejectsAt(6, "#a", () -> parseC("a.b = #a.b", names("#a", "a"), NO_VALUES));
        rejectsAt(15, "a", () -> parseC("begins_with(a, a)", NO_NAMES, NO_VALUES));
        assertEquals(eq(size(path("a")), size(path("a"))), parseC("size(a) = size(a)", NO_NAMES, NO_VALUES));
    }

    @Test
    void rejectsOverlappingAndConflictingPaths() {
        Map<String, AttributeValue> v = values(":v", 1);
        messageHas(rejectsAt(18, "a", () -> parseU("SET a = :v REMOVE a", NO_NAMES, v)),
                "Two document paths overlap with each other");
        rejectsAt(14, "a", () -> parseU("SET a.b = :v, a = :v", NO_NAMES, v));
        rejectsAt(12, "a", () -> parseU("SET a = :v, a.b[1] = :v", NO_NAMES, v));
        messageHas(rejectsAt(14, "a", () -> parseU("SET a.b = :v, a[0] = :v", NO_NAMES, v)),
                "Two document paths conflict with each other");
        rejectsAt(7, "#x", () -> parseP("Title, #x", names("#x", "Title")));
        // siblings are fine, reading a path that is written is fine
        assertEquals(update(set(path("a.b"), path("a.c")), set(path("a.c"), path("a.b")), remove(path("a.d[0]")),
                        remove(path("a.d[1]"))),
                parseU("SET a.b = a.c, a.c = a.b REMOVE a.d[0], a.d[1]", NO_NAMES, v));
    }

    // ---- errors: key conditions

    @Test
    void rejectsWhatAKeyConditionCannotSay() {
        Map<String, AttributeValue> v = values(":p", "P", ":s", "S", ":t", "T");
        messageHas(rejectsAt(8, "OR", () -> parseK("PK = :p OR SK = :s", "PK", "SK", NO_NAMES, v)),
                "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR");
        rejectsAt(3, "<", () -> parseK("PK < :p", "PK", "SK", NO_NAMES, v));
        rejectsAt(0, "begins_with", () -> parseK("begins_with(PK, :p)", "PK", "SK", NO_NAMES, v));
        messageHas(rejectsAt(0, "SK", () -> parseK("SK = :s", "PK", "SK", NO_NAMES, v)),
                "Query condition missed key schema element: PK");
        rejectsAt(12, "other", () -> parseK("PK = :p AND other = :s", "PK", "SK", NO_NAMES, v));
        rejectsAt(12, "SK", () -> parseK("PK = :p AND SK = :s", "PK", NO_NAMES, v));
        rejectsAt(12, "PK", () -> parseK("PK = :p AND PK = :s", "PK", "SK", NO_NAMES, v));
        rejectsAt(24, "PK", () -> parseK("SK > :p AND SK < :s AND PK = :t", "PK", "SK", NO_NAMES, v));
        rejectsAt(15, "<>", () -> parseK("PK = :p AND SK <> :s", "PK", "SK", NO_NAMES, v));
        rejectsAt(12, "NOT", () -> parseK("PK = :p AND NOT SK = :s", "PK", "SK", NO_NAMES, v));
        rejectsAt(15, "IN", () -> parseK("PK = :p AND SK IN (:s)", "PK", "SK", NO_NAMES, v));
        rejectsAt(12, "attribute_exists", () -> parseK("PK = :p AND attribute_exists(SK)", "PK", "SK", NO_NAMES, v));
        rejectsAt(12, "SK", () -> parseK("PK = :p AND SK.x = :s", "PK", "SK", NO_NAMES, v));
        rejectsAt(12, "SK", () -> parseK("PK = :p AND SK = PK", "PK", "SK", NO_NAMES, v));
        rejectsAt(0, "size", () -> parseK("size(PK) = :p", "PK", "SK", NO_NAMES, v));
    }

    @Test
    void rejectsKeyValuesOfNonKeyTypes() {
        rejectsAt(0, "PK", () -> parseK("PK = :b", "PK", "SK", NO_NAMES, values(":b", true)));
        rejectsAt(15, "=", () -> parseK("PK = :p AND SK = :l", "PK", "SK", NO_NAMES, values(":p", "P", ":l", List.of())));
        rejectsAt(28, ":n", () -> parseK("PK = :p AND begins_with(SK, :n)", "PK", "SK", NO_NAMES,
                values(":p", "P", ":n", 1)));
        rejectsAt(30, ":s", () -> parseK("PK = :p AND SK BETWEEN :n AND :s", "PK", "SK", NO_NAMES,
                values(":p", "P", ":n", 1, ":s", "S")));
        rejectsAt(23, ":x", () -> parseK("PK = :p AND SK BETWEEN :x AND :y", "PK", "SK", NO_NAMES,
                values(":p", "P", ":x", Set.of("P"), ":y", Set.of("Q"))));
    }

    @Test
    void rejectsBadKeySchemaArgumentsAsCallerBugs() {
        assertThrows(IllegalArgumentException.class, () -> parseK("PK = :p", "PK", "PK", NO_NAMES, values(":p", 1)));
        assertThrows(IllegalArgumentException.class, () -> parseK("PK = :p", "", NO_NAMES, values(":p", 1)));
        assertThrows(NullPointerException.class, () -> parseK("PK = :p", null, NO_NAMES, values(":p", 1)));
    }

    // ---- errors: bounds

    @Test
    void rejectsExpressionsOver4KbBeforeReadingThem() {
        String ok = "a IN (" + ":v, ".repeat(98) + ":v)";
        parseC(ok, NO_NAMES, values(":v", 1));
        String atLimit = "a" + " ".repeat(4095);
        assertEquals(projection("a"), parseP(atLimit, NO_NAMES));
        messageHas(rejectsAt(4096, " ", () -> parseP(atLimit + " ", NO_NAMES)), "longer than 4096 bytes");
        // multi-byte chars count as their UTF-8 bytes
        rejectsAt(2048, "é", () -> parseP("é".repeat(2049), NO_NAMES));
        // a 1 MB string, and 10,000 nested parentheses
        rejectsAt(4096, "x", () -> parseC("x".repeat(1 << 20), NO_NAMES, NO_VALUES));
        rejectsAt(4096, "(", () -> parseC("(".repeat(10_000) + "a = :v" + ")".repeat(10_000), NO_NAMES, values(":v", 1)));
    }

    @Test
    void boundsNestingWithinTheLengthLimit() {
        Map<String, AttributeValue> v = values(":v", 1);
        // 1,000 NOTs fit in 4 KB; the 101st open level is refused, not recursed into
        String nots = "NOT ".repeat(1000) + "a = :v";
        messageHas(rejectsAt(400, "NOT", () -> parseC(nots, NO_NAMES, v)), "more than 100 levels");
        assertEquals(not(not(eq(path("a"), value(1)))), parseC("NOT NOT a = :v", NO_NAMES, v));
        // 300 nested groups "(a = :v AND ( ... ))"
        String groups = "(a = :v AND ".repeat(300) + "a = :v" + ")".repeat(300);
        rejectsAt(1200, "(", () -> parseC(groups, NO_NAMES, v));
        String fine = "(b = :v AND ".repeat(100) + "a = :v" + ")".repeat(100);
        assertEquals(101, ((Condition.And) parseC(fine, NO_NAMES, v)).conditions().size());
        // 2,000 parentheses: redundant, and refused at once
        rejectsAt(0, "(", () -> parseC("(".repeat(2000) + "a" + ")".repeat(2000), NO_NAMES, v));
        // functions in functions, in an update
        String calls = "SET a = " + "list_append(a, ".repeat(200) + "a" + ")".repeat(200);
        rejectsAt(8 + 100 * 15 + 11, "(", () -> parseU(calls, NO_NAMES, v));
    }

    @Test
    void rejectsMoreThan300OperatorsInAnUpdate() {
        StringBuilder sb = new StringBuilder("SET ");
        for (int i = 0; i < 301; i++) {
            sb.append(i == 0 ? "" : ",").append("a").append(i).append("=b+:v");
        }
        String text = sb.toString();
        ExpressionParseException e = rejectsAt(text.lastIndexOf('+'), "+", () -> parseU(text, NO_NAMES, values(":v", 1)));
        messageHas(e, "more than 300 operators");
        String ok = text.substring(0, text.lastIndexOf(','));
        assertEquals(300, parseU(ok, NO_NAMES, values(":v", 1)).actions().size());
    }

    // ---- whole requests

    @Test
    void rejectsMapEntriesNoExpressionOfTheRequestUses() {
        UpdateItemRequest request = UpdateItemRequest.builder().tableName("t").updateExpression("SET #a = :v")
                .conditionExpression("attribute_exists(#c)")
                .expressionAttributeNames(names("#a", "a", "#b", "b", "#c", "c", "#0", "z"))
                .expressionAttributeValues(values(":v", 1)).build();
        ExpressionParseException e = rejects(() -> Expressions.parse(request));
        assertEquals(Kind.ATTRIBUTE_NAMES, e.kind());
        assertEquals(-1, e.offset());
        assertEquals("#0", e.token());
        assertEquals("Value provided in ExpressionAttributeNames unused in expressions: keys: {#0, #b}", e.getMessage());

        PutItemRequest put = PutItemRequest.builder().tableName("t").conditionExpression("a = :v")
                .expressionAttributeValues(values(":v", 1, ":w", 2)).build();
        e = rejects(() -> Expressions.parse(put));
        assertEquals(Kind.ATTRIBUTE_VALUES, e.kind());
        assertEquals(":w", e.token());

        // what one expression leaves unused, another may use
        QueryRequest query = QueryRequest.builder().tableName("t").keyConditionExpression("#k = :k")
                .filterExpression("#f > :f").projectionExpression("#p")
                .expressionAttributeNames(names("#k", "PK", "#f", "f", "#p", "p"))
                .expressionAttributeValues(values(":k", "x", ":f", 1)).build();
        ParsedRequest parsed = Expressions.parse(query, "PK");
        assertEquals(Optional.of(partitionKey("PK", value("x"))), parsed.keyCondition());
        assertEquals(Optional.of(gt(path("f"), value(1))), parsed.filter());
        assertEquals(Optional.of(projection("p")), parsed.projection());
    }

    @Test
    void rejectsKeyAttributesInAQueryFilter() {
        // Developer Guide, Query (filter expressions): "A filter expression cannot contain partition key or sort key
        // attributes. You need to specify those attributes in the key condition expression".
        QueryRequest.Builder query = QueryRequest.builder().tableName("t").keyConditionExpression("PK = :p")
                .expressionAttributeValues(values(":p", "x", ":s", "y"));
        ExpressionParseException e = rejects(() -> Expressions.parse(query.filterExpression("a = :s OR SK > :s").build(),
                "PK", "SK"));
        assertEquals(Kind.FILTER, e.kind());
        assertEquals(10, e.offset());
        messageHas(e, "Filter Expression can only contain non-primary key attributes: Primary key attribute: SK");
        rejectsAt(5, "#k", () -> Expressions.parse(query.filterExpression("a <> #k.x AND a = :s")
                .expressionAttributeNames(names("#k", "PK")).build(), "PK"));
        // a Scan's filter may name them, and so may a condition
        assertEquals(Optional.of(gt(path("SK"), value("y"))), Expressions.parse(ScanRequest.builder().tableName("t")
                .filterExpression("SK > :s").expressionAttributeValues(values(":s", "y")).build()).filter());
    }

    @Test
    void rejectsMapsWithoutExpressionsEmptyMapsAndBadKeys() {
        ExpressionParseException e = rejects(() -> Expressions.parse(DeleteItemRequest.builder().tableName("t")
                .expressionAttributeNames(names("#a", "a")).build()));
        assertEquals("ExpressionAttributeNames can only be specified when using expressions", e.getMessage());
        e = rejects(() -> Expressions.parse(DeleteItemRequest.builder().tableName("t").conditionExpression("a = :v")
                .expressionAttributeValues(Map.of()).build()));
        assertEquals("ExpressionAttributeValues must not be empty", e.getMessage());
        e = rejects(() -> Expressions.parse(ScanRequest.builder().tableName("t").filterExpression("a = :v")
                .expressionAttributeValues(Map.of("v", AttributeValue.fromN("1"))).build()));
        assertEquals(Kind.ATTRIBUTE_VALUES, e.kind());
        assertEquals("v", e.token());
        messageHas(e, "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
        e = rejects(() -> Expressions.parse(GetItemRequest.builder().tableName("t").projectionExpression("#a")
                .expressionAttributeNames(names("#a", "a", "#a b", "b")).build()));
        assertEquals("#a b", e.token());
    }

    @Test
    void reportsErrorsInRequestExpressionsWithTheirKind() {
        ExpressionParseException e = rejects(() -> Expressions.parse(ScanRequest.builder().tableName("t")
                .filterExpression("a = = :v").expressionAttributeValues(values(":v", 1)).build()));
        assertEquals(Kind.FILTER, e.kind());
        assertEquals(4, e.offset());
        messageHas(e, "Invalid FilterExpression: Syntax error; token: \"=\", near: \"= = :v\", offset: 4");
        e = rejects(() -> Expressions.parse(QueryRequest.builder().tableName("t").keyConditionExpression("PK = :v")
                .projectionExpression("a,").expressionAttributeValues(values(":v", 1)).build(), "PK"));
        assertEquals(Kind.PROJECTION, e.kind());
        e = rejects(() -> Expressions.parse(UpdateItemRequest.builder().tableName("t").updateExpression("SET a = :v")
                .conditionExpression("").expressionAttributeValues(values(":v", 1)).build()));
        assertEquals(Kind.CONDITION, e.kind());
    }

    @Test
    void parsesRequestsWithoutExpressions() {
        assertEquals(new ParsedRequest(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()), Expressions.parse(GetItemRequest.builder().tableName("t").build()));
        assertEquals(Optional.of(attributeExists(path("a"))), Expressions.parse(DeleteItemRequest.builder()
                .tableName("t").conditionExpression("attribute_exists(a)").build()).condition());
    }

    @Test
    void theReservedWordListIsDynamoDbs() {
        // 573 words on the Developer Guide page; spot-check both ends and a few that surprise people.
        assertEquals(573, ReservedWords.size());
        for (String w : List.of("ABORT", "ZONE", "name", "Size", "status", "data", "count", "year", "views", "list")) {
            assertTrue(ReservedWords.contains(w), w);
        }
        for (String w : List.of("Title", "Price", "Description", "Color", "Id", "ForumName", "nestedField")) {
            assertTrue(!ReservedWords.contains(w), w);
        }
    }
}
