package org.vecsnn.equations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vecsnn.core.neuron.NeuronKernel;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateStore;
import org.vecsnn.core.state.StateVariable;
import org.vecsnn.core.testing.StoreNeuronState;

/**
 * Orders of convergence of the generated integrators on a linear system with a closed form, in ms and mV:
 * {@code v' = (w − v)/τ, w' = −w/τ₂} with τ = 1, τ₂ = 2, so {@code w = w₀e^(−t/2)} and
 * {@code v = v₀e^(−t) + 2w₀(e^(−t/2) − e^(−t))}. Exponential Euler holds w over each step in v's equation, so it is of
 * order 1 here; exact is exact up to float rounding.
 */
class EquationConvergenceTest {
    private static final double V0 = 10;
    private static final double W0 = 40;
    private static final double T = 3.2;

    private static double closedForm(double t) {
        return V0 * Math.exp(-t) + 2 * W0 * (Math.exp(-t / 2) - Math.exp(-t));
    }

    /** |v(T) − closed form| for {@code method} at step {@code dt}. */
    private static double error(String method, double dt) {
        EquationModel model = EquationModel.builder("""
                dv/dt = (w - v)/tau : volt
                dw/dt = -w/tau2 : volt
                """).constant("tau", "1*ms").constant("tau2", "2*ms").method(method).build();
        StateStore store = new StateStore("convergence", "neuron", 1, StateSpec.of(StateVariable.real("V", "mV", V0),
                StateVariable.real("input", "pA", 0)).and(model.state())
                .and(StateSpec.of(StateVariable.integer("refractory", "steps", 0))));
        store.floats("V")[0] = (float) V0;
        store.floats("w")[0] = (float) W0;
        NeuronKernel kernel = model.bind(new StoreNeuronState(model, KernelProvider.plain(), store, 1), dt, 0);
        long steps = Math.round(T / dt);
        int[] spikes = new int[16];
        for (long n = 0; n < steps; n++) {
            kernel.step(n, 0, 16, spikes, 0);
        }
        return Math.abs(store.floats("V")[0] - closedForm(T));
    }

    @ParameterizedTest(name = "{0}: order {1}")
    @CsvSource({"euler, 1, 0.05", "rk2, 2, 0.1", "rk4, 4, 0.4", "exponential_euler, 1, 0.05", "heun, 1, 0.05"})
    void halvingTheStepDividesTheErrorByTwoToTheOrder(String method, int order, double dt) {
        double e1 = error(method, dt);
        double e2 = error(method, dt / 2);
        double e3 = error(method, dt / 4);
        double p1 = Math.log(e1 / e2) / Math.log(2);
        double p2 = Math.log(e2 / e3) / Math.log(2);
        String errors = method + ": errors " + e1 + ", " + e2 + ", " + e3 + "; orders " + p1 + ", " + p2;
        assertEquals(order, p1, 0.3, errors); // rk4 at dt = 0.4 τ is not quite asymptotic: 4.26
        assertEquals(order, p2, 0.3, errors);
        assertTrue(e3 > 5e-6, "the finest error stays well above float rounding (1e-6 mV at 15 mV): " + errors);
    }

    @ParameterizedTest(name = "exact at dt = {0} ms")
    @CsvSource({"0.4", "0.1", "0.025"})
    void exactIsExactUpToFloatRounding(double dt) {
        // v is about 15 mV at T; float resolution there is 1e-6 mV, rounding of each step adds up over T/dt steps
        assertTrue(error("exact", dt) < 2e-5, "exact error " + error("exact", dt));
    }
}
