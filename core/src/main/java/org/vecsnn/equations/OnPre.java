package org.vecsnn.equations;

import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.synapse.SynapticInput;

/**
 * Brian2's {@code on_pre = 'x_post += w'} (or {@code -= w}) onto a variable x of a population of an
 * {@link EquationModel}: every arriving spike adds its synapse's weight, in x's stored unit, to x of its target at
 * the start of its arrival step, before the neurons' update. Connect it as any synapse: {@code net.connect(source,
 * new OnPre(cells, "exc", "ge_post += w"))…weight(1.62).build()}.
 *
 * <p>Timing: Brian2 applies {@code on_pre} at the end of the spike's step, after the state update and before the
 * reset, so its effect is first integrated in the next step; here the core's delay of at least one step does the
 * same: Brian2's delay d is the core's d + dt. (A reset of x itself in the spike's step runs before this increment,
 * after Brian2's.)
 */
public final class OnPre extends SynapticInput {
    private final String statement;
    private final String variable;
    private final float sign;
    private final float[] x;

    public OnPre(NeuronPopulation target, String name, String statement) {
        super(checked(target, statement), name, StateSpec.of());
        this.statement = statement.strip();
        String[] parts = this.statement.split("\\s+");
        String v = parts[0].endsWith("_post") ? parts[0].substring(0, parts[0].length() - 5) : parts[0];
        this.variable = v.equals(((EquationModel) target.model()).membrane()) ? "V" : v;
        this.sign = parts[1].equals("-=") ? -1f : 1f;
        this.x = target.state(variable);
    }

    private static NeuronPopulation checked(NeuronPopulation target, String statement) {
        if (target == null || !(target.model() instanceof EquationModel model)) {
            throw new IllegalArgumentException("on_pre target = " + (target == null ? null : target.name())
                    + ": must be a population of an EquationModel");
        }
        String[] parts = statement == null ? new String[0] : statement.strip().split("\\s+");
        if (parts.length != 3 || !(parts[1].equals("+=") || parts[1].equals("-=")) || !parts[2].equals("w")) {
            throw new IllegalArgumentException("on_pre = '" + statement + "': the supported form is 'x_post += w'"
                    + " (or -= w), with x a variable of the target's equations and w the projection's weight");
        }
        String v = parts[0].endsWith("_post") ? parts[0].substring(0, parts[0].length() - 5) : parts[0];
        if (!model.variables().contains(v) && !v.equals(model.membrane())) {
            throw new IllegalArgumentException("on_pre = '" + statement + "': '" + v + "' is not a variable of the"
                    + " target's equations; variables: " + model.membrane() + ", " + model.variables());
        }
        return target;
    }

    @Override
    public String description() {
        return "on_pre " + statement;
    }

    @Override
    public boolean movesVoltage() {
        return variable.equals("V");
    }

    @Override
    public float[] state() {
        return null;
    }

    @Override
    protected void prepareDynamics(TimeGrid grid) {}

    /**
     * Weights due in the next step go straight into x during delivery (x at the step's start then holds them, as
     * Brian2's x after {@code on_pre}); a decrement waits in the ring, as weights of longer delays do.
     */
    @Override
    public float[] dueAtNextStep() {
        return sign > 0 ? x : null;
    }

    @Override
    public void apply(long step, Kernels kernels, int from, int to) {
        if (sign < 0 || arrivals.depth() > 1) {
            kernels.arrive(arrivals.data(), arrivals.slot(step), x, sign, from, to);
        }
    }
}
