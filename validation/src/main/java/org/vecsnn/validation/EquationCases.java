package org.vecsnn.validation;

import java.util.ArrayList;
import java.util.List;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.equations.EquationModel;
import org.vecsnn.equations.KineticEquations;
import org.vecsnn.equations.KineticStrings;
import org.vecsnn.models.synapse.KineticModel;

/**
 * Models from Brian2's strings ({@code org.vecsnn.equations}): each generated integrator on a linear system with a
 * closed form, {@code v' = (w − v)/τ, w' = −w/τ₂} (τ = 1 ms, τ₂ = 2 ms, v₀ = 10 mV, w₀ = 40 mV:
 * {@code v = v₀e^(−t) + 2w₀(e^(−t/2) − e^(−t))}), for its order; and BrainPy's kinetic schemes written as strings
 * ({@link KineticStrings}) against the RK4 reference of the same equations.
 */
final class EquationCases {
    private static final double V0 = 10;
    private static final double W0 = 40;
    private static final double DURATION = 6.4;
    /** RK4's error reaches float32 rounding near dt = 0.05 τ here, so its study uses larger steps. */
    private static final double[] RK4_STEPS = {0.4, 0.2, 0.1};

    private EquationCases() {}

    static List<ValidationCase> all() {
        List<ValidationCase> cases = new ArrayList<>();
        ValidationCase.Axes v = ValidationCase.Axes.overTime("v (mV)");
        String system = "v' = (w - v)/tau, w' = -w/tau2 from strings";
        cases.add(new ValidationCase(system, "euler", 1, Cases.CONVERGENCE, dt -> 0.6 * dt, true, "", v,
                Cases.FIRST_ORDER_REASON, (dt, kernels) -> linear(dt, kernels, "euler")));
        cases.add(new ValidationCase(system, "exponential_euler", 1, Cases.CONVERGENCE, dt -> 0.6 * dt, true, "", v,
                Cases.FIRST_ORDER_REASON + " (w is held over the step in v's equation)",
                (dt, kernels) -> linear(dt, kernels, "exponential_euler")));
        cases.add(new ValidationCase(system, "rk2", 2, Cases.CONVERGENCE, dt -> 0.3 * dt * dt, true, "", v,
                "second-order method: error about C·dt²; bound 0.3·(dt/ms)² of the peak",
                (dt, kernels) -> linear(dt, kernels, "rk2")));
        cases.add(new ValidationCase(system, "rk4", 4, RK4_STEPS, dt -> 0.03 * Math.pow(dt, 4) + 1e-5, true, "", v,
                "fourth-order method: error about C·dt⁴; bound 0.03·(dt/ms)⁴ of the peak, plus float32 rounding",
                (dt, kernels) -> linear(dt, kernels, "rk4")));
        cases.add(new ValidationCase(system, "exact", 0, Cases.CONVERGENCE, dt -> 1e-5, true, "", v,
                Cases.FLOAT_REASON, (dt, kernels) -> linear(dt, kernels, "exact")));
        KineticModel[] catalogue = {KineticModel.nmda(), KineticModel.bioNmda(), KineticModel.gabaB()};
        KineticEquations[] strings = {KineticStrings.nmda(), KineticStrings.bioNmda(), KineticStrings.gabaB()};
        String[] names = {"NMDA", "BioNMDA", "GABA_B"};
        for (int i = 0; i < catalogue.length; i++) {
            KineticModel reference = catalogue[i];
            KineticEquations simulated = strings[i];
            cases.add(new ValidationCase(names[i] + " from strings vs RK4 at dt/100", "exponential_euler", 1,
                    reference instanceof KineticModel.Nmda ? Cases.CONVERGENCE : Cases.PULSE_CONVERGENCE,
                    dt -> 0.6 * dt, true, "", Cases.OPEN_FRACTION,
                    Cases.FIRST_ORDER_REASON + " (each variable with the others held, as BrainPy)",
                    (dt, kernels) -> Cases.kineticAgainstRk4(dt, kernels, simulated, reference)));
        }
        return cases;
    }

    /** v of the linear system integrated by {@code method}, sampled at each step's start, against its closed form. */
    static Comparison linear(double dt, Kernels kernels, String method) {
        Network net = new Network(dt, kernels);
        NeuronPopulation p = net.addNeurons("linear", 1, EquationModel.builder("""
                dv/dt = (w - v)/tau : volt
                dw/dt = -w/tau2 : volt""").constant("tau", "1*ms").constant("tau2", "2*ms").method(method)
                .initial("v", V0 + "*mV").initial("w", W0 + "*mV").build());
        StateMonitor monitor = net.addMonitor(new StateMonitor(p, "V", new int[] {0}, dt));
        net.run(DURATION, ProgressListener.SILENT);
        double[] t = monitor.times();
        float[] trace = monitor.trace(0);
        double[] sim = new double[t.length];
        double[] ref = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            sim[k] = trace[k];
            ref[k] = V0 * Math.exp(-t[k]) + 2 * W0 * (Math.exp(-t[k] / 2) - Math.exp(-t[k]));
        }
        return new Comparison(t, sim, ref);
    }
}
