package org.vecsnn.networks;

import org.vecsnn.core.Network;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.input.CurrentInput;
import org.vecsnn.core.input.PoissonDrive;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.equations.EquationModel;
import org.vecsnn.equations.Functions;
import org.vecsnn.equations.OnPre;
import org.vecsnn.networks.EquationNetworks.Built;

/**
 * Brian2's example networks beyond the benchmarks, with their model strings pasted as they are (python-brian-doc's
 * {@code examples/frompapers/Brunel_2000.py}, {@code examples/adaptive_threshold.py} and
 * {@code examples/frompapers/Izhikevich_2003.py}; {@code bench/brian2/examples.py} runs them in Brian2). What Brian2
 * builds around the strings maps onto the core so:
 * <ul>
 * <li>a synapse's {@code on_pre: v += J} with Brian2's delay d is an {@link OnPre} with the core's delay d + dt
 * (Brian2 applies on_pre after the step's update, so it is first integrated in the next step);</li>
 * <li>Brian2's {@code PoissonInput(N, rate, weight)} onto a variable (a Binomial(N, rate·dt) count per step) is a
 * {@link PoissonDrive} of rate N·rate and the same weight onto an {@link OnPre} of that variable (a Poisson count of
 * the same mean; its variance is larger by the factor 1/(1 − rate·dt), 1.004 for Brunel's panel B);</li>
 * <li>a {@code PoissonGroup} is a {@link PoissonSource} (at most one spike per unit and step, as Brian2's);</li>
 * <li>{@code run_regularly("x = s*randn()")} every step is {@link NormalEveryStep}.</li>
 * </ul>
 * One difference stays: Brian2 applies a step's arrivals before the reset, so those that reach a neuron in the step
 * it spikes are lost to its reset; here they arrive at the start of the next step, after the reset.
 */
public final class EquationExamples {
    private EquationExamples() {}

    /** Brunel (2000), its model string as {@code Brunel_2000.py} writes it. */
    public static EquationModel brunelNeuron() {
        return EquationModel.builder("""
                dv/dt = -v/tau : volt (unless refractory)
                """).constant("tau", "20*ms").constant("theta", "20*mV").constant("V_r", "10*mV")
                .constant("tau_rp", "2*ms")
                .threshold("v > theta").reset("v = V_r").refractory("tau_rp").method("exact").build();
    }

    /**
     * Brunel (2000)'s sparse network of {@code nE} excitatory and nE/4 inhibitory neurons, each pair connected with
     * probability {@code epsilon} (C_E = epsilon·nE), J = 0.1 mV, inhibitory weights −g·J, Brian2's delay 1.5 ms,
     * and C_ext = C_E Poisson inputs of weight J at ν_ext = {@code nuExtOverNuThr}·θ/(J·C_E·τ) each. Brian2's
     * example has nE = 10000, epsilon = 0.1; panel B (asynchronous irregular) g = 6, ν_ext/ν_thr = 4. V starts at 0.
     */
    public static Built brunel(int nE, double epsilon, double g, double nuExtOverNuThr, double dt, long seed,
                               Kernels kernels) {
        if (nE < 4) {
            throw org.vecsnn.core.Check.fail("Brunel N_E", nE, "at least 4 (N_I = N_E/4)");
        }
        int nI = (int) Math.round(0.25 * nE);
        int n = nE + nI;
        double j = 0.1;                                   // mV
        double cE = epsilon * nE;
        double nuThr = 20 / (j * cE * 20e-3);             // Hz: θ / (J·C_E·τ), θ in mV, τ in s
        Network net = new Network(dt, kernels).seed(seed);
        NeuronPopulation cells = net.addNeurons("brunel", n, brunelNeuron());
        OnPre exc = new OnPre(cells, "exc", "v += w");
        OnPre inh = new OnPre(cells, "inh", "v += w");    // Brian2's 'v += -g*J', the weight −g·J
        net.connect(cells.range(0, nE), exc).name("E").connector(Connectors.fixedProbability(epsilon, true))
                .weight(j).delay(1.5 + dt).build();
        net.connect(cells.range(nE, n), inh).name("I").connector(Connectors.fixedProbability(epsilon, true))
                .weight(-g * j).delay(1.5 + dt).build();
        net.addCurrent(new PoissonDrive(exc, cE * nuExtOverNuThr * nuThr, j, SplitMix64.mix(seed ^ 0xB2000L)));
        return new Built(net, cells);
    }

    /** The neuron of Brian2's {@code adaptive_threshold.py}: v decays, the threshold vt rises by 3 mV per spike. */
    public static EquationModel adaptiveThresholdNeuron() {
        return EquationModel.builder("""
                dv/dt = -v/(10*ms) : volt
                dvt/dt = (10*mV-vt)/(15*ms) : volt
                """).reset("""
                v = 0*mV
                vt += 3*mV
                """).threshold("v>vt").method("exact").initial("vt", "10*mV").build();
    }

    /**
     * {@code n} independent copies of {@code adaptive_threshold.py}'s neuron, each driven by its own Poisson unit at
     * 500 Hz through {@code on_pre: v += 3*mV} (Brian2's delay 0: one step here).
     */
    public static Built adaptiveThreshold(int n, double dt, long seed, Kernels kernels) {
        Network net = new Network(dt, kernels).seed(seed);
        NeuronPopulation cells = net.addNeurons("IF", n, adaptiveThresholdNeuron());
        PoissonSource pg = net.add(new PoissonSource("PG", n, 500, SplitMix64.mix(seed ^ 0xAD7L)));
        net.connect(pg, new OnPre(cells, "C", "v += w")).connector(Connectors.oneToOne()).weight(3).build();
        return new Built(net, cells);
    }

    /** The neuron of Brian2's {@code Izhikevich_2003.py} (dimensionless: v in mV, time in ms). */
    public static EquationModel izhikevichNeuron() {
        return EquationModel.builder("""
                dv/dt = (0.04*v**2 + 5*v + 140 - u + I + I_noise )/ms : 1
                du/dt = (a*(b*v - u))/ms  : 1
                I : 1
                I_noise : 1
                a : 1
                b : 1
                c : 1
                d : 1
                """).threshold("v>=30").reset("v=c; u+=d").method("euler").build();
    }

    /**
     * Izhikevich (2003)'s network as {@code Izhikevich_2003.py}: 800 excitatory and 200 inhibitory neurons at
     * dt = 1 ms, all to all (self-connections included) with weights 0.5·U(0, 1) from excitatory and −U(0, 1) from
     * inhibitory neurons; a spike raises I by w for one step (Brian2's pathways 'up', delay 0, and 'down',
     * {@code I -= w} 1 ms later: here delays of one and two steps, each pair of projections drawing the same
     * weights from the same seed); I_noise is 5·randn() (excitatory) or 2·randn() (inhibitory) every step.
     */
    public static Built izhikevich(long seed, Kernels kernels) {
        int ne = 800;
        int ni = 200;
        int n = ne + ni;
        Network net = new Network(1.0, kernels).seed(seed);
        NeuronPopulation cells = net.addNeurons("izhikevich", n, izhikevichNeuron());
        SplitMix64 rng = SplitMix64.stream(seed, -1);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = rng.nextDouble();
        }
        cells.set("a", i -> i < ne ? 0.02 : 0.02 + 0.08 * r[i]);
        cells.set("b", i -> i < ne ? 0.2 : 0.25 - 0.05 * r[i]);
        cells.set("c", i -> i < ne ? -65 + 15 * r[i] * r[i] : -65);
        cells.set("d", i -> i < ne ? 8 - 6 * r[i] * r[i] : 2);
        cells.set("V", i -> -65);
        float[] b = cells.state("b");
        cells.set("u", i -> b[i] * -65.0);
        OnPre up = new OnPre(cells, "up", "I += w");
        OnPre down = new OnPre(cells, "down", "I -= w");
        long we = SplitMix64.mix(seed ^ 0x1E);
        long wi = SplitMix64.mix(seed ^ 0x11);
        for (OnPre pathway : new OnPre[] {up, down}) {
            int steps = pathway == up ? 1 : 2;
            net.connect(cells.range(0, ne), pathway).connector(Connectors.allToAll(true)).seed(we)
                    .weights(u -> 0.5 * u.nextDouble()).delaySteps(steps).build();
            net.connect(cells.range(ne, n), pathway).connector(Connectors.allToAll(true)).seed(wi)
                    .weights(u -> -u.nextDouble()).delaySteps(steps).build();
        }
        net.addCurrent(new NormalEveryStep(cells, "I_noise", ne, 5, 2, SplitMix64.mix(seed ^ 0x2003L)));
        return new Built(net, cells);
    }

    /**
     * Brian2's {@code run_regularly("x = s*randn()")} at every step (it runs at the step's start, before the
     * update): sets a parameter of neurons {@code [0, split)} to s1·randn() and of the rest to s2·randn(), a new
     * standard normal number per neuron and step (a hash of the seed, the step and the neuron, as the equations'
     * randn()). It assigns a parameter of the model; it adds nothing to the input.
     */
    static final class NormalEveryStep implements CurrentInput {
        private final NeuronPopulation cells;
        private final String variable;
        private final float[] x;
        private final int split;
        private final float s1;
        private final float s2;
        private final long seed;

        NormalEveryStep(NeuronPopulation cells, String variable, int split, double s1, double s2, long seed) {
            this.cells = cells;
            this.variable = variable;
            this.x = cells.state(variable);
            this.split = split;
            this.s1 = (float) s1;
            this.s2 = (float) s2;
            this.seed = seed;
        }

        @Override
        public NeuronPopulation target() {
            return cells;
        }

        @Override
        public String description() {
            return "run_regularly " + variable + " = s*randn() into " + cells.name() + ", s = " + s1 + " below "
                    + split + ", " + s2 + " from there, seed " + seed;
        }

        @Override
        public void apply(long step, TimeGrid grid, Kernels kernels, int from, int to) {
            for (int i = from; i < Math.min(to, cells.size()); i++) {
                x[i] = (i < split ? s1 : s2) * Functions.normal(seed, step, i, 0);
            }
        }
    }
}
