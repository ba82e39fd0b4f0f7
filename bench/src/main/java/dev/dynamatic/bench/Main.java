package dev.dynamatic.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite in one go (with {@code -prof gc}) and writes a Markdown report: the machine, every
 * benchmark's median time and allocation, the ratios against each target, and each library's rendered output.
 *
 * <p>Arguments: {@code [--quick] [--out FILE] [REGEX...]}; {@code --quick} is a one-fork smoke run whose
 * numbers mean nothing; the regexes select benchmarks as JMH's do (default: all).
 */
public final class Main {

    private static final String ALLOC = "gc.alloc.rate.norm";
    /** Items written per batch-benchmark operation (BatchBench writes this many). */
    static final int BATCH_ITEMS = 10_000;

    private Main() {
    }

    /**
     * Runs the suite.
     *
     * @param args {@code [--quick] [--out FILE] [REGEX...]}
     * @throws Exception if JMH fails or the report cannot be written
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path out = Path.of("bench", "target", "bench-results.md");
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                default -> patterns.add(args[i]);
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path json = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.md$", "") + "-jmh.json");

        Map<String, Stats> stats = new LinkedHashMap<>();
        String loadBefore = loadAverage();
        // Time-based benchmarks: nanoseconds per call.
        stats.putAll(run(timed(quick, patterns, sibling(json, "render"), 3, 3, List.of("RenderBench", "ParseBench", "CodecBench"))));
        // The SDK's request path is large: the JIT needs longer before its time per call settles, and how it
        // compiles that path differs from fork to fork by more than the 5% to be resolved: more forks.
        stats.putAll(run(timed(quick, patterns, sibling(json, "executor"), 10, 5, List.of("ExecutorBench"))));
        // Batch writes: one 10,000-item write per single-shot iteration against a real local server.
        stats.putAll(run(batch(quick, patterns, sibling(json, "batch"))));

        String load = "Load average (1, 5, 15 min) at the start: " + loadBefore + "; at the end: " + loadAverage() + ".\n";
        String report = Report.markdown(stats, quick, load, renderedOutput());
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("Report written to " + out.toAbsolutePath());
    }

    /** {@return the machine's load averages, to tell a quiet run from a busy one} */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Path sibling(Path json, String part) {
        return json.resolveSibling(json.getFileName().toString().replace("-jmh.json", "-" + part + "-jmh.json"));
    }

    private static ChainedOptionsBuilder timed(boolean quick, List<String> patterns, Path json, int warmups, int forks,
                                               List<String> classes) {
        ChainedOptionsBuilder o = common(quick, patterns, json, classes).forks(quick ? 1 : forks);
        return o.warmupIterations(quick ? 1 : warmups).warmupTime(TimeValue.milliseconds(quick ? 300 : 1000))
                .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.milliseconds(quick ? 300 : 1000));
    }

    private static ChainedOptionsBuilder batch(boolean quick, List<String> patterns, Path json) {
        // Iteration counts come from BatchBench's own annotations (single shot), except in a smoke run.
        ChainedOptionsBuilder o = common(quick, patterns, json, List.of("BatchBench"));
        return quick ? o.warmupIterations(1).measurementIterations(2) : o;
    }

    private static ChainedOptionsBuilder common(boolean quick, List<String> patterns, Path json, List<String> classes) {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .forks(quick ? 1 : 3)
                .addProfiler(GCProfiler.class)
                .addProfiler(CpuProfiler.class)
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        for (String c : classes) {
            if (patterns.isEmpty()) {
                o.include("\\." + c + "\\.");
            } else {
                for (String p : patterns) {
                    o.include("\\." + c + "\\..*" + p);
                }
            }
        }
        return o;
    }

    private static Map<String, Stats> run(ChainedOptionsBuilder options) throws RunnerException, InterruptedException {
        Collection<RunResult> results;
        for (int waited = 0; ; waited++) {
            try {
                results = new Runner(options.build()).run();
                break;
            } catch (NoBenchmarksException e) {
                return Map.of();
            } catch (RunnerException e) {
                // Another JMH run on this machine holds JMH's lock: wait for it (up to an hour) rather than
                // measuring two suites against each other.
                if (e.getMessage() == null || !e.getMessage().contains("JMH lock") || waited == 240) {
                    throw e;
                }
                System.err.println("Another JMH run holds /tmp/jmh.lock; waiting for it to finish...");
                Thread.sleep(15_000);
            }
        }
        Map<String, Stats> stats = new LinkedHashMap<>();
        for (RunResult rr : results) {
            String name = rr.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1); // Class.method
            stats.put(name, Stats.of(rr));
        }
        return stats;
    }

    /** Each library's rendering of each intent, for checking equivalence by eye. */
    private static String renderedOutput() {
        Intents.Inputs in = new Intents.Inputs();
        Map<String, Supplier<Intents.Output>> all = new LinkedHashMap<>();
        all.put("(a) dynamatic", () -> Intents.Output.of(Intents.dynamaticA(in)));
        all.put("(a) SDK v1 xspec", () -> Intents.sdkV1A(in));
        all.put("(a) SDK v2 Enhanced", () -> Intents.enhancedA(in));
        all.put("(a) hand-written", () -> Intents.floorA(in));
        all.put("(b) dynamatic", () -> Intents.Output.of(Intents.dynamaticB(in)));
        all.put("(b) SDK v1 xspec", () -> Intents.sdkV1B(in));
        all.put("(b) SDK v2 Enhanced", () -> Intents.enhancedB(in));
        all.put("(b) hand-written", () -> Intents.floorB(in));
        all.put("(c) dynamatic", () -> Intents.Output.of(Intents.dynamaticC(in)));
        all.put("(c) SDK v1 xspec", () -> Intents.sdkV1C(in));
        all.put("(c) SDK v2 Enhanced", () -> Intents.enhancedC(in));
        all.put("(c) hand-written", () -> Intents.floorC(in));
        StringBuilder sb = new StringBuilder();
        all.forEach((label, render) -> {
            Intents.Output r = render.get();
            sb.append(label).append('\n');
            line(sb, "KeyConditionExpression", r.keyConditionExpression());
            line(sb, "UpdateExpression", r.updateExpression());
            line(sb, "ConditionExpression/Filter", r.conditionExpression());
            line(sb, "ProjectionExpression", r.projectionExpression());
            line(sb, "names", r.names() == null || r.names().isEmpty() ? null : new TreeMap<>(r.names()).toString());
            line(sb, "values",
                    r.values() == null || r.values().isEmpty() ? null : new TreeMap<>(r.values()).toString());
        });
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String text) {
        if (text != null) {
            sb.append("  ").append(label).append(": ").append(text).append('\n');
        }
    }

    /**
     * One benchmark's numbers: median over all measured iterations of all forks, JMH's 99.9% confidence
     * half-interval of the mean, and the same for bytes allocated per operation.
     */
    record Stats(String unit, double median, double error, double allocMedian, double cpuMedian, double cpuError,
                 int samples) {
        static Stats of(RunResult rr) {
            List<Double> scores = new ArrayList<>();
            List<Double> allocs = new ArrayList<>();
            List<Double> cpus = new ArrayList<>();
            for (BenchmarkResult br : rr.getBenchmarkResults()) {
                for (IterationResult ir : br.getIterationResults()) {
                    scores.add(ir.getPrimaryResult().getScore());
                    Result<?> a = ir.getSecondaryResults().get(ALLOC);
                    if (a != null) {
                        allocs.add(a.getScore());
                    }
                    Result<?> c = ir.getSecondaryResults().get(CpuProfiler.LABEL);
                    if (c != null) {
                        cpus.add(c.getScore());
                    }
                }
            }
            Result<?> primary = rr.getPrimaryResult();
            Result<?> cpu = rr.getSecondaryResults().get(CpuProfiler.LABEL);
            return new Stats(primary.getScoreUnit(), median(scores), primary.getScoreError(),
                    allocs.isEmpty() ? Double.NaN : median(allocs),
                    cpus.isEmpty() ? Double.NaN : median(cpus), cpu == null ? Double.NaN : cpu.getScoreError(),
                    scores.size());
        }

        private static double median(List<Double> xs) {
            List<Double> sorted = new ArrayList<>(xs);
            sorted.sort(null);
            int n = sorted.size();
            return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    /** The Markdown report. */
    static final class Report {
        private Report() {
        }

        static String markdown(Map<String, Stats> s, boolean quick, String load, String rendered) {
            StringBuilder md = new StringBuilder();
            md.append("## Benchmark results\n\n");
            if (quick) {
                md.append("**Smoke run (`--quick`): one fork, short iterations; these numbers mean nothing.**\n\n");
            }
            md.append(machine()).append(load).append('\n');
            md.append("Median over all measured iterations of all forks (3 forks; 5 for the executor); ± is JMH's 99.9% confidence half-interval. ")
                    .append("Allocation is `gc.alloc.rate.norm` from `-prof gc` (bytes per operation). CPU is the ")
                    .append("benchmark JVM's CPU time per operation (all threads): on a shared machine it holds up ")
                    .append("better than wall time, which grows whenever other processes take the cores.\n\n");
            rendering(md, s);
            executor(md, s);
            batch(md, s);
            codec(md, s);
            parsing(md, s);
            md.append("### Rendered output, for checking equivalence by eye\n\n```\n").append(rendered).append("```\n\n")
                    .append("Note: ").append(Intents.V1_NO_SIZE).append(" (`items > :n` for `size(items) > :n`).\n");
            return md.toString();
        }

        private static String machine() {
            String cpu = "unknown CPU";
            try {
                cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            } catch (IOException | RuntimeException e) {
                // not Linux: leave it unknown
            }
            return "Machine: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "; JDK "
                    + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + "); JMH 1.37; "
                    + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")) + ".\n";
        }

        private static void rendering(StringBuilder md, Map<String, Stats> s) {
            if (s.keySet().stream().noneMatch(k -> k.startsWith("RenderBench."))) {
                return;
            }
            md.append("### 1. Rendering (ns/op, B/op)\n\n")
                    .append("| intent | variant | wall ns/op | CPU ns/op | B/op | wall ÷ floor | CPU ÷ floor | alloc ÷ floor |\n")
                    .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
            String[] variants = {"dynamatic", "dynamaticPrebuilt", "sdkV1", "enhanced", "floor"};
            Map<String, String> labels = Map.of("dynamatic", "**dynamatic** (build + render)",
                    "dynamaticPrebuilt", "dynamatic (render a prebuilt tree)", "sdkV1", "SDK v1 xspec",
                    "enhanced", "SDK v2 Enhanced", "floor", "hand-written floor");
            for (String intent : List.of("a", "b", "c")) {
                Stats floor = s.get("RenderBench." + intent + "_floor");
                for (String v : variants) {
                    Stats x = s.get("RenderBench." + intent + "_" + v);
                    if (x == null) {
                        continue;
                    }
                    md.append("| (").append(intent).append(") | ").append(labels.get(v)).append(" | ")
                            .append(time(x)).append(" | ").append(cpu(x)).append(" | ").append(alloc(x)).append(" | ")
                            .append(floor == null ? "" : ratio(x.median() / floor.median())).append(" | ")
                            .append(floor == null ? "" : ratio(x.cpuMedian() / floor.cpuMedian())).append(" | ")
                            .append(floor == null ? "" : ratio(x.allocMedian() / floor.allocMedian())).append(" |\n");
                }
            }
            md.append("\nTargets (dynamatic = build + render; times as wall / CPU, judged on CPU time):\n\n")
                    .append("| intent | target | measured | goal | met |\n|---|---|---:|---|---|\n");
            for (String intent : List.of("a", "b", "c")) {
                Stats ours = s.get("RenderBench." + intent + "_dynamatic");
                Stats floor = s.get("RenderBench." + intent + "_floor");
                Stats v1 = s.get("RenderBench." + intent + "_sdkV1");
                Stats v2 = s.get("RenderBench." + intent + "_enhanced");
                if (ours == null) {
                    continue;
                }
                boolean gated = !intent.equals("a");
                if (floor != null) {
                    double r = ours.allocMedian() / floor.allocMedian();
                    target(md, intent, "allocation ÷ floor (hard gate)", ratio(r), "≤ 1.5×", r <= 1.5);
                }
                if (v1 != null && v2 != null) {
                    double r = Math.min(v1.median(), v2.median()) / ours.median();
                    double c = Math.min(v1.cpuMedian(), v2.cpuMedian()) / ours.cpuMedian();
                    target(md, intent, "speed-up over faster of v1/v2 (" + (v1.median() <= v2.median() ? "v1" : "v2") + ")",
                            ratio(r) + " / " + ratio(c), gated ? "≥ 3×" : "(not a target)", !gated || c >= 3);
                }
                if (floor != null) {
                    double r = ours.median() / floor.median();
                    double c = ours.cpuMedian() / floor.cpuMedian();
                    target(md, intent, "time ÷ floor", ratio(r) + " / " + ratio(c), gated ? "≤ 1.5×" : "(not a target)",
                            !gated || c <= 1.5);
                }
            }
            md.append('\n');
        }

        private static void executor(StringBuilder md, Map<String, Stats> s) {
            if (s.keySet().stream().noneMatch(k -> k.startsWith("ExecutorBench."))) {
                return;
            }
            md.append("### 2. Executor overhead (in-process HTTP client, fixed recorded response)\n\n")
                    .append("Judged on CPU time.\n\n")
                    .append("| call | raw SDK wall ns/op | dynamatic wall ns/op | wall overhead | raw CPU ns/op | dynamatic CPU ns/op | CPU overhead | raw B/op | dynamatic B/op | goal | met |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
            for (String op : List.of("update", "query")) {
                Stats raw = s.get("ExecutorBench." + op + "_raw");
                Stats ours = s.get("ExecutorBench." + op + "_dynamatic");
                if (raw == null || ours == null) {
                    continue;
                }
                double overhead = ours.median() / raw.median() - 1;
                double cpuOverhead = ours.cpuMedian() / raw.cpuMedian() - 1;
                md.append("| ").append(op.equals("update") ? "UpdateItem (b), ALL_NEW" : "Query (c), 10 items")
                        .append(" | ").append(time(raw)).append(" | ").append(time(ours)).append(" | ")
                        .append(String.format(Locale.ROOT, "%+.1f%%", overhead * 100)).append(" | ")
                        .append(cpu(raw)).append(" | ").append(cpu(ours)).append(" | ")
                        .append(String.format(Locale.ROOT, "%+.1f%%", cpuOverhead * 100)).append(" | ")
                        .append(alloc(raw)).append(" | ").append(alloc(ours)).append(" | ≤ +5% | ")
                        .append(cpuOverhead <= 0.05 ? "yes" : "**no**").append(" |\n");
            }
            md.append('\n');
        }

        private static void batch(StringBuilder md, Map<String, Stats> s) {
            Stats raw = s.get("BatchBench.raw");
            Stats ours = s.get("BatchBench.dynamatic");
            if (raw == null || ours == null) {
                return;
            }
            Function<Stats, Double> perSecond = x -> BATCH_ITEMS / toSeconds(x.median(), x.unit());
            double r = perSecond.apply(ours) / perSecond.apply(raw);
            md.append("### 3. Batch write, ").append(BATCH_ITEMS).append(" items, local dynoxide\n\n")
                    .append("| variant | time per batch | items/s | ratio | goal | met |\n|---|---:|---:|---:|---|---|\n")
                    .append("| raw SDK loop of BatchWriteItem (25 per call) | ").append(time(raw)).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", perSecond.apply(raw))).append(" | 1.00× | | |\n")
                    .append("| dynamatic batchWrite | ").append(time(ours)).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", perSecond.apply(ours))).append(" | ").append(ratio(r))
                    .append(" | ≥ 0.9× | ").append(r >= 0.9 ? "yes" : "**no**").append(" |\n\n");
        }

        private static void codec(StringBuilder md, Map<String, Stats> s) {
            if (s.keySet().stream().noneMatch(k -> k.startsWith("CodecBench."))) {
                return;
            }
            Map<String, String> labels = Map.of("jackson", "**dynamatic `JacksonCodec`**",
                    "beanTableSchema", "SDK v2 Enhanced `BeanTableSchema`",
                    "jsonNode", "Jackson through a `JsonNode` tree",
                    "jsonText", "Jackson through JSON text (reference)",
                    "tokenBuffer", "Jackson through a `TokenBuffer` (reference)");
            md.append("### 4. Jackson item codec (issue 8): a 20-field bean to and from `Map<String,AttributeValue>`\n\n")
                    .append("| direction | variant | wall ns/op | CPU ns/op | B/op |\n|---|---|---:|---:|---:|\n");
            for (String op : List.of("encode", "decode")) {
                s.forEach((k, x) -> {
                    if (k.startsWith("CodecBench." + op + "_")) {
                        String v = k.substring(("CodecBench." + op + "_").length());
                        md.append("| ").append(op).append(" | ").append(labels.getOrDefault(v, v)).append(" | ")
                                .append(time(x)).append(" | ").append(cpu(x)).append(" | ").append(alloc(x)).append(" |\n");
                    }
                });
            }
            md.append("\nTargets (judged on CPU time):\n\n| direction | target | measured | goal | met |\n|---|---|---:|---|---|\n");
            for (String op : List.of("encode", "decode")) {
                Stats ours = s.get("CodecBench." + op + "_jackson");
                Stats bean = s.get("CodecBench." + op + "_beanTableSchema");
                Stats node = s.get("CodecBench." + op + "_jsonNode");
                if (ours == null) {
                    continue;
                }
                if (bean != null) {
                    double r = ours.cpuMedian() / bean.cpuMedian();
                    md.append("| ").append(op).append(" | time ÷ `BeanTableSchema` | ").append(ratio(r))
                            .append(" | ≤ 1× | ").append(r <= 1 ? "yes" : "**no**").append(" |\n");
                }
                if (node != null) {
                    double r = node.cpuMedian() / ours.cpuMedian();
                    md.append("| ").append(op).append(" | speed-up over the `JsonNode` route | ").append(ratio(r))
                            .append(" | ≥ 2× | ").append(r >= 2 ? "yes" : "**no**").append(" |\n");
                }
            }
            md.append('\n');
        }

        private static void parsing(StringBuilder md, Map<String, Stats> s) {
            List<String> keys = s.keySet().stream().filter(k -> k.startsWith("ParseBench.")).toList();
            if (keys.isEmpty()) {
                return;
            }
            md.append("### Parsing (issue 7): `Expressions.parse*` back to trees\n\n| case | ns/op | B/op |\n|---|---:|---:|\n");
            for (String k : keys) {
                md.append("| ").append(k.substring("ParseBench.".length())).append(" | ").append(time(s.get(k)))
                        .append(" | ").append(alloc(s.get(k))).append(" |\n");
            }
            md.append('\n');
        }

        private static void target(StringBuilder md, String intent, String what, String measured, String goal, boolean met) {
            md.append("| (").append(intent).append(") | ").append(what).append(" | ").append(measured).append(" | ")
                    .append(goal).append(" | ").append(goal.startsWith("(") ? "–" : met ? "yes" : "**no**").append(" |\n");
        }

        private static double toSeconds(double value, String unit) {
            return switch (unit) {
                case "s/op" -> value;
                case "ms/op" -> value / 1e3;
                case "us/op" -> value / 1e6;
                default -> value / 1e9;
            };
        }

        private static String time(Stats x) {
            return String.format(Locale.ROOT, "%,.1f ± %,.1f %s", x.median(), x.error(), x.unit().replace("/op", ""));
        }

        private static String cpu(Stats x) {
            return Double.isNaN(x.cpuMedian()) ? "–" : String.format(Locale.ROOT, "%,.1f ± %,.1f", x.cpuMedian(), x.cpuError());
        }

        private static String alloc(Stats x) {
            return Double.isNaN(x.allocMedian()) ? "–" : String.format(Locale.ROOT, "%,.0f", x.allocMedian());
        }

        private static String ratio(double r) {
            return String.format(Locale.ROOT, "%.2f×", r);
        }
    }
}
