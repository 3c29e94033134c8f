package org.vecsnn.core.plasticity;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.vecsnn.core.Check;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.state.StateSpec;

/**
 * A learning rule whose spikes meet at the synapse after an axonal and a dendritic delay, as NEST defines them: a
 * presynaptic spike emitted in step m reaches the synapse in step m + a, a postsynaptic spike of step n reaches it
 * (back-propagating) in step n + d, and the rule pairs them at the synapse, Δt = (n + d) − (m + a) steps; spikes
 * meeting in one step are paired presynaptic first, as without delays. Only the difference d − a moves a pairing, so
 * the side that arrives later is held back by |d − a| steps: with d &gt; a the rule sees each postsynaptic spike
 * d − a steps late (at the end of that step, after its presynaptic spikes), with a &gt; d each presynaptic spike
 * a − d steps late (at the end of the step before, ahead of that step's postsynaptic spikes). NEST's
 * {@code stdp_synapse} with delay D is a = 0, d = D; Brian2's delay on the {@code pre} pathway is a = D, d = 0.
 * Delivery does not wait: a held-back presynaptic spike is delivered in its own step with the weight of that step,
 * so the rule must only learn (its pre-spike callback gives efficacy 1; short-term plasticity cannot be held back).
 * Spikes held back are saved in checkpoints.
 *
 * @param rule the rule whose callbacks are held back
 * @param axonal a (ms), {@code >= 0}, a whole number of steps
 * @param dendritic d (ms), {@code >= 0}, a whole number of steps
 */
public record DelayedMeeting(PlasticityRule rule, double axonal, double dendritic) implements PlasticityRule {
    public DelayedMeeting {
        if (rule == null) {
            throw Check.fail("plasticity rule", null, "a rule");
        }
        Check.nonNegative("axonal delay (ms)", axonal);
        Check.nonNegative("dendritic delay (ms)", dendritic);
    }

    @Override
    public StateSpec synapseState() {
        return rule.synapseState();
    }

    @Override
    public StateSpec presynapticState() {
        return rule.presynapticState();
    }

    @Override
    public StateSpec postsynapticState() {
        return rule.postsynapticState();
    }

    @Override
    public boolean changesWeights() {
        return rule.changesWeights();
    }

    @Override
    public boolean usesPostSpikes() {
        return rule.usesPostSpikes();
    }

    @Override
    public boolean usesSteps() {
        return rule.usesSteps() || axonal != dendritic;
    }

    @Override
    public PlasticityKernel bind(PlasticSynapses synapses, double dt) {
        TimeGrid grid = new TimeGrid(dt);
        int lag = grid.intSteps("dendritic delay", dendritic, 0) - grid.intSteps("axonal delay", axonal, 0);
        PlasticityKernel inner = rule.bind(synapses, dt);
        return lag == 0 ? inner
                : new HeldBack(inner, rule.usesSteps(), lag, lag > 0 ? synapses.columns() : synapses.rows());
    }

    /** One side's callbacks held back {@code |lag|} steps: post spikes for lag &gt; 0, pre spikes for lag &lt; 0. */
    private static final class HeldBack implements PlasticityKernel {
        private final PlasticityKernel inner;
        private final boolean innerSteps;
        private final int lag;
        /** The rows (lag &lt; 0) or columns (lag &gt; 0) of the projection: what a held-back spike may name. */
        private final int units;
        /** Held-back spikes by the step they reach the synapse in, modulo the ring's length. */
        private final int[][] held;
        private final int[] counts;

        HeldBack(PlasticityKernel inner, boolean innerSteps, int lag, int units) {
            this.inner = inner;
            this.innerSteps = innerSteps;
            this.lag = lag;
            this.units = units;
            int slots = Math.abs(lag) + 1;
            held = new int[slots][16];
            counts = new int[slots];
        }

        @Override
        public float preSpike(long step, int row) {
            if (lag > 0) {
                return inner.preSpike(step, row);
            }
            hold(step - lag, row);
            return 1f;
        }

        @Override
        public void postSpike(long step, int column) {
            if (lag < 0) {
                inner.postSpike(step, column);
            } else {
                hold(step + lag, column);
            }
        }

        @Override
        public void afterStep(long step) {
            if (lag > 0) {
                release(step, true);
            }
            if (innerSteps) {
                inner.afterStep(step);
            }
            if (lag < 0) {
                release(step + 1, false); // the next step's arrivals, before its postsynaptic spikes
            }
        }

        private void hold(long due, int unit) {
            int slot = (int) Math.floorMod(due, (long) counts.length);
            if (counts[slot] == held[slot].length) {
                held[slot] = Arrays.copyOf(held[slot], 2 * counts[slot]);
            }
            held[slot][counts[slot]++] = unit;
        }

        private void release(long due, boolean post) {
            int slot = (int) Math.floorMod(due, (long) counts.length);
            int[] list = held[slot];
            for (int k = 0; k < counts[slot]; k++) {
                if (post) {
                    inner.postSpike(due, list[k]);
                } else if (inner.preSpike(due, list[k]) != 1f) {
                    throw new IllegalStateException("a rule held back by a dynamic axonal delay gave a presynaptic"
                            + " spike an efficacy other than 1: only learning rules can be delayed");
                }
            }
            counts[slot] = 0;
        }

        /** Held-back spikes: per slot, in ring order, its count and units (the inner kernel's state follows). */
        @Override
        public void save(DataOutputStream out) throws IOException {
            inner.save(out);
            out.writeInt(counts.length);
            for (int slot = 0; slot < counts.length; slot++) {
                out.writeInt(counts[slot]);
                for (int k = 0; k < counts[slot]; k++) {
                    out.writeInt(held[slot][k]);
                }
            }
        }

        @Override
        public Runnable load(DataInputStream in) throws IOException {
            Runnable innerAction = inner.load(in);
            int slots = in.readInt();
            if (slots != counts.length) {
                throw new IOException("held-back spikes: " + slots + " slots in the checkpoint, " + counts.length
                        + " in the network (a different difference of axonal and dendritic delay)");
            }
            int[][] staged = new int[slots][];
            for (int slot = 0; slot < slots; slot++) {
                int n = in.readInt();
                if (n < 0 || n > units) { // a unit spikes at most once per step
                    throw new IOException("held-back spikes: slot " + slot + " holds " + n + ": must be in [0, "
                            + units + "]");
                }
                staged[slot] = new int[n];
                for (int k = 0; k < n; k++) {
                    staged[slot][k] = in.readInt();
                    if (staged[slot][k] < 0 || staged[slot][k] >= units) {
                        throw new IOException("held-back spikes: slot " + slot + ", spike " + k + " of unit "
                                + staged[slot][k] + ": must be in [0, " + units + ")");
                    }
                }
            }
            return () -> {
                innerAction.run();
                for (int slot = 0; slot < slots; slot++) {
                    held[slot] = Arrays.copyOf(staged[slot], Math.max(16, staged[slot].length));
                    counts[slot] = staged[slot].length;
                }
            };
        }
    }
}
