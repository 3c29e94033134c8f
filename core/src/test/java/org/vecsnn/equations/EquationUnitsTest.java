package org.vecsnn.equations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vecsnn.core.neuron.NeuronKernel;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateStore;
import org.vecsnn.core.state.StateVariable;
import org.vecsnn.core.testing.StoreNeuronState;

/**
 * The storage convention: values are stored in ms, mV, pA, nS, pF, µm (one consistent system), so a quantity's
 * stored number is its SI value divided by its dimension's scale; checked against values worked out by hand.
 */
class EquationUnitsTest {
    private static double stored(String quantity) {
        Units.Unit one = Units.find(quantity);
        return one.factor() / one.dimension().scale();
    }

    @Test
    void theCoreUnitsAreStoredAsOne() {
        for (String unit : new String[] {"mV", "ms", "pA", "nS", "pF", "um", "mM", "mvolt", "msecond", "nsiemens",
            "pfarad", "umetre"}) {
            assertEquals(1, stored(unit), 1e-12, unit);
        }
    }

    @Test
    void otherUnitsAreStoredInTheCoreUnits() {
        assertEquals(1000, stored("volt"), 1e-9);        // 1 V = 1000 mV
        assertEquals(1e-3, stored("Hz"), 1e-15);          // 1 Hz = 0.001 per ms
        assertEquals(1000, stored("nA"), 1e-9);           // 1 nA = 1000 pA
        assertEquals(1e6, stored("ufarad"), 1e-3);        // 1 µF = 1e6 pF
        assertEquals(1e-3, stored("Mohm"), 1e-15);        // 1 MΩ = 1 mV / 1 nA = 0.001 mV/pA
        assertEquals(1e8, stored("cm2"), 1);              // 1 cm² = 1e8 µm²
        assertEquals(1e-3, stored("uM"), 1e-15);          // 1 µM = 0.001 mM
    }

    @Test
    void derivedQuantitiesOfTheModelsHaveTheirHandComputedValues() {
        EquationModel probe = EquationModel.builder("dv/dt = -v/ms : volt").build();
        // 1 µF/cm² = 0.01 F/m² = 0.01 pF/µm²; 1 mS/cm² = 0.01 nS/µm²; 20000 µm² of them: 200 pF, 200 nS
        Expr.Num c = quantity("(1*ufarad*cm**-2) * 20000*umetre**2");
        assertEquals(200, c.value() / c.dimension().scale(), 1e-9);
        Expr.Num g = quantity("(1*msiemens*cm**-2) * 20000*umetre**2");
        assertEquals(200, g.value() / g.dimension().scale(), 1e-9);
        // nS·mV = pA and pF·mV/ms = pA: the system is consistent
        Expr.Num i = quantity("3*nS*2*mV");
        assertEquals("A", i.dimension().toString());
        assertEquals(6, i.value() / i.dimension().scale(), 1e-12);
        Expr.Num j = quantity("5*pF*2*mV/ms");
        assertEquals(10, j.value() / j.dimension().scale(), 1e-12);
        assertEquals("exact", probe.methodName());
    }

    private static Expr.Num quantity(String text) {
        Checker constants = new Checker(Equations.none(), java.util.Map.of(), false);
        EquationException.Source src = EquationException.Source.of("test", text);
        java.util.List<Parser.Token> tokens = Parser.lex(src, 1);
        Expr e = new Parser(src, 1, tokens, 0, tokens.size() - 1).whole();
        Dimension d = constants.dimension(src, e, null);
        Expr.Num n = (Expr.Num) Algebra.simplify(constants.lower(e));
        return new Expr.Num(n.value() * d.scale(), d, null);
    }

    @Test
    void dimensionsArePrintedAsBrian2Does() {
        assertEquals("V", quantity("mV").dimension().toString());
        assertEquals("V/s", quantity("mV/ms").dimension().toString());
        assertEquals("S", quantity("1/Mohm").dimension().toString());
        assertEquals("1", quantity("mV/volt").dimension().toString());
        assertEquals("m^-4 kg^-1 s^4 A^2", quantity("farad/metre**2").dimension().toString());
        assertEquals("s^-0.5", Checker.XI.toString());
    }

    /**
     * τ·dv/dt = E_L − v + R·I with R = 100 MΩ and I = 0.2 nA, written in SI-style units: the input arrives in pA
     * (200) and v settles at E_L + 20 mV.
     */
    @Test
    void aModelInOtherUnitsSettlesWhereTheUnitsSay() {
        EquationModel model = EquationModel.builder("""
                dv/dt = (El - v + R*I)/tau : volt
                I : amp
                """).constant("El", "-0.06*volt").constant("R", "100*Mohm").constant("tau", "0.01*second")
                .input("I").initial("v", "-60*mV").build();
        assertEquals(-60, model.initialV(), 1e-12);
        StateStore store = new StateStore("units", "neuron", 1, StateSpec.of(StateVariable.real("V", "mV", -60),
                StateVariable.real("input", "pA", 0)).and(model.state())
                .and(StateSpec.of(StateVariable.integer("refractory", "steps", 0))));
        store.floats("V")[0] = -60;
        NeuronKernel k = model.bind(new StoreNeuronState(model, KernelProvider.plain(), store, 1), 0.1, 0);
        for (int n = 0; n < 2000; n++) {
            store.floats("input")[0] = 200; // pA: the kernel clears the input every step
            k.step(n, 0, 16, new int[16], 0);
        }
        // exact's propagator P = e^(−dt/τ) is a float: its rounding (6e-8) over 1 − P = 0.01 shifts the fixed point
        // by up to 40 mV × 6e-6
        assertEquals(-40, store.floats("V")[0], 3e-4);
    }
}
