package org.vecsnn.core.synapse;

import org.vecsnn.core.Check;

/** How a synapse's state g acts on its postsynaptic neuron's input current. */
public sealed interface SynapticOutput {
    /** Current-based: {@code I += g}. The sign of the weight makes the synapse excitatory or inhibitory. */
    record Current() implements SynapticOutput {}

    /** Conductance-based: {@code I += g·(E − V)}, with V the membrane potential at the start of the step. */
    record Conductance(double reversal) implements SynapticOutput {
        public Conductance {
            Check.finite("reversal potential E (mV)", reversal);
        }
    }

    static SynapticOutput current() {
        return new Current();
    }

    static SynapticOutput conductance(double reversalMv) {
        return new Conductance(reversalMv);
    }
}
