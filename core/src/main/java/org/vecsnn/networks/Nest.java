package org.vecsnn.networks;

import org.vecsnn.core.Check;
import org.vecsnn.core.connect.Distribution;

/**
 * NEST's delays and refractory periods on this core's step grid, for models given in NEST's parameters.
 *
 * <p>NEST's {@code iaf_psc_exp} does, in step s: propagate V over the step with the synaptic current at its start,
 * decay the current, add the weights due in step s to it, and spike if V ≥ θ. A spike of step m is stamped m + 1 (the
 * step's end) and, through a delay of D steps, is due in step m + D (stamp + D − 1): it enters the current at the
 * end of that step and first moves V in step m + D + 1. Here a weight due in step n shapes V's update in step n
 * (README, Delays), so NEST's D steps are D + 1 here. A neuron that spikes in step m is held in NEST for
 * t_ref/dt whole steps (m + 1 … m + t_ref/dt) and integrates again from m + t_ref/dt + 1; here a refractory period
 * of r steps holds it in m + 1 … m + r − 1 (frozen for t_ref after the spike's label, m, where NEST's stamp is
 * m + 1), so NEST's t_ref is t_ref + dt here.
 */
public final class Nest {
    private Nest() {}

    /**
     * Delays (ms) drawn from {@code nestMs} as NEST draws them (its bounds included; NEST rounds to the nearest
     * step as this core does), each one step longer here.
     */
    public static Distribution delays(Distribution nestMs, double dt) {
        Check.positive("NEST delays: dt", dt);
        return rng -> nestMs.sample(rng) + dt;
    }

    /** NEST's refractory period {@code nestMs} (ms) as this core's. */
    public static double refractory(double nestMs, double dt) {
        Check.nonNegative("NEST refractory period", nestMs);
        return nestMs + Check.positive("NEST refractory period: dt", dt);
    }
}
