package org.vecsnn.core.neuron;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.vecsnn.core.Check;
import org.vecsnn.core.Population;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.simd.FusedExponential;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.simd.LifCoefficients;
import org.vecsnn.core.synapse.DualExponentialReceptor;
import org.vecsnn.core.synapse.ExponentialReceptor;
import org.vecsnn.core.synapse.KineticModel;
import org.vecsnn.core.synapse.KineticReceptor;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;

/**
 * Neurons of one {@link NeuronModel} in structure-of-arrays form: V, the model's other variables (gates,
 * adaptation), the input accumulator I and the refractory counter, each a flat array padded to {@link Kernels#PAD}.
 * Each step: voltage jumps land, receptors add their currents to I, then the model's kernel integrates, spikes,
 * resets and clears I.
 *
 * <p>The input array is the place for external currents: what is added to {@link #input()} before a step acts in
 * that step, and is cleared at its end.
 */
public final class NeuronPopulation extends Population {
    private final NeuronModel model;
    private final float[] v;
    private final float[][] variables;
    private final float[] input;
    /** Whether anything may have written {@link #input}: set by {@link #input()} and by a checkpoint holding input. */
    private boolean inputUsed;
    private final float[] conductance;
    private final int[] refractory;
    private final List<SynapticInput> synapticInputs = new ArrayList<>();
    private SynapticInput[] jumps = new SynapticInput[0];
    private SynapticInput[] receptors = new SynapticInput[0];
    private ExponentialReceptor[] fusedReceptors;
    private FusedExponential[] fused;
    private LifCoefficients coefficients;
    private Membrane membrane;
    private double bias;

    public NeuronPopulation(String name, int size, NeuronModel model) {
        super(name, size, bytesPerNeuron(name, model));
        this.model = model;
        this.v = new float[paddedSize()];
        this.variables = new float[model.variables().size()][paddedSize()];
        this.input = new float[paddedSize()];
        this.conductance = model.integratesConductances() ? new float[paddedSize()] : null;
        this.refractory = new int[paddedSize()];
        java.util.Arrays.fill(v, (float) model.initialV());
        resetVariablesFromV();
    }

    /** V, input, refractory counter, spike list, the model's variables and its conductance: 4 bytes each. */
    private static int bytesPerNeuron(String name, NeuronModel model) {
        if (model == null) {
            throw new IllegalArgumentException("model of population '" + name + "' = null: must be a NeuronModel"
                    + " (Lif, HodgkinHuxley, ExpIf, AdEx, Izhikevich, Qif)");
        }
        return 4 * (4 + model.variables().size() + (model.integratesConductances() ? 1 : 0));
    }

    @Override
    public String description() {
        return super.description() + ", " + model;
    }

    public NeuronModel model() {
        return model;
    }

    /**
     * Sets every variable besides V to the model's initial value for each neuron's present V (HH gates: their
     * steady state; Izhikevich's u: b·V; AdEx's w: 0). Call it after setting V to start from a consistent state.
     */
    public void resetVariablesFromV() {
        for (int k = 0; k < variables.length; k++) {
            for (int i = 0; i < size(); i++) {
                variables[k][i] = (float) model.initialValue(k, v[i]);
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

    /** Adds an exponential synapse with the given output on this population. */
    public ExponentialReceptor addExponential(String name, double tauMs, SynapticOutput output) {
        return new ExponentialReceptor(this, name, tauMs, output);
    }

    /** Adds a dual-exponential synapse ({@code tauRise < tauDecay}) on this population. */
    public DualExponentialReceptor addDualExponential(String name, double tauRise, double tauDecay,
                                                      DualExponentialReceptor.Normalisation normalisation,
                                                      SynapticOutput output) {
        return DualExponentialReceptor.dualExponential(this, name, tauRise, tauDecay, normalisation, output);
    }

    /** Adds an alpha synapse on this population. */
    public DualExponentialReceptor addAlpha(String name, double tau, DualExponentialReceptor.Normalisation normalisation,
                                            SynapticOutput output) {
        return DualExponentialReceptor.alpha(this, name, tau, normalisation, output);
    }

    /** Adds a kinetic synapse (AMPA, GABA_A, NMDA, BioNMDA, GABA_B) with the given output. */
    public KineticReceptor addKinetic(String name, KineticModel model, SynapticOutput output) {
        return new KineticReceptor(this, name, model, output);
    }

    /** Adds a kinetic synapse with the model's default output (BrainPy's). */
    public KineticReceptor addKinetic(String name, KineticModel model) {
        return new KineticReceptor(this, name, model, model == null ? null : model.defaultOutput());
    }

    /** Adds a voltage-jump target on this population. */
    public VoltageJump addVoltageJump(String name, boolean gatedByRefractoriness) {
        return new VoltageJump(this, name, gatedByRefractoriness);
    }

    /** Engine hook, called by the synaptic inputs' constructors. */
    public void addSynapticInput(SynapticInput in) {
        checkMutable("add synaptic input '" + in.name() + "' to population '" + name() + "'");
        if (in.name() == null || in.name().isBlank() || "V".equals(in.name())
                || model.variables().contains(in.name())) {
            throw new IllegalArgumentException("synaptic input name = " + in.name()
                    + ": must be a non-blank string other than V and " + model.variables());
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
     * A state variable by name: {@code "V"}, one of the model's variables (HH: m, h, n; AdEx: w; Izhikevich: u) or
     * the name of a synaptic input that keeps state (its g).
     *
     * @throws IllegalArgumentException for any other name, listing the allowed ones
     */
    public float[] state(String variable) {
        if ("V".equals(variable)) {
            return v;
        }
        List<String> names = new ArrayList<>(List.of("V"));
        List<String> own = model.variables();
        for (int k = 0; k < own.size(); k++) {
            if (own.get(k).equals(variable)) {
                return variables[k];
            }
            names.add(own.get(k));
        }
        for (SynapticInput in : synapticInputs) {
            if (in.state() != null) {
                if (in.name().equals(variable)) {
                    return in.state();
                }
                names.add(in.name());
            }
        }
        throw new IllegalArgumentException("variable = " + variable + ": must be one of " + names
                + " on population '" + name() + "'");
    }

    /**
     * Sets a state variable of every neuron from a function of its index; all values are checked before any is
     * written: finite within float range, and within the model's bounds for its variables (HH gates in [0, 1]).
     */
    public void set(String variable, IntToDoubleFunction valueOfNeuron) {
        float[] target = state(variable);
        int k = model.variables().indexOf(variable);
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
        org.vecsnn.core.Checkpointed.writeFloats(out, v);
        for (float[] x : variables) {
            org.vecsnn.core.Checkpointed.writeFloats(out, x);
        }
        org.vecsnn.core.Checkpointed.writeFloats(out, input);
        if (conductance != null) {
            org.vecsnn.core.Checkpointed.writeFloats(out, conductance);
        }
        org.vecsnn.core.Checkpointed.writeInts(out, refractory);
        for (SynapticInput in : synapticInputs) {
            in.save(out);
        }
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws java.io.IOException {
        List<Runnable> actions = new ArrayList<>();
        actions.add(super.load(in));
        String where = " of population '" + name() + "'";
        // the order of save(): V, the model's variables, input, conductance, refractory counters
        actions.add(org.vecsnn.core.Checkpointed.install(
                org.vecsnn.core.Checkpointed.readFloats(in, v.length, "V" + where), v));
        for (int k = 0; k < variables.length; k++) {
            String variable = model.variables().get(k);
            actions.add(org.vecsnn.core.Checkpointed.install(
                    org.vecsnn.core.Checkpointed.readFloats(in, v.length, variable + where), variables[k]));
        }
        actions.add(org.vecsnn.core.Checkpointed.install(
                org.vecsnn.core.Checkpointed.readFloats(in, input.length, "input" + where), input));
        actions.add(() -> {
            for (float x : input) {
                inputUsed |= x != 0f;
            }
        });
        if (conductance != null) {
            actions.add(org.vecsnn.core.Checkpointed.install(
                    org.vecsnn.core.Checkpointed.readFloats(in, conductance.length, "conductance" + where),
                    conductance));
        }
        actions.add(org.vecsnn.core.Checkpointed.install(
                org.vecsnn.core.Checkpointed.readInts(in, refractory.length, "refractory" + where), refractory));
        for (SynapticInput synapse : synapticInputs) {
            actions.add(synapse.load(in));
        }
        return org.vecsnn.core.Checkpointed.all(actions);
    }

    @Override
    public List<org.vecsnn.core.StateArray> stateArrays() {
        List<org.vecsnn.core.StateArray> arrays = new ArrayList<>(); // synapses first: a blow-up there reaches V
        for (SynapticInput in : synapticInputs) {
            arrays.addAll(in.stateArrays());
        }
        // V before the model's variables: a blow-up reaches V and LIF's V_low in the same step, reported as V
        arrays.add(new org.vecsnn.core.StateArray("population '" + name() + "'", "V", "neuron", v, size()));
        for (int k = 0; k < variables.length; k++) {
            arrays.add(new org.vecsnn.core.StateArray("population '" + name() + "'", model.variables().get(k),
                    "neuron", variables[k], size()));
        }
        return arrays;
    }

    /**
     * Whether a constant current into every neuron can be taken as a bias: LIF's {@code R·I_bias} is a shift of
     * V_rest, so the membrane step absorbs it and the input needs no pass of its own.
     */
    public boolean takesBias() {
        return model instanceof Lif;
    }

    /** Engine hook, before {@link #prepare}: the constant current into every neuron (see {@link #takesBias}). */
    public void setBias(double current) {
        checkMutable("set the bias current of population '" + name() + "'");
        bias = current;
    }

    @Override
    public void prepare(TimeGrid grid) {
        int refractorySteps = grid.intSteps("tRef of population '" + name() + "'", model.tRef(), 0);
        NeuronModel stepped = model instanceof Lif lif && bias != 0 ? lif.withVRest(lif.vRest() + lif.r() * bias)
                : model;
        membrane = stepped.membrane(grid.dt(), refractorySteps, paddedSize());
        coefficients = stepped instanceof Lif lif ? lif.coefficients(grid.dt(), refractorySteps) : null;
        for (SynapticInput in : synapticInputs) {
            in.prepare(grid);
        }
        jumps = synapticInputs.stream().filter(in -> in instanceof VoltageJump).toArray(SynapticInput[]::new);
        receptors = synapticInputs.stream().filter(in -> !(in instanceof VoltageJump)).toArray(SynapticInput[]::new);
        // LIF with exactly two single-exponential current or conductance synapses (COBA, CUBA): stepped in the
        // membrane kernel's own pass, bit-identical to their separate passes and a quarter faster per COBA step
        ExponentialReceptor[] exponentials = synapticInputs.stream()
                .filter(in -> in instanceof ExponentialReceptor e && e.fusable()).toArray(ExponentialReceptor[]::new);
        fusedReceptors = null;
        fused = null;
        if (coefficients != null && exponentials.length == 2) {
            fusedReceptors = exponentials;
            fused = new FusedExponential[] {exponentials[0].fused(), exponentials[1].fused()};
            receptors = java.util.Arrays.stream(receptors).filter(in -> in != exponentials[0] && in != exponentials[1])
                    .toArray(SynapticInput[]::new);
        }
    }

    @Override
    public int update(long step, Kernels kernels, int from, int to, int[] out, int at) {
        for (SynapticInput jump : jumps) {
            jump.apply(step, kernels, from, to);
        }
        for (SynapticInput receptor : receptors) {
            receptor.apply(step, kernels, from, to);
        }
        if (fused != null) {
            int end = kernels.lifTwoExponentials(v, variables[0], input, inputUsed, refractory, from, to, size(),
                    coefficients, out, at, fused[0], fused[1]);
            fusedReceptors[0].foldArrivals(step, kernels, from, to);
            fusedReceptors[1].foldArrivals(step, kernels, from, to);
            return end;
        }
        return membrane.step(kernels, v, variables, input, conductance, refractory, from, to, size(), out, at);
    }
}
