package org.vecsnn.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.input.CurrentInput;
import org.vecsnn.core.monitor.Monitor;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.synapse.SynapticInput;

/**
 * Holds populations, projections, inputs and monitors, and steps them. The structure is fixed once the first step
 * runs. One step n (covering {@code [n·dt, (n+1)·dt)}) does, in this order:
 * <ol>
 *   <li>state monitors record the state at {@code t = n·dt};</li>
 *   <li>external currents are added to each population's input;</li>
 *   <li>for each population: arrivals due in step n are taken from the delay rings (voltage jumps move V; receptors
 *       add them to g), receptors add their output current using V at {@code n·dt} and decay; the membrane
 *       integrates, holds refractory neurons, spikes ({@code V ≥ V_th}), resets and clears its input;</li>
 *   <li>each projection walks the CSR rows of this step's spikes and adds their weights to the arrival slot
 *       {@code n + k} of their delay k ≥ 1;</li>
 *   <li>spike and rate monitors record the spikes of step n (labelled {@code t = n·dt}).</li>
 * </ol>
 * {@link #step()} allocates nothing once the network is prepared (monitors' buffers grow by doubling). On several
 * threads ({@link #threads(int)}) each thread does steps 2–4 for its own chunk of every population and delivers every
 * spike into its own targets, with the same result bit for bit (see {@link Stepper}).
 *
 * <p>One thread at a time: {@link #step()}, the {@code run} methods, {@link #prepare()}, {@link #close()} and
 * {@link Checkpoint}'s save and load take the network for the calling thread for the length of the call; a call from
 * another thread meanwhile is refused at once with an {@link IllegalStateException} (the calling thread itself may save
 * a checkpoint from a progress listener, between steps).
 */
public final class Network {
    private final TimeGrid grid;
    private final Kernels kernels;
    private long seed = 0x5EED_5EEDL;
    private final List<Population> populations = new ArrayList<>();
    private final List<Projection> projections = new ArrayList<>();
    private final List<CurrentInput> currents = new ArrayList<>();
    private final List<Monitor> monitors = new ArrayList<>();
    private Population[] populationArray;
    private Projection[] projectionArray;
    private Projection[] learning;
    private CurrentInput[] currentArray;
    private Monitor[] beforeStep;
    private Monitor[] afterStep;
    private long step;
    private boolean prepared;
    private int finiteCheckInterval = 100;
    private StateArray[] watched;
    private int requestedThreads;
    private Stepper stepper;
    /** The processes this network is distributed over (see {@link ProcessGroup}), or null on one process. */
    private final ProcessGroup group;
    /** Bound while networks are built for a process group ({@link ProcessGroup#build}). */
    static final ScopedValue<ProcessGroup> GROUP = ScopedValue.newInstance();
    /** The thread inside step, run, prepare or a checkpoint's save or load, else null (see {@link #enter}). */
    private volatile Thread owner;
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(Network.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** Networks with at least this many synapses step on every core by default. */
    public static final long THREADED_SYNAPSES = 1_000_000;
    /** The most steps one threaded slice spans (no spike may act within the slice it was emitted in). */
    static final int MAX_SLICE = 8;

    /** A network with time step {@code dtMs} and the kernels chosen for this JVM ({@link KernelProvider#get()}). */
    public Network(double dtMs) {
        this(dtMs, KernelProvider.get());
    }

    public Network(double dtMs, Kernels kernels) {
        this.grid = new TimeGrid(dtMs);
        if (kernels == null) {
            throw new IllegalArgumentException("kernels = null: must be Kernels (see KernelProvider)");
        }
        this.kernels = kernels;
        this.group = GROUP.isBound() && GROUP.get().size() > 1 ? GROUP.get() : null;
    }

    /**
     * The processes this network is distributed over, or null when it runs in this process alone (built outside
     * {@link ProcessGroup#build}, or for a group of one).
     */
    public ProcessGroup processes() {
        return group;
    }

    /** The master seed from which projections without their own seed draw theirs, in the order they are built. */
    public Network seed(long value) {
        checkMutable("set the seed");
        this.seed = value;
        return this;
    }

    /**
     * Checks every state variable for NaN and infinite values every {@code steps} steps (default 100; 0 turns the
     * check off). A vectorized pass over the state arrays, so about 1 % of a step's work at the default; a blow-up
     * stops the run within {@code steps} steps of its appearance, with the population, unit, variable, step and time.
     */
    public Network checkFiniteEvery(int steps) {
        this.finiteCheckInterval = Check.nonNegative("finite-check interval (steps)", steps);
        return this;
    }

    public TimeGrid grid() {
        return grid;
    }

    public double dt() {
        return grid.dt();
    }

    public Kernels kernels() {
        return kernels;
    }

    /** The index of the next step to run (the number of steps run so far). */
    public long stepIndex() {
        return step;
    }

    /** The time reached, {@code stepIndex()·dt} in ms. */
    public double time() {
        return grid.time(step);
    }

    public <P extends Population> P add(P population) {
        checkMutable("add population '" + population.name() + "'");
        for (Population p : populations) {
            if (p.name().equals(population.name())) {
                throw new IllegalArgumentException("population name = " + population.name()
                        + ": must be unique in the network");
            }
        }
        population.attach(this);
        populations.add(population);
        return population;
    }

    /** Adds neurons of any model (the built-in ones in {@code org.vecsnn.models.neuron}, or one of your own). */
    public NeuronPopulation addNeurons(String name, int size, org.vecsnn.core.neuron.NeuronModel model) {
        return add(new NeuronPopulation(name, size, model));
    }

    public List<Population> populations() {
        return List.copyOf(populations);
    }

    public List<Projection> projections() {
        return List.copyOf(projections);
    }

    /** The current inputs (timed currents, Poisson drives, gap junctions), in the order they were added. */
    public List<CurrentInput> currents() {
        return List.copyOf(currents);
    }

    public List<Monitor> monitors() {
        return List.copyOf(monitors);
    }

    /**
     * Starts a projection from {@code source} onto {@code target}; finish it with {@link ProjectionBuilder#build()}.
     */
    public ProjectionBuilder connect(Range source, SynapticInput target) {
        if (source == null || target == null) {
            throw new IllegalArgumentException("connect(source = " + source + ", target = " + target
                    + "): both must be given");
        }
        return new ProjectionBuilder(this, source, target);
    }

    public ProjectionBuilder connect(Population source, SynapticInput target) {
        return connect(source == null ? null : source.all(), target);
    }

    /** Starts gap junctions from {@code pre} onto {@code post}; finish with {@link GapJunctionBuilder#build()}. */
    public GapJunctionBuilder connectGap(Range pre, Range post) {
        if (pre == null || post == null) {
            throw new IllegalArgumentException("connectGap(pre = " + pre + ", post = " + post + "): both must be given");
        }
        return new GapJunctionBuilder(this, pre, post);
    }

    public <C extends CurrentInput> C addCurrent(C input) {
        checkMutable("add a current input");
        checkOwns(input.target());
        currents.add(input);
        return input;
    }

    public <M extends Monitor> M addMonitor(M monitor) {
        checkMutable("add a monitor");
        checkOwns(monitor.population());
        for (Monitor m : monitors) {
            if (m == monitor) {
                throw new IllegalArgumentException("monitor " + monitor + " of population '"
                        + monitor.population().name() + "' is already added: must be added once (it would record"
                        + " every step twice)");
            }
        }
        monitors.add(monitor);
        return monitor;
    }

    /** The number of synapses over all projections (on a distributed network, those onto this process's neurons). */
    public long synapseCount() {
        long total = 0;
        for (Projection p : projections) {
            total += p.synapseCount();
        }
        return total;
    }

    /**
     * The number of threads to step on (before the network runs). Results are identical for any number of threads.
     * The default is every core ({@link Runtime#availableProcessors()}) for networks of at least
     * {@link #THREADED_SYNAPSES} synapses whose parts all step by range, and one thread otherwise: below that size
     * the exchange of spikes between threads every step costs about what it shares (µs per step on one and two
     * threads, 2 cores: COBA 4000 2.8 and 2.9, CUBA 4000 2.1 and 2.9, COBA 8000 5.6 and 4.5, COBA 16000 12.1 and
     * 8.3), and kinetic synapses and gap junctions keep state per presynaptic unit or read other neurons' V. Asking
     * for more than one thread for a network with such parts is refused when it is prepared. Plasticity rules run
     * on thread 0 between barriers (see {@link Phase#PRESYNAPTIC}).
     */
    public Network threads(int count) {
        checkMutable("set the number of threads");
        if (count < 1 || count > 1024) {
            throw Check.fail("threads", count, "an integer in [1, 1024]");
        }
        requestedThreads = count;
        return this;
    }

    /** The threads the network steps on (known once it is prepared; 1 before). */
    public int threads() {
        return stepper == null ? 1 : stepper.threads();
    }

    /**
     * Steps per exchange of spikes between threads: the shortest delay (one step less into exponential synapses), at
     * most 8; 1 with state monitors.
     */
    public int stepsPerExchange() {
        return stepper == null ? 1 : stepper.slice();
    }

    /**
     * Stops the step threads of a threaded network (they are daemon threads and end with the JVM anyway). Refused
     * while another thread steps or runs the network: its threads would stop in the middle of a step.
     */
    public void close() {
        boolean entered = enter("close");
        try {
            if (stepper != null) {
                stepper.close();
            }
        } finally {
            leave(entered);
        }
    }

    /**
     * Takes the network for the calling thread (a compare-and-set, once per call of step, run, prepare or a
     * checkpoint's save or load, never per step of a run); a call from another thread meanwhile is refused at once.
     *
     * @return false if the calling thread holds it already (an outer call gives it back)
     * @throws IllegalStateException naming the thread that holds it
     */
    boolean enter(String what) {
        Thread me = Thread.currentThread();
        while (!OWNER.compareAndSet(this, null, me)) {
            Thread holder = owner;
            if (holder == me) {
                return false;
            }
            if (holder != null) {
                throw new IllegalStateException("cannot " + what + ": thread '" + holder.getName() + "' is using the"
                        + " network (step, run, prepare or a checkpoint); a network must be used by one thread at a"
                        + " time");
            }
        }
        return true;
    }

    /** Gives the network back after {@link #enter} returned true. */
    void leave(boolean entered) {
        if (entered) {
            OWNER.setRelease(this, null);
        }
    }

    /**
     * Advances one step. The first call prepares the network and fixes its structure. Refused while another thread
     * steps, runs, prepares, saves or loads the network.
     */
    public void step() {
        boolean entered = enter("step");
        try {
            if (!prepared) {
                prepare();
            }
            stepOnce();
        } finally {
            leave(entered);
        }
    }

    private void stepOnce() {
        stepper.run(step, 1); // on a failure it sets the step index (see Stepper#run)
        step++;
        gatherMonitors();
    }

    /** On several processes, every process's monitors take what the others recorded (a collective call). */
    private void gatherMonitors() {
        if (group != null) {
            for (int k = 0; k < monitors.size(); k++) {
                monitors.get(k).gather(group);
            }
        }
    }

    /**
     * Throws {@link NonFiniteStateException} if any watched state variable holds NaN or infinity now (after step
     * {@code stepIndex() − 1}).
     */
    public void checkFinite() {
        if (!prepared) {
            return;
        }
        for (StateArray a : watched) {
            checkFinite(a, 0, a.length(), step - 1);
        }
    }

    /** Throws if entries {@code [from, to)} of {@code a} hold a non-finite value after step {@code last}. */
    void checkFinite(StateArray a, int from, int to, long last) {
        if (from >= to) {
            return;
        }
        int i = kernels.firstNonFinite(a.values(), from, to);
        if (i >= 0) {
            long previous = finiteCheckInterval > 0 ? last - finiteCheckInterval : -1;
            throw new NonFiniteStateException(a.owner() + ", " + a.unit() + " " + i + ": " + a.variable() + " = "
                    + a.values()[i] + " after step " + last + " (t = " + grid.time(last + 1) + " ms)"
                    + (previous >= 0 ? "; the check after step " + previous + " found all state finite" : ""));
        }
    }

    int finiteCheckEvery() {
        return finiteCheckInterval;
    }

    /** Runs {@code durationMs} (a whole number of steps), reporting progress on standard error for long runs. */
    public void run(double durationMs) {
        run(durationMs, ProgressListener.stderr(5.0));
    }

    public void run(double durationMs, ProgressListener progress) {
        runSteps(grid.steps("duration", durationMs, 0), progress);
    }

    /**
     * Runs {@code steps} steps. Before the first, refuses (changing nothing) a run whose state monitors could not
     * hold what it records. Refused while another thread steps, runs, prepares, saves or loads the network. On an
     * exception the step index is the step after the last one complete: after a blow-up, the step after the checked
     * one, with the state and monitors there, on any number of threads.
     */
    public void runSteps(long steps, ProgressListener progress) {
        Check.nonNegative("steps", (double) steps);
        if (progress == null) {
            throw new IllegalArgumentException("progress = null: must be a ProgressListener"
                    + " (ProgressListener.SILENT for none)");
        }
        boolean entered = enter("run");
        try {
            long start = System.nanoTime();
            if (!prepared) {
                prepare();
            }
            for (int k = 0; k < monitors.size(); k++) { // no iterator: a run of a few steps allocates nothing
                monitors.get(k).checkFits(steps);
            }
            for (long done = 0; done < steps; ) {
                long n = Math.min(1024, steps - done);
                stepper.run(step, n);
                step += n;
                done += n;
                progress.progress(done, steps, (System.nanoTime() - start) * 1e-9);
            }
            if (steps == 0) {
                progress.progress(0, 0, (System.nanoTime() - start) * 1e-9);
            }
            gatherMonitors();
        } finally {
            leave(entered);
        }
    }

    /**
     * Fixes the structure and computes everything that depends on dt; {@link #step()} calls it when needed. Refuses,
     * before allocating any of it, a network whose delay rings and run state could not fit the heap left.
     */
    public void prepare() {
        boolean entered = enter("prepare");
        try {
            if (!prepared) {
                prepareNow();
            }
        } finally {
            leave(entered);
        }
    }

    private void prepareNow() {
        int wanted = requestedThreads > 0 ? requestedThreads
                : synapseCount() >= THREADED_SYNAPSES ? Runtime.getRuntime().availableProcessors() : 1;
        checkPreparedFits(wanted);
        // constant currents into whole LIF populations go into the membrane step: no pass over the input
        List<CurrentInput> stepped = new ArrayList<>();
        java.util.Map<NeuronPopulation, Double> biases = new java.util.HashMap<>();
        for (CurrentInput c : currents) {
            double bias = c.wholePopulationConstant();
            if (!Double.isNaN(bias) && c.target().takesBias()) {
                biases.merge(c.target(), bias, Double::sum);
            } else {
                stepped.add(c);
            }
        }
        for (CurrentInput c : currents) {
            c.target().setBias(biases.getOrDefault(c.target(), 0.0));
        }
        for (Population p : populations) {
            p.prepare(grid);
        }
        for (Projection p : projections) {
            p.prepare(grid);
        }
        for (CurrentInput c : currents) {
            c.prepare(grid);
        }
        for (Monitor m : monitors) {
            m.prepare(grid);
        }
        populationArray = populations.toArray(new Population[0]);
        watched = populations.stream().flatMap(p -> p.stateArrays().stream()).toArray(StateArray[]::new);
        projectionArray = projections.toArray(new Projection[0]);
        learning = projections.stream().filter(Projection::learns).toArray(Projection[]::new);
        currentArray = stepped.toArray(new CurrentInput[0]);
        beforeStep = monitors.stream().filter(Monitor::recordsBeforeStep).toArray(Monitor[]::new);
        afterStep = monitors.stream().filter(m -> !m.recordsBeforeStep()).toArray(Monitor[]::new);
        String single = singleThreadedPart();
        Monitor local = monitors.stream().filter(m -> !m.runsOnProcesses()).findFirst().orElse(null);
        if (group != null && (single != null || local != null)) {
            throw new IllegalArgumentException("processes = " + group.size() + ": " + (single != null ? single
                    + " steps on one thread" : local.description() + " reads state that only some processes"
                    + " step, and cannot gather it") + "; must run on one process");
        }
        if (wanted > 1 && single != null) {
            if (requestedThreads > 1) {
                throw new IllegalArgumentException("threads = " + requestedThreads + ": " + single
                        + " steps on one thread; must be 1 for this network");
            }
            wanted = 1;
        }
        int slice = 1;
        if (wanted > 1 || group != null) {
            slice = MAX_SLICE;
            for (Projection p : projections) {
                // a weight due in step m + k joins an exponential receptor's g in the update of step m + k − 1
                int acts = p.target().dueAtNextStep() != null && p.minDelaySteps() > 1 ? p.minDelaySteps() - 1
                        : p.minDelaySteps();
                slice = Math.min(slice, acts);
            }
        }
        if (group != null) {
            // a process holds only the synapses onto its neurons: the shortest delay is the shortest of all
            slice = group.min(slice);
        }
        stepper = new Stepper(this, wanted, slice, group, populationArray, projectionArray, learning,
                currentArray, beforeStep, afterStep);
        prepared = true;
    }

    /**
     * Refuses what {@link #prepare} would allocate if it cannot fit the heap left: the delay rings, and on
     * {@code threads} threads or several processes their spike lists (two sets of up to {@link #MAX_SLICE} steps per population) and the
     * projections' split rows.
     */
    private void checkPreparedFits(int threads) {
        long bytes = 0;
        for (Population p : populations) {
            bytes += p.preparedBytes();
            if (threads > 1 || group != null) { // lists per chunk, then gathered
                bytes += 4L * 2 * MAX_SLICE * p.paddedSize();
            }
        }
        for (Projection p : projections) {
            bytes += p.preparedBytes(threads);
        }
        Check.fitsHeap("preparing the network (delay rings and run state on " + threads + " thread(s))", bytes);
    }

    /** The first part of the network that cannot step by ranges on several threads, or null. */
    private String singleThreadedPart() {
        for (Population p : populations) {
            if (p.singleThreadedPart() != null) {
                return p.singleThreadedPart();
            }
        }
        for (CurrentInput c : currents) {
            if (!c.appliesByRange()) {
                return "the current input " + c + " (it reads other neurons' state)";
            }
        }
        for (Projection p : projections) {
            if (!p.deliversByRange()) {
                return "projection '" + p.name() + "' (kinetic synapses: state per presynaptic unit or synapse)";
            }
        }
        return null;
    }

    public boolean isPrepared() {
        return prepared;
    }

    void restoreStep(long value) {
        step = value;
    }

    /**
     * Undoes a {@link #prepare} of a network that has not stepped (a refused checkpoint load prepared it): the next
     * step prepares it again, and until then its structure may change.
     */
    void unprepare() {
        close();
        stepper = null;
        prepared = false;
    }

    void register(Projection projection) {
        projections.add(projection);
    }

    long nextProjectionSeed() {
        return SplitMix64.stream(seed, projections.size()).nextLong();
    }

    void checkMutable(String what) {
        if (prepared) {
            throw new IllegalStateException("cannot " + what + ": the network has started running (step " + step
                    + ") and its structure is fixed");
        }
    }

    void checkOwns(Population population) {
        if (population.network() != this) {
            throw new IllegalArgumentException("population '" + population.name() + "' "
                    + (population.network() == null ? "has not been added to this network"
                    : "belongs to another network") + ": must be a population of this network (add it first)");
        }
    }

    @Override
    public String toString() {
        return "Network(dt = " + grid.dt() + " ms, " + populations.size() + " populations, " + projections.size()
                + " projections, " + synapseCount() + " synapses, kernels " + kernels.name() + ")";
    }
}
