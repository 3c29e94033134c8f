package org.vecsnn.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecsnn.core.Network;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.models.neuron.AdEx;
import org.vecsnn.models.neuron.ExpIf;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Izhikevich;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.neuron.Qif;

/**
 * One step of N neurons of each model under each integrator, SIMD against plain, with a constant current that keeps
 * them firing (so the spike paths run too). Score: µs per step; divide by N for the cost of one neuron update.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class NeuronModelBenchmark {
    @Param({"lif", "hh", "traub", "expif", "adex", "izhikevich", "qif"})
    String model;

    @Param({"EXPONENTIAL_EULER", "EULER", "RK4"})
    Integrator method;

    @Param({"4000"})
    int n;

    @Param({"vector", "plain"})
    String kernels;

    private Network net;

    @Setup
    public void build() {
        NeuronModel m = switch (model) {
            case "lif" -> Lif.defaults().withMethod(method);
            case "hh" -> HodgkinHuxley.squid().withMethod(method);
            case "traub" -> HodgkinHuxley.traubMiles().withMethod(method);
            case "expif" -> ExpIf.defaults().withMethod(method);
            case "adex" -> AdEx.defaults().withMethod(method);
            case "izhikevich" -> Izhikevich.defaults().withMethod(method);
            case "qif" -> Qif.defaults().withMethod(method);
            default -> throw new IllegalArgumentException("model = " + model);
        };
        double current = switch (model) {
            case "lif" -> 30;
            case "traub" -> 300;
            default -> 10;
        };
        boolean hh = m instanceof HodgkinHuxley;
        net = new Network(hh ? 0.01 : 0.1, kernels.equals("plain") ? new PlainKernels() : KernelProvider.get());
        NeuronPopulation p = net.addNeurons("n", n, m);
        net.addCurrent(TimedCurrent.constant(p.all(), current));
        for (int s = 0; s < 1000; s++) {
            net.step();
        }
    }

    @Benchmark
    public void step() {
        net.step();
    }
}
