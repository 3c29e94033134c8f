package org.vecsnn.equations;

import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.vecsnn.core.simd.Lanes;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateStore;
import org.vecsnn.core.state.StateVariable;
import org.vecsnn.core.testing.StoreNeuronState;
import org.vecsnn.core.testing.TwinConformance;
import org.vecsnn.networks.EquationNetworks;

/**
 * Generated kernels, plain against vector, through the conformance base: every function of the language, each
 * integrator, noise, rand() in threshold and reset, and both kinds of refractoriness.
 */
class EquationTwinsTest {
    /** A model's generated kernel over the conformance state (V, input, the model's variables, the counter). */
    abstract static class Twin extends TwinConformance {
        abstract EquationModel model();

        @Override
        protected StateSpec state() {
            return StateSpec.of(StateVariable.real("V", "mV", 0), StateVariable.real("input", "pA", 0))
                    .and(model().state()).and(StateSpec.of(StateVariable.integer("refractory", "steps", 0)));
        }

        @Override
        protected float sample(String name, Random random) {
            return switch (name) {
                case "V" -> -75 + 35 * random.nextFloat();
                case "input" -> 30 * random.nextFloat();
                case "m", "n", "h" -> random.nextFloat();
                default -> -3 + 6 * random.nextFloat();
            };
        }

        @Override
        protected int step(Lanes lanes, StateStore state, int from, int to, int size, int[] spikes) {
            return model().bind(new StoreNeuronState(model(), lanes, state, size), 0.1, 3).step(11, from, to, spikes,
                    0);
        }
    }

    private static final EquationModel FUNCTIONS = EquationModel.builder("""
            dv/dt = (-v + 2*mV*sin(v/mV) + mV*cos(w) + mV*tanh(w) + sqrt(abs(v*mV)) + mV*log(1 + abs(w)) \
            + mV*exprel(w/10) + 0.01*clip(v, -70*mV, -40*mV) + 0.1*mV*sign(w) + 0.01*mV*(floor(w) + ceil(w) \
            + int(w)) + 0.1*mV*(w % 3) + 0.01*mV*w**2 + 0.01*mV*abs(w)**1.5 + 0.01*mV/(1 + w**2) + I*Gohm)/tau \
            : volt (unless refractory)
            dw/dt = (1 - w)/tau + exp(-w)/tau : 1
            I : amp
            """).constant("tau", "10*ms").input("I").threshold("v > -50*mV and w > 0.1 or rand() < 0.05")
            .reset("v = -65*mV\nw += 0.5*randn()").refractory("2*ms").method("rk4").build();

    /** Brian2's COBAHH neuron (subexpressions, exprel, exp; ge and gi as state). */
    private static final EquationModel HODGKIN_HUXLEY = EquationNetworks.cobahhNeuron();

    private static final EquationModel COUPLED_EXACT = EquationModel.builder("""
            dv/dt = (El - v + x + R*I)/tau : volt (unless refractory)
            dx/dt = -x/taux : volt
            I : amp
            """).constant("El", "-60*mV").constant("R", "1*Gohm").constant("tau", "20*ms").constant("taux", "5*ms")
            .input("I").threshold("v > -50*mV").reset("v = -60*mV\nx += 2*mV").refractory("0.3*ms").build();

    private static final EquationModel MULTIPLICATIVE_NOISE = EquationModel.builder("""
            dv/dt = (El - v)/tau + 0.2*(v - El)*xi*tau**-0.5 + 0.5*mV*xi_shared*tau**-0.5 : volt
            """).constant("El", "-60*mV").constant("tau", "10*ms").threshold("v > -50*mV").reset("v = -45*mV")
            .refractory("v > -55*mV").seed(7).build();

    private static final EquationModel ADDITIVE_NOISE = EquationModel.builder("""
            dv/dt = (El - v)/tau + sigma*xi*tau**-0.5 : volt
            sigma : volt
            """).constant("El", "-60*mV").constant("tau", "10*ms").initial("sigma", "3*mV").threshold("v > -50*mV")
            .reset("v = -60*mV").seed(3).build();

    @Nested
    class EveryFunctionWithRk4 extends Twin {
        @Override
        EquationModel model() {
            return FUNCTIONS;
        }
    }

    @Nested
    class HodgkinHuxleyWithExponentialEuler extends Twin {
        @Override
        EquationModel model() {
            return HODGKIN_HUXLEY;
        }
    }

    @Nested
    class CoupledLinearSystemExact extends Twin {
        @Override
        EquationModel model() {
            return COUPLED_EXACT;
        }
    }

    @Nested
    class MultiplicativeNoiseHeun extends Twin {
        @Override
        EquationModel model() {
            return MULTIPLICATIVE_NOISE;
        }
    }

    @Nested
    class AdditiveNoiseEuler extends Twin {
        @Override
        EquationModel model() {
            return ADDITIVE_NOISE;
        }
    }
}
