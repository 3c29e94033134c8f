package org.vecsnn.models.plasticity;

import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateStore;
import org.vecsnn.core.state.StateVariable;

/**
 * The spike traces of one side of a projection (its presynaptic or its postsynaptic neurons), kept lazily: a neuron
 * stores its traces as they were just after its last spike, and the step of that spike; a trace is decayed to the
 * step it is read in, so no pass over the neurons runs per step. At a spike every trace of the neuron jumps by 1
 * ({@link Pairing#ALL_TO_ALL}) or is reset to 1 ({@link Pairing#NEAREST}).
 */
final class Traces {
    private final float[][] values;
    private final Decay[] decays;
    private final long[] last;
    private final boolean nearest;

    /**
     * The declared state of one side: a float per trace (its value just after the neuron's last spike; 0 before
     * any) and a long, {@code lastSpike}, the step of that spike.
     */
    static StateSpec spec(String lastSpike, String... names) {
        StateVariable[] variables = new StateVariable[names.length + 1];
        for (int k = 0; k < names.length; k++) {
            variables[k] = StateVariable.real(names[k], "1", 0);
        }
        variables[names.length] = StateVariable.wide(lastSpike, "step", 0);
        return StateSpec.of(variables);
    }

    /** The traces {@code names} of {@code store}, with time constants {@code taus} (ms), at time step dt (ms). */
    Traces(StateStore store, String lastSpike, String[] names, double[] taus, double dt, Pairing pairing) {
        values = new float[names.length][];
        decays = new Decay[names.length];
        for (int k = 0; k < names.length; k++) {
            values[k] = store.floats(names[k]);
            decays[k] = new Decay(taus[k], dt);
        }
        last = store.longs(lastSpike);
        nearest = pairing == Pairing.NEAREST;
    }

    /** Trace {@code trace} of {@code neuron} in {@code step}, before any spike of that step. */
    double at(int trace, int neuron, long step) {
        return values[trace][neuron] * decays[trace].after(step - last[neuron]);
    }

    /** A spike of {@code neuron} in {@code step}: each of its traces decays to the step, then jumps. */
    void spike(int neuron, long step) {
        for (int k = 0; k < values.length; k++) {
            values[k][neuron] = (float) (nearest ? 1 : at(k, neuron, step) + 1);
        }
        last[neuron] = step;
    }

    /**
     * {@code e^(−k·dt/τ)} after k steps. Computed once with StrictMath as two tables whose product covers
     * k < 2^20 (within a few double ulps of the exponential: far below the float a trace is kept in), so that a
     * read costs two loads and a multiply; longer gaps (over 100 s at dt = 0.1 ms) call StrictMath.exp.
     */
    private static final class Decay {
        private static final int BITS = 10;
        private static final int MASK = (1 << BITS) - 1;
        private final double[] low = new double[1 << BITS];
        private final double[] high = new double[1 << BITS];
        private final double rate;

        Decay(double tau, double dt) {
            rate = dt / tau;
            for (int k = 0; k <= MASK; k++) {
                low[k] = StrictMath.exp(-k * rate);
                high[k] = StrictMath.exp(-((long) k << BITS) * rate);
            }
        }

        double after(long steps) {
            return steps >>> 2 * BITS == 0 ? low[(int) steps & MASK] * high[(int) (steps >>> BITS)]
                    : StrictMath.exp(-steps * rate);
        }
    }
}
