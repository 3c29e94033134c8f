package org.vecsnn.models.neuron;

import org.vecsnn.core.neuron.Integrator;

/**
 * The per-step constants of the Hodgkin–Huxley update:
 * {@code C·dV/dt = g_Na·m³h·(E_Na − V) + g_K·n⁴·(E_K − V) + g_L·(E_L − V) + I},
 * {@code dx/dt = α_x(V)·(1 − x) − β_x(V)·x} for x = m, h, n. A spike is an upward crossing of {@code vTh} by a neuron
 * whose refractory counter is zero; V is never held.
 */
public record HhCoefficients(Integrator method, float dt, float invC, float gNa, float eNa, float gK, float eK,
                             float gL, float eL, float vTh, int refractorySteps, GateRate alphaM, GateRate betaM,
                             GateRate alphaH, GateRate betaH, GateRate alphaN, GateRate betaN) {}
