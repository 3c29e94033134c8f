package org.vecsnn.core.neuron;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.vecsnn.core.Check;
import org.vecsnn.core.Population;
import org.vecsnn.core.StateArray;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.monitor.Probe;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.simd.Lanes;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateStore;
import org.vecsnn.core.state.StateVariable;
import org.vecsnn.core.synapse.FusableSynapse;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.TargetMembrane;

/**
 * Neurons of one {@link NeuronModel} in structure-of-arrays form: V, the variables the model declares (gates,
 * adaptation), the input accumulator I, the conductance G of a model that integrates it, and the refractory counter,
 * each a flat array padded to {@link Kernels#PAD}, allocated from one {@link StateSpec}. Each step: voltage jumps
 * land, synapses add their currents to I, then the model's kernel integrates, spikes, resets and clears I.
 *
 * <p>The input array is the place for external currents: what is added to {@link #input()} before a step acts in
 * that step, and is cleared at its end.
 */
public final class NeuronPopulation extends Population {
    /** The variables every population has besides the model's own; the model may not declare these names. */
    private static final List<String> RESERVED = List.of("V", "input", "conductance", "refractory");
    private final NeuronModel model;
    private final StateStore store;
    private final float[] v;
    private final float[] input;
    /** Whether anything may have written {@link #input}: set by {@link #input()} and by a checkpoint holding input. */
    private boolean inputUsed;
    private final float[] conductance;
    private final int[] refractory;
    private final List<SynapticInput> synapticInputs = new ArrayList<>();
    /** Prepared: voltage jumps, then the other synapses the membrane kernel did not claim, in the order added. */
    private SynapticInput[] applied = new SynapticInput[0];
    private NeuronKernel kernel;
    private double bias;
    private final TargetMembrane membrane = new Membrane();

    public NeuronPopulation(String name, int size, NeuronModel model) {
        super(name, size, bytesPerNeuron(name, model));
        this.model = model;
        this.store = new StateStore("population '" + name + "'", "neuron", size, spec(name, model));
        this.v = store.floats("V");
        this.input = store.floats("input");
        this.conductance = model.integratesConductances() ? store.floats("conductance") : null;
        this.refractory = store.ints("refractory");
        resetVariablesFromV();
    }

    /** V, input, refractory counter, spike list, the model's variables and its conductance: 4 bytes each. */
    private static int bytesPerNeuron(String name, NeuronModel model) {
        if (model == null) {
            throw new IllegalArgumentException("model of population '" + name + "' = null: must be a NeuronModel"
                    + " (Lif, HodgkinHuxley, ExpIf, AdEx, Izhikevich, Qif or one of your own)");
        }
        return 4 * (4 + model.state().variables().size() + (model.integratesConductances() ? 1 : 0));
    }

    /** V, the model's variables, input, conductance (if integrated) and the refractory counter. */
    private static StateSpec spec(String name, NeuronModel model) {
        for (String own : model.state().names()) {
            if (RESERVED.contains(own)) {
                throw new IllegalArgumentException("state variable " + own + " of model " + model + " on population '"
                        + name + "': must not be one of " + RESERVED + " (every population has them)");
            }
        }
        List<StateVariable> all = new ArrayList<>();
        all.add(StateVariable.real("V", "mV", model.initialV()));
        all.addAll(model.state().variables());
        all.add(StateVariable.unwatched("input", "as the model's I", 0));
        if (model.integratesConductances()) {
            all.add(StateVariable.unwatched("conductance", "as the model's G", 0));
        }
        all.add(StateVariable.integer("refractory", "steps", 0));
        return StateSpec.of(all);
    }

    @Override
    public String description() {
        return super.description() + ", " + model;
    }

    public NeuronModel model() {
        return model;
    }

    /** What synapses see of these neurons (see {@link TargetMembrane}). */
    public TargetMembrane membrane() {
        return membrane;
    }

    /** The population's state: V, the model's variables, input, conductance and refractory counters. */
    public StateStore store() {
        return store;
    }

    /**
     * Sets every variable besides V to the model's initial value for each neuron's present V (HH gates: their
     * steady state; Izhikevich's u: b·V; AdEx's w: 0). Call it after setting V to start from a consistent state.
     */
    public void resetVariablesFromV() {
        List<String> names = model.state().names();
        for (int k = 0; k < names.size(); k++) {
            float[] x = store.floats(names.get(k));
            for (int i = 0; i < size(); i++) {
                x[i] = (float) model.initialValue(k, v[i]);
            }
        }
    }

    /** Membrane potentials (mV), live; entries at and above {@link #size()} are padding. */
    public float[] v() {
        return v;
    }

    /**
     * The input accumulator, live: add external current here before a step. Asking for it marks the population as
     * taking input from then on: until then, the fused membrane kernel of COBA and CUBA neither reads nor clears the
     * (all-zero) array, which saves a read and a write stream per step (COBA 4000: up to about 14 % of a step).
     */
    public float[] input() {
        inputUsed = true;
        return input;
    }

    /**
     * The synaptic conductance accumulator of a model that {@link NeuronModel#integratesConductances() integrates
     * conductances} (cleared every step), else null.
     */
    public float[] conductance() {
        return conductance;
    }

    /** Steps each neuron still holds V for (0 = integrating). */
    public int[] refractory() {
        return refractory;
    }

    /** Engine hook, called by the synaptic inputs' constructors. */
    public void addSynapticInput(SynapticInput in) {
        checkMutable("add synaptic input '" + in.name() + "' to population '" + name() + "'");
        if (in.name() == null || in.name().isBlank() || in.name().contains(".") || store.has(in.name())) {
            throw new IllegalArgumentException("synaptic input name = " + in.name()
                    + ": must be a non-blank string without '.' other than " + store.spec().names());
        }
        for (SynapticInput other : synapticInputs) {
            if (other.name().equals(in.name())) {
                throw new IllegalArgumentException("synaptic input name = " + in.name()
                        + ": must be unique on population '" + name() + "'");
            }
        }
        synapticInputs.add(in);
    }

    public List<SynapticInput> synapticInputs() {
        return List.copyOf(synapticInputs);
    }

    /**
     * A float state variable by name, live: {@code "V"}, one the model declares (HH: m, h, n; AdEx: w; Izhikevich:
     * u; LIF: V_low), {@code "input"}, {@code "conductance"}, a synapse's name (its output state g) or
     * {@code "synapse.variable"} for any float variable a synapse keeps per neuron (for example {@code "GABA.h"}).
     *
     * @throws IllegalArgumentException for any other name, listing the allowed ones
     */
    public float[] state(String variable) {
        if (variable != null) {
            StateVariable own = store.spec().find(variable);
            if (own != null && own.type() == StateVariable.Type.FLOAT) {
                return store.floats(variable);
            }
            int dot = variable.indexOf('.');
            for (SynapticInput in : synapticInputs) {
                if (in.name().equals(variable) && in.state() != null) {
                    return in.state();
                }
                if (dot > 0 && in.name().equals(variable.substring(0, dot))) {
                    StateVariable v = in.store().spec().find(variable.substring(dot + 1));
                    if (v != null && v.type() == StateVariable.Type.FLOAT) {
                        return in.store().floats(v.name());
                    }
                }
            }
        }
        throw new IllegalArgumentException("variable = " + variable + ": must be one of " + arrayNames()
                + " on population '" + name() + "'" + (variable != null && variable.endsWith(".I")
                ? " (a synapse's current is computed, not stored: record it with a StateMonitor)" : ""));
    }

    private List<String> arrayNames() {
        List<String> names = new ArrayList<>();
        for (StateVariable v : store.spec().variables()) {
            if (v.type() == StateVariable.Type.FLOAT) {
                names.add(v.name());
            }
        }
        for (SynapticInput in : synapticInputs) {
            if (in.state() != null) {
                names.add(in.name());
            }
            for (StateVariable v : in.store().spec().variables()) {
                if (v.type() == StateVariable.Type.FLOAT) {
                    names.add(in.name() + "." + v.name());
                }
            }
        }
        return names;
    }

    /**
     * What a state monitor records of {@code variable}: any name {@link #state} takes, the refractory counter, or a
     * synapse's current {@code "synapse.I"} (computed from its state and V at the step's start: the current that
     * step adds to the input).
     */
    @Override
    public Probe probe(String variable) {
        if ("refractory".equals(variable)) {
            return Probe.of(refractory, size());
        }
        if (variable != null && variable.endsWith(".I")) {
            String synapse = variable.substring(0, variable.length() - 2);
            for (SynapticInput in : synapticInputs) {
                if (in.name().equals(synapse) && in.current() != null) {
                    return in.current();
                }
            }
        }
        return Probe.of(state(variable), size());
    }

    /**
     * Sets a state variable of every neuron from a function of its index; all values are checked before any is
     * written: finite within float range, and within the model's bounds for its variables (HH gates in [0, 1]).
     */
    public void set(String variable, IntToDoubleFunction valueOfNeuron) {
        float[] target = state(variable);
        int k = model.state().names().indexOf(variable);
        double[] bounds = k >= 0 ? model.bounds(k) : NeuronModel.anyFloat();
        float[] values = new float[size()];
        for (int i = 0; i < values.length; i++) {
            double value = valueOfNeuron.applyAsDouble(i);
            if (!(value >= bounds[0] && value <= bounds[1])) {
                throw Check.fail(variable + " of neuron " + i + " of population '" + name() + "'", value,
                        "a finite number in [" + bounds[0] + ", " + bounds[1] + "]");
            }
            values[i] = (float) value;
        }
        System.arraycopy(values, 0, target, 0, values.length);
    }

    @Override
    public void save(java.io.DataOutputStream out) throws java.io.IOException {
        super.save(out);
        store.save(out);
        for (SynapticInput in : synapticInputs) {
            in.save(out);
        }
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws java.io.IOException {
        List<Runnable> actions = new ArrayList<>();
        actions.add(super.load(in));
        actions.add(store.load(in));
        actions.add(() -> {
            for (float x : input) {
                inputUsed |= x != 0f;
            }
        });
        for (SynapticInput synapse : synapticInputs) {
            actions.add(synapse.load(in));
        }
        return org.vecsnn.core.Checkpointed.all(actions);
    }

    @Override
    public List<StateArray> stateArrays() {
        List<StateArray> arrays = new ArrayList<>(); // synapses first: a blow-up there reaches V
        for (SynapticInput in : synapticInputs) {
            arrays.addAll(in.stateArrays());
        }
        arrays.addAll(store.watched());
        return arrays;
    }

    /** The arrival rings of its synapses. */
    @Override
    public long preparedBytes() {
        long bytes = 0;
        for (SynapticInput in : synapticInputs) {
            bytes += 4 * in.ringEntries();
        }
        return bytes;
    }

    /** A synapse with state per presynaptic unit or synapse (a kinetic one). */
    @Override
    public String singleThreadedPart() {
        for (SynapticInput in : synapticInputs) {
            if (!in.appliesByRange()) {
                return "synapse '" + in.name() + "' on population '" + name() + "' (" + in.description()
                        + ", state per presynaptic unit or synapse)";
            }
        }
        return null;
    }

    @Override
    public void describeParts(List<String[]> entries) {
        for (SynapticInput in : synapticInputs) {
            entries.add(new String[] {"synapse '" + in.name() + "' on population '" + name() + "'",
                    in.getClass().getSimpleName() + " " + in.description()});
        }
    }

    /** Whether a constant current into every neuron can be folded into the model (see {@link NeuronModel#withBias}). */
    public boolean takesBias() {
        return model.withBias(0) != null;
    }

    /** Engine hook, before {@link #prepare}: the constant current into every neuron (see {@link #takesBias}). */
    public void setBias(double current) {
        checkMutable("set the bias current of population '" + name() + "'");
        bias = current;
    }

    @Override
    public void prepare(TimeGrid grid) {
        int refractorySteps = grid.intSteps("tRef of population '" + name() + "'", model.tRef(), 0);
        NeuronModel stepped = bias != 0 ? model.withBias(bias) : model;
        for (SynapticInput in : synapticInputs) {
            in.prepare(grid);
        }
        Binding binding = new Binding(network().kernels());
        kernel = stepped.bind(binding, grid.dt(), refractorySteps);
        List<SynapticInput> order = new ArrayList<>();
        for (boolean jumps : new boolean[] {true, false}) {
            for (SynapticInput in : synapticInputs) {
                if (in.movesVoltage() == jumps && (in.fusable() == null || !binding.claimed.contains(in.fusable()))) {
                    order.add(in);
                }
            }
        }
        applied = order.toArray(new SynapticInput[0]);
    }

    @Override
    public int update(long step, Kernels kernels, int from, int to, int[] out, int at) {
        for (SynapticInput in : applied) {
            in.apply(step, kernels, from, to);
        }
        return kernel.step(step, from, to, out, at);
    }

    /** What synapses see of these neurons: asking for the input marks the population as taking input. */
    private class Membrane implements TargetMembrane {
        @Override
        public float[] v() {
            return v;
        }

        @Override
        public float[] input() {
            return NeuronPopulation.this.input();
        }

        @Override
        public float[] conductance() {
            return conductance;
        }

        @Override
        public int[] refractory() {
            return refractory;
        }

        @Override
        public NeuronModel model() {
            return model;
        }

        @Override
        public int size() {
            return NeuronPopulation.this.size();
        }

        @Override
        public int paddedSize() {
            return NeuronPopulation.this.paddedSize();
        }
    }

    /** What the model's kernel binds to: this population's arrays and the synapses it may fuse. */
    private final class Binding extends Membrane implements NeuronState {
        private final Kernels kernels;
        private final List<FusableSynapse> fusable = new ArrayList<>();
        private final List<FusableSynapse> claimed = new ArrayList<>();

        Binding(Kernels kernels) {
            this.kernels = kernels;
            for (SynapticInput in : synapticInputs) {
                FusableSynapse f = in.fusable();
                if (f != null) {
                    fusable.add(f);
                }
            }
        }

        /** A kernel binds the array once: that is not a use of it (see {@link #inputUsed}). */
        @Override
        public float[] input() {
            return input;
        }

        @Override
        public boolean inputUsed() {
            return inputUsed;
        }

        @Override
        public float[] floats(String variable) {
            if (!model.state().names().contains(variable)) {
                throw new IllegalArgumentException("variable = " + variable + ": model " + model + " declares only "
                        + model.state().names());
            }
            return store.floats(variable);
        }

        @Override
        public Lanes lanes() {
            return kernels;
        }

        @Override
        public List<FusableSynapse> fusable() {
            return List.copyOf(fusable);
        }

        @Override
        public void claim(FusableSynapse synapse) {
            if (!fusable.contains(synapse)) {
                throw new IllegalArgumentException("synapse " + synapse + ": not one of this population's fusable"
                        + " synapses");
            }
            claimed.add(synapse);
        }
    }
}
