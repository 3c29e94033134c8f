package org.vecsnn.equations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Malformed and inconsistent models: each is refused with a message that says where and what is wrong. */
class EquationErrorsTest {
    private static final String LIF = "dv/dt = (El - v)/tau : volt (unless refractory)";

    private record Bad(String what, String equations, UnaryOperator<EquationModel.Builder> more, String[] says) {}

    private static final List<Bad> BAD = new ArrayList<>();

    private static void bad(String what, String equations, String... says) {
        BAD.add(new Bad(what, equations, b -> b, says));
    }

    private static void bad(String what, String equations, UnaryOperator<EquationModel.Builder> more,
                            String... says) {
        BAD.add(new Bad(what, equations, more, says));
    }

    static {
        // syntax
        bad("unclosed parenthesis", "dv/dt = (El - v/tau : volt", "column 9", "expected ')' to close the '('");
        bad("stray parenthesis", "dv/dt = El - v)/tau : volt", "unexpected ')'");
        bad("no unit", "dv/dt = -v/tau", "missing ': unit'");
        bad("empty unit", "dv/dt = -v/tau :", "missing unit after ':'");
        bad("caret power", "dv/dt = -v^2/tau : volt", "powers are written **");
        bad("unclosed flags", "dv/dt = -v/tau : volt (unless refractory", "the flags after the unit are not closed");
        bad("no expression", "dv/dt = : volt", "missing expression after '='");
        bad("declared twice", LIF + "\n" + LIF, "line 2", "'v' is declared twice (first on line 1)");
        bad("malformed number", "dv/dt = 1.2.3*v/tau : volt", "malformed number '1.2.3'");
        bad("double equals", "v = = 3*mV : volt", "expected a number, a name or '('");
        bad("starts with a number", "3 = v : volt", "an equation starts with a name");
        bad("dangling operator", "dv/dt = -v/tau + : volt", "expected a number, a name or '(', found end");
        bad("strange character", "dv/dt = -v/tau $ 1 : volt", "unexpected character '$'");
        bad("wrong arity", "dv/dt = exp(v/mV, 2)*mV/tau : volt", "exp() takes 1 argument, found 2");
        bad("condition as number", "dv/dt = (v > El)*mV/tau : volt", "'(v > El)' is a condition where a number");
        bad("chained comparison", LIF, b -> b.threshold("El < v < 0*mV"), "chained comparisons");
        bad("empty equations", "  \n # nothing\n", "the model has no equations");
        // units
        bad("dv/dt without time", "dv/dt = -v : volt", "units do not match in the equation of dv/dt",
                "'-v' has unit V", "dv/dt has unit V/s");
        bad("sum of volt/second and amp", "dv/dt = (El - v)/tau + 1*mA : volt", "units do not match",
                "'(El - v)/tau' has unit V/s and '1*mA' has unit A", "same unit");
        bad("exp of a voltage", "dv/dt = exp(v)*mV/tau : volt", "argument 'v' of exp() has unit V",
                "dimensionless");
        bad("declared unit wrong", "dv/dt = 2*mV/tau : amp", "has unit V/s, dv/dt has unit A/s");
        bad("subexpression unit", "I = v/tau : amp\n" + LIF, "right-hand side 'v/tau' has unit V/s, I has unit A");
        bad("unknown unit", "dv/dt = -v/tau : furlong", "unknown unit 'furlong'");
        bad("unit with a variable", "dv/dt = -v/tau : volt**v", "is not a unit");
        bad("variable exponent of a voltage", "dv/dt = v**(v/mV)/tau : volt", "must be a constant number");
        bad("exponent with a unit", "dv/dt = (v/mV)**(2*ms)*mV/tau : volt", "exponents must be dimensionless");
        bad("clip bounds in other units", "dv/dt = clip(v, El, 1*nS)/tau : volt", "clip(): the bound '1*nS'",
                "unit S");
        bad("floor of a voltage", "dv/dt = floor(v)/tau : volt", "rounding a value with a unit");
        bad("initial value unit", LIF, b -> b.initial("v", "5*ms"), "initial value of 'v'", "has unit s, v has unit V");
        bad("threshold units", LIF, b -> b.threshold("v > 5*ms"), "threshold", "'v' has unit V and '5*ms' has unit s");
        bad("reset units", LIF, b -> b.reset("v = 5*nS"), "units do not match in the reset of v", "'5*nS' has unit S");
        bad("refractory in volts", LIF, b -> b.refractory("5*mV"), "must be a non-negative time", "unit V");
        bad("division by a zero constant", "dv/dt = -v/(tau*0) : volt", "division by zero", "'(tau*0)'");
        bad("boolean variable", LIF + "\nflag : boolean", "type boolean are not supported");
        // names
        bad("unknown name", "dv/dt = (Ek - v)/tau : volt", "unknown name 'Ek'", "known names: El, dt, t, tau, v, xi");
        bad("unknown function", "dv/dt = foo(v)/tau : volt", "unknown function 'foo'", "known functions: abs, ceil");
        bad("function without call", "dv/dt = -exp/tau*mV : volt", "(exp is a function: write exp(…))");
        bad("reserved dt", LIF + "\ndt : second", "'dt' is a reserved name");
        bad("function as variable", "dexp/dt = -exp/tau : 1", "'exp' is a reserved name (a function)");
        bad("cycle of two", "a = b : volt\nb = a : volt\ndv/dt = (a - v)/tau : volt",
                "cycle: a → b → a");
        bad("cycle of one", "a = a + v : volt\ndv/dt = (a - v)/tau : volt", "cycle: a → a");
        bad("constant also in equations", LIF + "\nEl : volt", b -> b, "constant 'El': also declared in the equations");
        // methods
        bad("exact on a non-linear equation", "dv/dt = -v**2/(tau*mV) : volt", b -> b.method("exact"),
                "method 'exact' cannot integrate", "not linear", "depends on the state variable v");
        bad("exact with noise", "dv/dt = -v/tau + mV*xi*tau**-0.5 : volt", b -> b.method("exact"),
                "stochastic (xi)");
        bad("euler with multiplicative noise", "dv/dt = -v/tau + v*xi*tau**-0.5 : volt", b -> b.method("euler"),
                "multiplicative", "use 'heun'");
        bad("rk4 with noise", "dv/dt = -v/tau + mV*xi*tau**-0.5 : volt", b -> b.method("rk4"),
                "cannot integrate stochastic equations");
        bad("exponential euler, not linear in itself", "dv/dt = -v**2/(tau*mV) : volt",
                b -> b.method("exponential_euler"), "not linear in v", "v**2");
        bad("unknown method", LIF, b -> b.method("rk45"), "method = 'rk45'", "must be one of euler, rk2, rk4");
        bad("exact, coupled, per-neuron coefficients", "dv/dt = (w - v)/tau2 : volt\ndw/dt = -w/tau2 : volt\n"
                + "tau2 : second", b -> b.method("exact"), "depend on per-neuron values");
        bad("noise not linear", "dv/dt = -v/tau + mV*xi**2*tau**-0 : volt", "noise term xi must appear linearly");
        bad("rand in a differential equation", "dv/dt = rand()*mV/tau : volt", "use xi");
        bad("noise in a subexpression", "s = xi*mV : volt\n" + LIF, "may only appear in differential equations");
        // threshold, reset, refractory, flags, model
        bad("reset assigns a constant parameter", LIF + "\nvt : volt (constant)", b -> b.reset("vt = 1*mV"),
                "cannot assign to 'vt': it is a constant parameter");
        bad("reset assigns a shared parameter", LIF + "\nvt : volt (shared)", b -> b.reset("vt = 1*mV"),
                "it is a shared parameter");
        bad("reset assigns an external constant", LIF, b -> b.reset("El = 1*mV"), "it is an external constant");
        bad("reset assigns a subexpression", "u = 2*v : volt\n" + LIF, b -> b.reset("u = 1*mV"),
                "it is a subexpression");
        bad("reset assigns an unknown name", LIF, b -> b.reset("v = El\nq = 1"), "line 2",
                "'q': it is not a variable of the model");
        bad("reset assigns the input", LIF + "\nI : amp", b -> b.input("I").reset("I = 0*pA"), "it is the input");
        bad("reset comparison", LIF, b -> b.reset("v == El"), "a reset statement is 'x = expr'");
        bad("reset statement after ';' assigns an external constant", LIF, b -> b.reset("v = El; El = 1*mV"),
                "column 9", "it is an external constant");
        bad("reset statement after an empty one, without a value", LIF, b -> b.reset("v = El;; v ="),
                "column 13", "expected a number, a name or '('");
        bad("threshold that cannot change", LIF, b -> b.threshold("El > 0*mV"), "depends on no variable");
        bad("threshold that is a number", LIF, b -> b.threshold("v + El"), "is not a condition");
        bad("flag on a differential equation", "dv/dt = (El - v)/tau : volt (constant)",
                "flag 'constant' is not allowed on the differential 'v'");
        bad("synapse flag on a neuron", LIF + "\nw : 1 (event-driven)", "synapse flag");
        bad("no membrane", "dx/dt = -x/tau : 1", "membrane variable 'V'");
        bad("input that is a state variable", LIF, b -> b.input("v"), "input 'v': must be a per-neuron parameter");
        bad("initial value of a subexpression", "u = 2*v : volt\n" + LIF, b -> b.initial("u", "1*mV"),
                "initial value of 'u': 'u' is not a variable or parameter");
        bad("constant that is not a quantity", LIF, b -> b.constant("tau2", "v*ms"), "unknown name 'v'");
    }

    @TestFactory
    Stream<DynamicTest> everyBadModelIsRefusedWithAClearMessage() {
        assertTrue(BAD.size() >= 40, "at least 40 bad models: " + BAD.size());
        return BAD.stream().map(bad -> DynamicTest.dynamicTest(bad.what(), () -> {
            EquationModel.Builder b = EquationModel.builder(bad.equations()).constant("El", "-60*mV")
                    .constant("tau", "10*ms");
            EquationException e = assertThrows(EquationException.class, () -> bad.more().apply(b).build());
            for (String part : bad.says()) {
                assertTrue(e.getMessage().contains(part), "'" + part + "' in:\n" + e.getMessage());
            }
        }));
    }

    @Test
    void aParseErrorPointsAtItsLineAndColumn() {
        EquationException e = assertThrows(EquationException.class, () -> EquationModel.builder(
                "dv/dt = -v/tau : volt\ndw/dt = (v - w/tau : volt").constant("tau", "10*ms").build());
        assertEquals(2, e.line());
        assertEquals(20, e.column()); // where the ')' is missing
        assertTrue(e.getMessage().contains("expected ')' to close the '(' at column 9, found end"), e.getMessage());
        assertTrue(e.getMessage().endsWith("dw/dt = (v - w/tau : volt\n                       ^"), e.getMessage());
    }
}
