package dev.dynamatic.it.demo;

import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.core.RecordCodec;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** How the demo shows its work: every request as sent (captured from the SDK), and results as text tables. */
final class DemoOutput {

    private static final int MAX_CELL = 72;

    private final PrintStream out;

    DemoOutput(PrintStream out) {
        this.out = out;
    }

    /** Records every request the client sends, exactly as the SDK is about to marshal it. */
    static final class RequestLog implements ExecutionInterceptor {

        private final List<SdkRequest> requests = new ArrayList<>();

        @Override
        public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            requests.add(context.request());
        }

        /** {@return the requests sent since the last call} */
        synchronized List<SdkRequest> drain() {
            List<SdkRequest> sent = List.copyOf(requests);
            requests.clear();
            return sent;
        }
    }

    void heading(String title) {
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(3, 100 - title.length())));
    }

    void note(String text) {
        out.println("   " + text);
    }

    /** Prints each request: operation, table, index and options, then expression strings and placeholder maps. */
    void requests(List<SdkRequest> requests) {
        for (SdkRequest r : requests) {
            switch (r) {
                case QueryRequest q -> {
                    out.println("-> Query " + q.tableName() + opt(" index=", q.indexName())
                            + opt(" ScanIndexForward=", q.scanIndexForward()) + opt(" Limit=", q.limit())
                            + (q.hasExclusiveStartKey() ? " ExclusiveStartKey=" + values(q.exclusiveStartKey()) : ""));
                    expressions("      ", q.keyConditionExpression(), null, q.filterExpression(), null,
                            q.projectionExpression(), q.expressionAttributeNames(), q.expressionAttributeValues());
                }
                case ScanRequest s -> {
                    out.println("-> Scan " + s.tableName() + opt(" Segment=", s.segment())
                            + opt(" TotalSegments=", s.totalSegments()) + opt(" Limit=", s.limit()));
                    expressions("      ", null, null, s.filterExpression(), null, s.projectionExpression(),
                            s.expressionAttributeNames(), s.expressionAttributeValues());
                }
                case GetItemRequest g -> {
                    out.println("-> GetItem " + g.tableName() + " Key=" + values(g.key()));
                    expressions("      ", null, null, null, null, g.projectionExpression(),
                            g.expressionAttributeNames(), null);
                }
                case PutItemRequest p -> {
                    out.println("-> PutItem " + p.tableName() + " Item=" + values(p.item()));
                    expressions("      ", null, null, null, p.conditionExpression(), null,
                            p.expressionAttributeNames(), p.expressionAttributeValues());
                }
                case UpdateItemRequest u -> {
                    out.println("-> UpdateItem " + u.tableName() + " Key=" + values(u.key())
                            + opt(" ReturnValues=", u.returnValuesAsString()));
                    expressions("      ", null, u.updateExpression(), null, u.conditionExpression(), null,
                            u.expressionAttributeNames(), u.expressionAttributeValues());
                }
                case DeleteItemRequest d -> {
                    out.println("-> DeleteItem " + d.tableName() + " Key=" + values(d.key()));
                    expressions("      ", null, null, null, d.conditionExpression(), null,
                            d.expressionAttributeNames(), d.expressionAttributeValues());
                }
                case TransactWriteItemsRequest t -> {
                    out.println("-> TransactWriteItems (" + t.transactItems().size() + " actions, ClientRequestToken="
                            + t.clientRequestToken() + ")");
                    int n = 1;
                    for (TransactWriteItem a : t.transactItems()) {
                        action(n++, a);
                    }
                }
                case BatchGetItemRequest b -> {
                    out.println("-> BatchGetItem");
                    for (Map.Entry<String, KeysAndAttributes> e : b.requestItems().entrySet()) {
                        out.println("      " + e.getKey() + " Keys=" + e.getValue().keys().stream()
                                .map(DemoOutput::values).toList());
                    }
                }
                case BatchWriteItemRequest b -> out.println("-> BatchWriteItem " + b.requestItems().entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue().size() + " requests").toList());
                default -> out.println("-> " + r.getClass().getSimpleName());
            }
        }
    }

    private void action(int n, TransactWriteItem a) {
        String pad = "      ";
        if (a.put() != null) {
            out.println("   [" + n + "] Put " + a.put().tableName() + " Item=" + values(a.put().item()));
            expressions(pad, null, null, null, a.put().conditionExpression(), null,
                    a.put().expressionAttributeNames(), a.put().expressionAttributeValues());
        } else if (a.update() != null) {
            out.println("   [" + n + "] Update " + a.update().tableName() + " Key=" + values(a.update().key()));
            expressions(pad, null, a.update().updateExpression(), null, a.update().conditionExpression(), null,
                    a.update().expressionAttributeNames(), a.update().expressionAttributeValues());
        } else if (a.delete() != null) {
            out.println("   [" + n + "] Delete " + a.delete().tableName() + " Key=" + values(a.delete().key()));
            expressions(pad, null, null, null, a.delete().conditionExpression(), null,
                    a.delete().expressionAttributeNames(), a.delete().expressionAttributeValues());
        } else if (a.conditionCheck() != null) {
            out.println("   [" + n + "] ConditionCheck " + a.conditionCheck().tableName() + " Key="
                    + values(a.conditionCheck().key()));
            expressions(pad, null, null, null, a.conditionCheck().conditionExpression(), null,
                    a.conditionCheck().expressionAttributeNames(), a.conditionCheck().expressionAttributeValues());
        }
    }

    private void expressions(String pad, String key, String update, String filter, String condition,
                             String projection, Map<String, String> names, Map<String, AttributeValue> values) {
        line(pad, "KeyConditionExpression", key);
        line(pad, "UpdateExpression", update);
        line(pad, "FilterExpression", filter);
        line(pad, "ConditionExpression", condition);
        line(pad, "ProjectionExpression", projection);
        if (names != null && !names.isEmpty()) {
            line(pad, "ExpressionAttributeNames", names.toString());
        }
        if (values != null && !values.isEmpty()) {
            line(pad, "ExpressionAttributeValues", values(values));
        }
    }

    private void line(String pad, String name, String text) {
        if (text != null) {
            out.println(pad + String.format("%-27s", name) + text);
        }
    }

    private static String opt(String label, Object value) {
        return value == null ? "" : label + value;
    }

    /** Attribute values as {@code {name=value}}: strings quoted (with unprintable characters escaped), numbers bare. */
    static String values(Map<String, AttributeValue> values) {
        StringBuilder sb = new StringBuilder("{");
        values.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(value(v)));
        return sb.append('}').toString();
    }

    private static String value(AttributeValue v) {
        return switch (v.type()) {
            case S -> quote(v.s());
            case N -> v.n();
            case BOOL -> v.bool().toString();
            case NUL -> "NULL";
            case null -> String.valueOf(v);
            default -> v.type() + ":" + dev.dynamatic.render.AttributeValues.toJava(v);
        };
    }

    /** A string in quotes, with characters a terminal would not show written as {@code \}{@code u{XXXX}}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c) || !Character.isDefined(c) || isNoncharacter(c)
                    || Character.getType(c) == Character.PRIVATE_USE || Character.getType(c) == Character.SURROGATE) {
                sb.append("\\u{").append(Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)).append('}');
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append('"').toString();
    }

    private static boolean isNoncharacter(int c) {
        return (c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF);
    }

    /** Prints values (records through their codec, maps as they are) as a table, one row each. */
    void table(List<?> values) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Object v : values) {
            types.add(v.getClass());
        }
        for (Object v : values) {
            Map<String, Object> row = new LinkedHashMap<>();
            if (types.size() > 1) {
                row.put("(type)", v.getClass().getSimpleName());
            }
            row.putAll(asMap(v));
            rows.add(row);
        }
        if (rows.isEmpty()) {
            out.println("   (no items)");
            return;
        }
        List<String> columns = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            row.keySet().stream().filter(k -> !columns.contains(k)).forEach(columns::add);
        }
        int[] width = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            width[c] = columns.get(c).length();
            for (Map<String, Object> row : rows) {
                width[c] = Math.max(width[c], cell(row.get(columns.get(c))).codePointCount(0,
                        cell(row.get(columns.get(c))).length()));
            }
        }
        StringBuilder header = new StringBuilder("   ");
        StringBuilder rule = new StringBuilder("   ");
        for (int c = 0; c < columns.size(); c++) {
            header.append(c > 0 ? " | " : "").append(pad(columns.get(c), width[c]));
            rule.append(c > 0 ? "-+-" : "").append("-".repeat(width[c]));
        }
        out.println(header.toString().stripTrailing());
        out.println(rule);
        for (Map<String, Object> row : rows) {
            StringBuilder line = new StringBuilder("   ");
            for (int c = 0; c < columns.size(); c++) {
                line.append(c > 0 ? " | " : "").append(pad(cell(row.get(columns.get(c))), width[c]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    @SuppressWarnings("unchecked") // a record's class is Class<? extends Record>, which record(..) takes as Class<R>
    private static <R extends Record> Map<String, Object> asMap(Object v) {
        if (v instanceof Record r) {
            ItemCodec<R> codec = RecordCodec.of((Class<R>) r.getClass());
            return Item.from(codec.encode((R) r));
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(String.valueOf(k), x));
            return copy;
        }
        return Map.of("value", v);
    }

    private static String cell(Object v) {
        String s = switch (v) {
            case null -> "";
            case BigDecimal n -> n.toPlainString();
            default -> v.toString();
        };
        return s.codePointCount(0, s.length()) > MAX_CELL
                ? s.substring(0, s.offsetByCodePoints(0, MAX_CELL - 1)) + "…" : s;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.codePointCount(0, s.length())));
    }
}
