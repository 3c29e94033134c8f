package org.vecsnn.networks;

import java.util.function.IntToDoubleFunction;
import org.vecsnn.core.Network;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.equations.EquationModel;
import org.vecsnn.equations.OnPre;

/**
 * Brian2's CUBA and COBAHH examples, and COBA as {@code bench/brian2/benchmark.py} writes it, with their model strings
 * pasted as they are ({@link EquationModel}) and
 * {@code on_pre} synapses ({@link OnPre}), built with {@link BenchmarkNetworks}' connectivity, start values and
 * weights, so that the two can be compared run for run (see {@code docs/EQUATIONS.md}).
 */
public final class EquationNetworks {
    private EquationNetworks() {}

    /** A network and its one population. */
    public record Built(Network network, NeuronPopulation neurons) {}

    /**
     * COBA as {@link BenchmarkNetworks#coba} runs it ("COBA + I"), in the strings of {@code bench/brian2/benchmark.py}:
     * forward Euler for v and for the conductances (the built-in decays them exactly).
     */
    public static EquationModel cobaNeuron() {
        return EquationModel.builder("""
                dv/dt = (-(v - el) + ge*(ee - v) + gi*(ei - v) + drive)/taum : volt (unless refractory)
                dge/dt = -ge/taue : 1
                dgi/dt = -gi/taui : 1
                """).constant("taum", "20*ms").constant("taue", "5*ms").constant("taui", "10*ms")
                .constant("vt", "-50*mV").constant("vr", "-60*mV").constant("el", "-60*mV").constant("ee", "0*mV")
                .constant("ei", "-80*mV").constant("drive", "20*mV")
                .threshold("v > vt").reset("v = vr").refractory("5*ms").method("euler").build();
    }

    /** The neuron of Brian2's {@code examples/CUBA.py}. */
    public static EquationModel cubaNeuron() {
        return EquationModel.builder("""
                dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
                dge/dt = -ge/taue : volt
                dgi/dt = -gi/taui : volt
                """).constant("taum", "20*ms").constant("taue", "5*ms").constant("taui", "10*ms")
                .constant("Vt", "-50*mV").constant("Vr", "-60*mV").constant("El", "-49*mV")
                .threshold("v>Vt").reset("v = Vr").refractory("5*ms").method("exact").build();
    }

    /** The neuron of Brian2's {@code examples/COBAHH.py}. */
    public static EquationModel cobahhNeuron() {
        return EquationModel.builder("""
                dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
                         g_na*(m*m*m)*h*(v-ENa)-
                         g_kd*(n*n*n*n)*(v-EK))/Cm : volt
                dm/dt = alpha_m*(1-m)-beta_m*m : 1
                dn/dt = alpha_n*(1-n)-beta_n*n : 1
                dh/dt = alpha_h*(1-h)-beta_h*h : 1
                dge/dt = -ge*(1./taue) : siemens
                dgi/dt = -gi*(1./taui) : siemens
                alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
                beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
                alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
                beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
                alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
                beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
                """).constant("Cm", "(1*ufarad*cm**-2) * 20000*umetre**2")
                .constant("gl", "(5e-5*siemens*cm**-2) * 20000*umetre**2").constant("El", "-60*mV")
                .constant("EK", "-90*mV").constant("ENa", "50*mV")
                .constant("g_na", "(100*msiemens*cm**-2) * 20000*umetre**2")
                .constant("g_kd", "(30*msiemens*cm**-2) * 20000*umetre**2").constant("VT", "-63*mV")
                .constant("taue", "5*ms").constant("taui", "10*ms").constant("Ee", "0*mV").constant("Ei", "-80*mV")
                .threshold("v>-20*mV").refractory("3*ms").method("exponential_euler").build();
    }

    /** COBA: V0 ~ Normal(−55, 5) mV, we = 0.6, wi = 6.7 (units of g_L), as {@link BenchmarkNetworks#coba}. */
    public static Built coba(int n, double dt, long seed, Kernels kernels) {
        SplitMix64 init = SplitMix64.stream(seed, -1);
        return build("coba", cobaNeuron(), n, dt, seed, kernels, i -> -55 + 5 * init.nextGaussian(), null, 0.6,
                6.7);
    }

    /** CUBA: V0 ~ Uniform(−60, −50) mV, we = 1.62 mV, wi = −9 mV, as {@link BenchmarkNetworks#cuba}. */
    public static Built cuba(int n, double dt, long seed, Kernels kernels) {
        SplitMix64 init = SplitMix64.stream(seed, -1);
        return build("cuba", cubaNeuron(), n, dt, seed, kernels, i -> -60 + 10 * init.nextDouble(), null,
                60 * 0.27 / 10, -20 * 4.5 / 10);
    }

    /**
     * COBAHH: V0 = E_L + (5·randn − 5) mV, ge = (1.5·randn + 4)·10 nS, gi = (12·randn + 20)·10 nS, we = 6 nS,
     * wi = 67 nS, as {@link BenchmarkNetworks#cobahh}.
     */
    public static Built cobahh(int n, double dt, long seed, Kernels kernels) {
        SplitMix64 init = SplitMix64.stream(seed, -1);
        return build("cobahh", cobahhNeuron(), n, dt, seed, kernels, i -> -60 + 5 * init.nextGaussian() - 5, init,
                6, 67);
    }

    /** {@code coba}, {@code cuba} or {@code cobahh}. */
    public static Built byName(String name, int n, double dt, long seed, Kernels kernels) {
        return switch (name) {
            case "coba" -> coba(n, dt, seed, kernels);
            case "cuba" -> cuba(n, dt, seed, kernels);
            case "cobahh" -> cobahh(n, dt, seed, kernels);
            default -> throw org.vecsnn.core.Check.fail("network from equations", name, "coba, cuba or cobahh");
        };
    }

    private static Built build(String name, EquationModel model, int n, double dt, long seed, Kernels kernels,
                               IntToDoubleFunction v0, SplitMix64 conductances, double we, double wi) {
        int excitatory = (int) Math.round(0.8 * n);
        double p = Math.min(1.0, BenchmarkNetworks.IN_DEGREE / n);
        Network net = new Network(dt, kernels).seed(seed);
        NeuronPopulation cells = net.addNeurons(name, n, model);
        cells.set("V", v0);
        if (conductances != null) {
            cells.set("ge", i -> (1.5 * conductances.nextGaussian() + 4) * 10);
            cells.set("gi", i -> (12 * conductances.nextGaussian() + 20) * 10);
        }
        net.connect(cells.range(0, excitatory), new OnPre(cells, "Ce", "ge += w")).name("E")
                .connector(Connectors.fixedProbability(p, true)).weight(we).build();
        net.connect(cells.range(excitatory, n), new OnPre(cells, "Ci", "gi += w")).name("I")
                .connector(Connectors.fixedProbability(p, true)).weight(wi).build();
        return new Built(net, cells);
    }
}
