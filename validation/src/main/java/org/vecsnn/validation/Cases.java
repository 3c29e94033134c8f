package org.vecsnn.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.DualExponentialReceptor.Normalisation;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.models.synapse.KineticModel;
import org.vecsnn.models.synapse.KineticReceptor;

/** The validation cases: closed forms where they exist, double-precision RK4 where they do not. */
public final class Cases {
    /** The step sizes of the convergence study (ms). */
    public static final double[] CONVERGENCE = {0.2, 0.1, 0.05, 0.025, 0.0125};
    /** Those that make the default transmitter pulses (0.3, 0.5, 1 ms) whole numbers of steps. */
    public static final double[] PULSE_CONVERGENCE = {0.1, 0.05, 0.025, 0.0125};
    private static final double[] SUMMARY = {0.1};
    /** The step size of the summary table (ms). */
    public static final double SUMMARY_DT = 0.1;

    static final String FLOAT_REASON = "exact integration: only float32 rounding remains (about 1e-7 relative per "
            + "operation, accumulated over the steps)";
    static final String FIRST_ORDER_REASON = "first-order method: error about C·dt; bound 0.6·dt/ms of the peak";

    private Cases() {}

    /** A passive LIF (its threshold out of reach) at rest at −65 mV. */
    static Lif passive(double tau, Integrator method) {
        return new Lif(-65, -70, 1e6, tau, 1, 0, method);
    }

    /** A Poisson train (40 Hz, 150 ms, seeded) on a 0.2 ms grid, so that it is on every step size's grid. */
    static double[] poissonTrain() {
        SplitMix64 rng = new SplitMix64(2026);
        List<Double> times = new ArrayList<>();
        for (int bin = 0; bin < 750; bin++) {
            if (rng.nextDouble() < 40 * 0.2e-3) {
                times.add(bin * 0.2);
            }
        }
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static final double[] ONE_SPIKE = {1.0};
    private static final double[] TRAIN = poissonTrain();

    private static IntToDoubleFunction sum(double[] t, double[] arrivals,
            java.util.function.DoubleUnaryOperator kernel) {
        return k -> {
            double total = 0;
            for (double a : arrivals) {
                total += kernel.applyAsDouble(t[k] - a);
            }
            return total;
        };
    }

    /** The axes of the synaptic variable's trace: s in the unit of the weight that drives it. */
    static final ValidationCase.Axes SYNAPTIC = ValidationCase.Axes.overTime("s (units of the weight w)");
    /** The axes of a membrane's response: V's deviation from rest. */
    static final ValidationCase.Axes DEVIATION_FROM_REST = ValidationCase.Axes.overTime("V − V_rest (mV)");
    /** The axes of a kinetic synapse's trace: the fraction of open channels. */
    static final ValidationCase.Axes OPEN_FRACTION = ValidationCase.Axes.overTime("s (open fraction, 0 to 1)");

    private static ValidationCase linearKernel(String name, Function<NeuronPopulation, SynapticInput> synapse,
                                               double w, double[] spikes, double[] delays,
                                               java.util.function.DoubleUnaryOperator kernelOfW) {
        return linearKernel(name, synapse, w, spikes, delays, kernelOfW, SUMMARY, 160, FLOAT_REASON);
    }

    /** Spikes through a linear synapse onto passive LIFs, one per delay; the synapse's state against its kernel. */
    static ValidationCase linearKernel(String name, Function<NeuronPopulation, SynapticInput> synapse, double w,
                                       double[] spikes, double[] delays,
                                       java.util.function.DoubleUnaryOperator kernelOfW, double[] steps,
                                       double durationMs, String reason) {
        return new ValidationCase(name, "exact", 0, steps, dt -> 1e-5, true, "", SYNAPTIC, reason,
                (dt, kernels) -> {
                    Harness.Sampled s = Harness.run(dt, kernels, passive(10, Integrator.EXPONENTIAL_EULER), synapse,
                            spikes, w, delays, durationMs, "s");
                    Comparison[] parts = new Comparison[delays.length];
                    for (int j = 0; j < delays.length; j++) {
                        // from the arrival on (u = 0 included: a single exponential holds w at its step's
                        // start; the other kernels are 0 there)
                        parts[j] = s.compare(j, arrivals -> sum(s.t(), arrivals,
                                u -> u > -1e-9 ? kernelOfW.applyAsDouble(Math.max(u, 0)) : 0));
                    }
                    return Comparison.concat(parts);
                });
    }

    static List<ValidationCase> all() {
        List<ValidationCase> cases = new ArrayList<>();
        double[] oneDelay = {0.1};
        double[] threeDelays = {0.2, 1.0, 3.4};
        // the synaptic kernels
        double w = 0.8;
        cases.add(linearKernel("alpha (seed's jump), one spike",
                p -> DualExponentialReceptor.alpha(p, "s", 3, Normalisation.JUMP,
                        SynapticOutput.current()), w, ONE_SPIKE, oneDelay,
                u -> w * u * Math.exp(-u / 3)));
        cases.add(linearKernel("alpha (peak 1), Poisson train",
                p -> DualExponentialReceptor.alpha(p, "s", 3, Normalisation.PEAK,
                        SynapticOutput.current()), w, TRAIN, oneDelay,
                u -> w * Math.E / 3 * u * Math.exp(-u / 3)));
        double peak = Analytic.dualExponentialPeak(1, 10);
        cases.add(linearKernel("dual exponential (1, 10 ms), one spike",
                p -> DualExponentialReceptor.dualExponential(p, "s", 1, 10, Normalisation.PEAK,
                        SynapticOutput.current()), w, ONE_SPIKE,
                oneDelay, u -> Analytic.dualExponential(w / peak, 1, 10, u)));
        cases.add(linearKernel("dual exponential, Poisson train",
                p -> DualExponentialReceptor.dualExponential(p, "s", 1, 10, Normalisation.JUMP,
                        SynapticOutput.conductance(0)), w, TRAIN,
                oneDelay, u -> Analytic.dualExponential(w, 1, 10, u)));
        cases.add(linearKernel("dual exponential, per-synapse delays 0.2/1.0/3.4 ms",
                p -> DualExponentialReceptor.dualExponential(p, "s", 2, 5, Normalisation.JUMP,
                        SynapticOutput.current()), w, TRAIN,
                threeDelays, u -> Analytic.dualExponential(w, 2, 5, u)));
        cases.add(linearKernel("dual exponential, tau_r = 9.99 near tau_d = 10 ms",
                p -> DualExponentialReceptor.dualExponential(p, "s", 9.99, 10, Normalisation.JUMP,
                        SynapticOutput.current()), w, TRAIN,
                oneDelay, u -> Analytic.dualExponential(w, 9.99, 10, u)));
        cases.add(linearKernel("single exponential (5 ms), Poisson train",
                p -> new ExponentialReceptor(p, "s", 5, SynapticOutput.conductance(0)), w, TRAIN, oneDelay,
                u -> w * Math.exp(-u / 5)));
        cases.addAll(DtSweep.cases());
        for (KineticModel.Markov m : new KineticModel.Markov[] {KineticModel.ampa(), KineticModel.gabaA()}) {
            cases.add(markovPulses(m, m.kind() + " transmitter pulse, train with restarts", SUMMARY, 0.1, 60,
                    FLOAT_REASON));
        }
        cases.add(new ValidationCase("voltage jumps onto a leaky membrane", "exact (exponential Euler)", 0, SUMMARY,
                dt -> 1e-5, true, "", DEVIATION_FROM_REST, FLOAT_REASON,
                (dt, kernels) -> {
                    // V − V_rest = Σ w·e^(−(t − t_a)/τ), with V_rest = 0 so that float32 keeps its precision
                    Harness.Sampled s = Harness.run(dt, kernels, new Lif(0, -5, 1e6, 10, 1, 0,
                            Integrator.EXPONENTIAL_EULER), p -> new VoltageJump(p, "jump", false), TRAIN, 2, oneDelay,
                            160, "V");
                    return s.compare(0, arrivals -> sum(s.t(), arrivals, u -> u > 0 ? 2 * Math.exp(-u / 10) : 0));
                }));
        // the membrane
        for (Integrator method : new Integrator[] {Integrator.EXPONENTIAL_EULER, Integrator.EXACT,
                Integrator.EULER}) {
            boolean exact = method != Integrator.EULER;
            cases.add(new ValidationCase("LIF under constant input from V0 = -40 mV", method.name(), exact ? 0 : 1,
                    CONVERGENCE, exact ? dt -> 1e-5 : dt -> 0.6 * dt, true, "",
                    ValidationCase.Axes.overTime("V_inf − V: distance from the fixed point (mV)"),
                    exact ? FLOAT_REASON : FIRST_ORDER_REASON, (dt, kernels) -> lifConstant(dt, kernels, method)));
            cases.add(new ValidationCase("LIF under a step of input", method.name(), exact ? 0 : 1,
                    CONVERGENCE, exact ? dt -> 1e-5 : dt -> 0.6 * dt, true, "", DEVIATION_FROM_REST,
                    exact ? FLOAT_REASON : FIRST_ORDER_REASON, (dt, kernels) -> lifStep(dt, kernels, method)));
            cases.add(new ValidationCase("PSP of a current-based exponential synapse (5 ms on 20 ms)",
                    method.name(), method == Integrator.EXACT ? 0 : 1, CONVERGENCE,
                    method == Integrator.EXACT ? dt -> 1e-5 : dt -> 0.6 * dt, true, "", DEVIATION_FROM_REST,
                    method == Integrator.EXACT ? FLOAT_REASON
                            : FIRST_ORDER_REASON + " (the synaptic current is held over each step)",
                    (dt, kernels) -> psp(dt, kernels, method)));
        }
        cases.add(new ValidationCase("LIF f-I: spike times under constant input", "EXPONENTIAL_EULER", 0, SUMMARY,
                dt -> dt, false, "ms", new ValidationCase.Axes("input R·I (mV)", "spike time (ms)"),
                "a spike is labelled with the start of the step in which V crosses, so the "
                + "label lies within one step before the analytic crossing (each interval timed from the previous "
                + "spike's label)", Cases::fiSpikeTimes));
        cases.add(new ValidationCase("gap junction: two coupled passive cells", "EXPONENTIAL_EULER", 1, CONVERGENCE,
                dt -> 0.6 * dt, true, "", ValidationCase.Axes.overTime("V_0 − V_1 (mV)"),
                FIRST_ORDER_REASON + " (the coupling current is held over each step)",
                Cases::coupledCells));
        // nonlinear kinetics against RK4
        KineticModel[] kinetic = {KineticModel.nmda(), KineticModel.bioNmda(), KineticModel.gabaB(),
            KineticModel.gabaBDesensitized()};
        String[] names = {"NMDA", "BioNMDA", "GABA_B", "GABA_B (Destexhe, K_d scaled)"};
        for (int i = 0; i < kinetic.length; i++) {
            KineticModel model = kinetic[i];
            cases.add(new ValidationCase(names[i] + " vs RK4 at dt/100", "exponential Euler", 1,
                    model instanceof KineticModel.Nmda ? CONVERGENCE : PULSE_CONVERGENCE, dt -> 0.6 * dt, true, "",
                    OPEN_FRACTION,
                    FIRST_ORDER_REASON + " (Jacobi: each variable with the others held)",
                    (dt, kernels) -> kineticAgainstRk4(dt, kernels, model)));
        }
        cases.addAll(NeuronCases.all());
        cases.addAll(EquationCases.all());
        return cases;
    }

    static Comparison lifConstant(double dt, Kernels kernels, Integrator method) {
        Network net = new Network(dt, kernels);
        NeuronPopulation p = net.addNeurons("lif", 1, new Lif(0, -5, 100, 12, 1, 0, method));
        p.set("V", i -> -40);
        net.addCurrent(TimedCurrent.constant(p.all(), 30));
        StateMonitor v = net.addMonitor(new StateMonitor(p, "V", new int[] {0}, dt));
        net.run(40, ProgressListener.SILENT);
        double[] t = v.times();
        float[] trace = v.trace(0);
        double[] sim = new double[t.length];
        double[] ref = new double[t.length];
        for (int k = 0; k < t.length; k++) { // the distance from V_∞ = 30 mV, which decays from 70 mV
            sim[k] = 30 - trace[k];
            ref[k] = 30 - Analytic.lifRelaxation(-40, 30, 12, t[k]);
        }
        return new Comparison(t, sim, ref);
    }

    /**
     * Transmitter pulses of a Markov synapse (AMPA, GABA_A) started at 1 ms and restarted while on and after, through
     * one delay; its open fraction against the closed form.
     */
    static ValidationCase markovPulses(KineticModel.Markov m, String name, double[] steps, double delayMs,
                                       double durationMs, String reason) {
        double[] restarts = {1.0, 1.4, 6.0, 6.6, 30.0};
        return new ValidationCase(name, "exact (pulse held)", 0, steps, dt -> 1e-5, true, "", OPEN_FRACTION, reason,
                (dt, kernels) -> {
                    Harness.Sampled s = Harness.run(dt, kernels, passive(10, Integrator.EXPONENTIAL_EULER),
                            p -> new KineticReceptor(p, "s", m), restarts, 1, new double[] {delayMs}, durationMs, "s");
                    return s.compare(0, arrivals -> k -> Analytic.markovPulse(m.alpha(), m.beta(), m.t(), m.tDur(),
                            arrivals, s.t()[k]));
                });
    }

    static Comparison lifStep(double dt, Kernels kernels, Integrator method) {
        return lifStep(dt, kernels, method, 8, 3, 30, 40);
    }

    /**
     * V − V_rest of a LIF (R = 2) at rest at −65 mV under a step of input of {@code rI} mV from {@code onset}, for
     * {@code durationMs}, against its relaxation.
     */
    static Comparison lifStep(double dt, Kernels kernels, Integrator method, double tau, double onset, double rI,
                              double durationMs) {
        Network net = new Network(dt, kernels);
        NeuronPopulation p = net.addNeurons("lif", 1, new Lif(-65, -70, 0, tau, 2, 0, method));
        net.addCurrent(TimedCurrent.of(p.all(), t -> t >= onset - 1e-9 ? rI / 2 : 0));
        StateMonitor v = net.addMonitor(new StateMonitor(p, "V", new int[] {0}, dt));
        net.run(durationMs, ProgressListener.SILENT);
        double[] t = v.times();
        float[] trace = v.trace(0);
        double[] sim = new double[t.length];
        double[] ref = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            sim[k] = trace[k] + 65; // the deviation from rest, so that the peak is the response
            ref[k] = t[k] <= onset ? 0 : Analytic.lifRelaxation(-65, -65 + rI, tau, t[k] - onset) + 65;
        }
        return new Comparison(t, sim, ref);
    }

    static Comparison psp(double dt, Kernels kernels, Integrator method) {
        Harness.Sampled s = Harness.run(dt, kernels, new Lif(0, -5, 1e6, 20, 1.5, 0, method),
                p -> new ExponentialReceptor(p, "g", 5, SynapticOutput.current()), new double[] {2.0}, 1.2,
                new double[] {0.2}, 100, "V");
        return s.compare(0, arrivals -> k -> Analytic.currentPsp(1.2, 1.5, 5, 20, s.t()[k] - arrivals[0]));
    }

    static Comparison fiSpikeTimes(double dt, Kernels kernels) {
        double[] currents = {21, 25, 30, 40, 60, 100};
        List<Double> t = new ArrayList<>();
        List<Double> sim = new ArrayList<>();
        List<Double> ref = new ArrayList<>();
        for (double current : currents) {
            Network net = new Network(dt, kernels);
            NeuronPopulation p = net.addNeurons("lif", 1, new Lif(0, -5, 20, 10, 1, 2, Integrator.EXPONENTIAL_EULER));
            net.addCurrent(TimedCurrent.constant(p.all(), current));
            SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(p));
            net.run(300, ProgressListener.SILENT);
            double first = 10 * Math.log(current / (current - 20)); // from V = V_rest = 0 at t = 0
            double period = Analytic.lifPeriod(0, -5, 20, 10, 1, 2, current);
            double[] times = spikes.times();
            for (int k = 0; k < times.length; k++) {
                // each interval restarts from the simulated spike: the next crossing is T after its label
                t.add(current);
                sim.add(times[k]);
                ref.add(k == 0 ? first : times[k - 1] + period);
            }
        }
        return new Comparison(t.stream().mapToDouble(Double::doubleValue).toArray(),
                sim.stream().mapToDouble(Double::doubleValue).toArray(),
                ref.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static Comparison coupledCells(double dt, Kernels kernels) {
        double tau = 10;
        double w = 0.5;
        double r = 1.5;
        Network net = new Network(dt, kernels);
        NeuronPopulation cells = net.addNeurons("cells", 2, new Lif(-60, -70, 1e6, tau, r, 0,
                Integrator.EXPONENTIAL_EULER));
        cells.set("V", i -> i == 0 ? -50 : -60);
        net.connectGap(cells.range(0, 1), cells.range(1, 2)).weight(w).symmetric(true).build();
        StateMonitor v = net.addMonitor(new StateMonitor(cells, "V", new int[] {0, 1}, dt));
        net.run(30, ProgressListener.SILENT);
        double[] t = v.times();
        float[] trace = v.trace(0);
        float[] other = v.trace(1);
        double[] sim = new double[t.length];
        double[] ref = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            sim[k] = trace[k] - other[k];
            ref[k] = 10 * Math.exp(-(1 + 2 * r * w) * t[k] / tau); // τ dΔ/dt = −(1 + 2Rw)Δ
        }
        return new Comparison(t, sim, ref);
    }

    static Comparison kineticAgainstRk4(double dt, Kernels kernels, KineticModel model) {
        return kineticAgainstRk4(dt, kernels, model, model);
    }

    /**
     * {@code simulated} (a scheme of the catalogue, or one written as strings) against the RK4 reference of
     * {@code reference}, the catalogue's scheme of the same equations.
     */
    static Comparison kineticAgainstRk4(double dt, Kernels kernels, KineticModel simulated, KineticModel model) {
        boolean catalogue = simulated == model;
        double[] spikes = model instanceof KineticModel.Nmda || model instanceof KineticModel.BioNmda ? TRAIN
                : burst();
        if (model instanceof KineticModel.GabaBDesensitized m) {
            // BrainModels' K_d = 100 keeps s below 1e-10 (SYNAPSES.md): set K_d to the burst's peak G⁴, read from
            // the reference with K_d = 1 (its output G⁴/(G⁴ + 1) is then G⁴ to within 1e-30)
            long[] steps = new long[spikes.length];
            for (int k = 0; k < steps.length; k++) {
                steps[k] = Math.round(spikes[k] / 0.1) + 2;
            }
            double[] g4 = KineticReferences.trace(new KineticModel.GabaBDesensitized(m.k1(), m.k2(), m.k3(), m.k4(),
                    m.k5(), m.k6(), 1, m.t(), m.tDur(), m.reversal(), m.gMax()), steps, 2000, 0.1, 0.01);
            model = new KineticModel.GabaBDesensitized(m.k1(), m.k2(), m.k3(), m.k4(), m.k5(), m.k6(),
                    java.util.Arrays.stream(g4).max().orElseThrow(), m.t(), m.tDur(), m.reversal(), m.gMax());
        }
        KineticModel used = model;
        KineticModel run = catalogue ? used : simulated; // the strings of the same scheme (not K_d-scaled)
        double duration = 200;
        Harness.Sampled s = Harness.run(dt, kernels, passive(10, Integrator.EXPONENTIAL_EULER),
                p -> new KineticReceptor(p, "s", run,
                        SynapticOutput.conductance(0)), spikes, 1, new double[] {0.2}, duration,
                "s");
        long[] arrivalSteps = new long[spikes.length];
        for (int k = 0; k < spikes.length; k++) {
            arrivalSteps[k] = Math.round(s.arrivals()[0][k] / dt);
        }
        double[] ref = KineticReferences.trace(used, arrivalSteps, s.t().length, dt, Math.min(dt, 0.1) / 100);
        return s.compare(0, arrivals -> k -> ref[k]);
    }

    /** 60 spikes at 500 Hz from t = 1 ms: GABA_B's output needs a burst to leave zero. */
    static double[] burst() {
        double[] b = new double[60];
        for (int k = 0; k < b.length; k++) {
            b[k] = 1.0 + 2.0 * k;
        }
        return b;
    }
}
