package org.vecsnn.core.monitor;

/** Something whose state a {@link StateMonitor} can record by name: a population, a projection's synapses. */
public interface Recordable {
    /** Who this is, for messages ("population 'E'"). */
    String label();

    /**
     * The variable's probe.
     *
     * @throws IllegalArgumentException for an unknown name, listing the allowed ones
     */
    Probe probe(String variable);

    /** The population whose network must own a monitor of this (the population itself, a projection's target). */
    org.vecsnn.core.Population population();
}
