package dev.dynamatic.bench;

import dev.dynamatic.render.Rendered;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Measurement 1: rendering intents (a), (b) and (c) of {@link Intents} with this library, the SDK v1
 * {@code ExpressionSpecBuilder}, the SDK v2 Enhanced Client and a hand-written floor. Every method returns
 * one object holding the expressions and maps, which JMH consumes: a {@link Rendered} for this library, an
 * {@link Intents.Output} for the others.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RenderBench {

    private final Intents.Inputs in = new Intents.Inputs();
    private final Intents.Prebuilt prebuilt = new Intents.Prebuilt(in);

    /** Creates the state. */
    public RenderBench() {
    }

    /** (a) this library, tree built and rendered. */
    @Benchmark
    public Rendered a_dynamatic() {
        return Intents.dynamaticA(in);
    }

    /** (a) this library, tree built once. */
    @Benchmark
    public Rendered a_dynamaticPrebuilt() {
        return prebuilt.a();
    }

    /** (a) SDK v1. */
    @Benchmark
    public Intents.Output a_sdkV1() {
        return Intents.sdkV1A(in);
    }

    /** (a) SDK v2 Enhanced. */
    @Benchmark
    public Intents.Output a_enhanced() {
        return Intents.enhancedA(in);
    }

    /** (a) hand-written floor. */
    @Benchmark
    public Intents.Output a_floor() {
        return Intents.floorA(in);
    }

    /** (b) this library, tree built and rendered. */
    @Benchmark
    public Rendered b_dynamatic() {
        return Intents.dynamaticB(in);
    }

    /** (b) this library written with typed references, tree built and rendered. */
    @Benchmark
    public Rendered b_dynamaticRefs() {
        return Intents.dynamaticRefsB(in);
    }

    /** (b) this library, tree built once. */
    @Benchmark
    public Rendered b_dynamaticPrebuilt() {
        return prebuilt.b();
    }

    /** (b) SDK v1. */
    @Benchmark
    public Intents.Output b_sdkV1() {
        return Intents.sdkV1B(in);
    }

    /** (b) SDK v2 Enhanced. */
    @Benchmark
    public Intents.Output b_enhanced() {
        return Intents.enhancedB(in);
    }

    /** (b) hand-written floor. */
    @Benchmark
    public Intents.Output b_floor() {
        return Intents.floorB(in);
    }

    /** (c) this library, tree built and rendered. */
    @Benchmark
    public Rendered c_dynamatic() {
        return Intents.dynamaticC(in);
    }

    /** (c) this library, tree built once. */
    @Benchmark
    public Rendered c_dynamaticPrebuilt() {
        return prebuilt.c();
    }

    /** (c) SDK v1. */
    @Benchmark
    public Intents.Output c_sdkV1() {
        return Intents.sdkV1C(in);
    }

    /** (c) SDK v2 Enhanced. */
    @Benchmark
    public Intents.Output c_enhanced() {
        return Intents.enhancedC(in);
    }

    /** (c) hand-written floor. */
    @Benchmark
    public Intents.Output c_floor() {
        return Intents.floorC(in);
    }
}
