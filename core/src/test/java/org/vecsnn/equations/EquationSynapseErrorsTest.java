package org.vecsnn.equations;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Malformed synapse models: each is refused with a message that says where (line, column) and what is wrong. */
class EquationSynapseErrorsTest {
    private static final String MODEL = """
            w : 1
            dApre/dt = -Apre / taupre : 1 (event-driven)
            dApost/dt = -Apost / taupost : 1 (event-driven)""";
    private static final String ON_PRE = "ge += w\nApre += dApre\nw = clip(w + Apost, 0, gmax)";
    private static final String ON_POST = "Apost += dApost\nw = clip(w + Apre, 0, gmax)";

    private record Bad(String what, String model, String onPre, String onPost, String[] says) {}

    private static final List<Bad> BAD = new ArrayList<>();

    private static void bad(String what, String model, String onPre, String onPost, String... says) {
        BAD.add(new Bad(what, model, onPre, onPost, says));
    }

    static {
        // the model
        bad("clock-driven equation", MODEL.replace("(event-driven)\ndApost", "(clock-driven)\ndApost"), ON_PRE,
                ON_POST, "line 2", "flag 'clock-driven' is not allowed", "KineticEquations");
        bad("differential without flag", MODEL.replace("1 (event-driven)\ndApost", "1\ndApost"), ON_PRE, ON_POST,
                "line 2", "must be (event-driven)");
        bad("not linear", MODEL.replace("-Apre / taupre", "-Apre**2 / taupre"), ON_PRE, ON_POST, "line 2",
                "not linear in Apre");
        bad("coupled", MODEL.replace("-Apre / taupre", "-(Apre - Apost) / taupre"), ON_PRE, ON_POST, "line 2",
                "depends on 'Apost'", "coupled");
        bad("depends on w", MODEL.replace("-Apre / taupre", "-Apre / taupre + w/taupre"), ON_PRE, ON_POST,
                "depends on 'w'");
        bad("time in an event-driven equation", MODEL.replace("-Apre / taupre", "-Apre / taupre + t/taupre**2"),
                ON_PRE, ON_POST, "depends on t");
        bad("noise", MODEL.replace("-Apre / taupre", "-Apre / taupre + xi/taupre**0.5"), ON_PRE, ON_POST,
                "noise (xi)");
        bad("units of an event-driven equation", MODEL.replace("-Apre / taupre", "-Apre"), ON_PRE, ON_POST,
                "line 2", "units do not match in the equation of dApre/dt");
        bad("neuron flag on a synapse", MODEL.replace("(event-driven)\ndApost", "(unless refractory)\ndApost"),
                ON_PRE, ON_POST, "'unless refractory' is not allowed", "a neuron flag");
        bad("parameter flag", MODEL.replace("w : 1", "w : 1 (shared)"), ON_PRE, ON_POST, "line 1",
                "flag 'shared' is not allowed");
        bad("lastupdate declared", MODEL + "\nlastupdate : 1", ON_PRE, ON_POST, "line 4", "'lastupdate' is a reserved");
        bad("constant declared in the model", MODEL + "\ngmax : 1", ON_PRE, ON_POST, "constant 'gmax'",
                "also declared");
        // on_pre and on_post
        bad("no delivery", MODEL, "Apre += dApre\nw = clip(w + Apost, 0, gmax)", ON_POST, "on_pre: no delivery",
                "ge += w");
        bad("delivery of an expression", MODEL, "ge += 2*w\n" + ON_PRE.substring(8), ON_POST, "line 1",
                "column 7", "must add one per-synapse parameter");
        bad("delivery of an event-driven variable", MODEL, "ge += Apre\n" + ON_PRE.substring(8), ON_POST,
                "must add one per-synapse parameter");
        bad("subtracting delivery", MODEL, ON_PRE.replace("ge += w", "gi -= w"), ON_POST, "line 1",
                "the delivery subtracts its weight");
        bad("two deliveries", MODEL, ON_PRE + "\ngi += w", ON_POST, "line 4", "a second delivery");
        bad("delivery joined by ';'", MODEL, "ge += w; Apre += dApre\nw = clip(w + Apost, 0, gmax)", ON_POST,
                "line 1", "must stand on a line of its own, without ';'");
        bad("assigning a derivative", MODEL, ON_PRE + "\ndApre/dt = 0", ON_POST, "line 4", "column 1",
                "cannot assign to the derivative dApre/dt");
        bad("unknown name", MODEL, ON_PRE.replace("w + Apost", "w + Apsot"), ON_POST, "on_pre, line 3",
                "unknown name 'Apsot'", "known names");
        bad("units of an increment", MODEL, ON_PRE.replace("Apre += dApre", "Apre += 1*ms"), ON_POST,
                "line 2", "units do not match in the on_pre of Apre", "'1*ms' has unit s");
        bad("units in clip", MODEL, ON_PRE, ON_POST.replace("0, gmax", "0*mV, gmax"), "on_post",
                "clip(): the bound '0*mV' has unit V");
        bad("assigning a constant", MODEL, ON_PRE, ON_POST + "\ngmax = 1", "on_post, line 3",
                "cannot assign to 'gmax'", "external constant");
        bad("increasing a constant by the weight", MODEL, ON_PRE + "\ngmax += w", ON_POST, "on_pre, line 4",
                "cannot assign to 'gmax'", "external constant");
        bad("a parameter named w beside the weight", MODEL.replace("w : 1", "g : 1\nw : 1"),
                ON_PRE.replace("w", "g"), ON_POST.replace("w", "g"), "line 2", "'w' is the name of the projection's"
                + " weight, here 'g'");
        bad("a postsynaptic target in on_post", MODEL, ON_PRE, ON_POST + "\nv_post += w", "on_post, line 3",
                "'v_post' is a variable of the postsynaptic neurons");
        bad("reading a presynaptic variable", MODEL, ON_PRE.replace("Apost, 0", "Apost*v_pre/mV, 0"), ON_POST,
                "line 3", "'v_pre' is a variable of the presynaptic neurons");
        bad("random numbers", MODEL, ON_PRE.replace("w + Apost", "w + Apost*rand()"), ON_POST,
                "rand() in a synapse's statements is not supported");
        bad("not a statement", MODEL, ON_PRE, ON_POST + "\nApre", "on_post, line 3", "an on_post statement is"
                + " 'x = expr'");
        bad("syntax", MODEL, ON_PRE.replace("clip(w + Apost, 0, gmax)", "clip(w + Apost, 0, gmax"), ON_POST,
                "on_pre, line 3, column 28", "expected ')' or ',' in the arguments of clip()");
    }

    @TestFactory
    Stream<DynamicTest> everyBadSynapseIsRefusedWithAClearMessage() {
        assertTrue(BAD.size() >= 15, "at least 15 bad synapse models: " + BAD.size());
        return BAD.stream().map(bad -> DynamicTest.dynamicTest(bad.what(), () -> {
            SynapseModel.Builder b = SynapseModel.builder(bad.model()).onPre(bad.onPre()).onPost(bad.onPost())
                    .constant("taupre", "20*ms").constant("taupost", "20*ms").constant("dApre", "0.01")
                    .constant("dApost", "-0.0105").constant("gmax", "1");
            EquationException e = assertThrows(EquationException.class, b::build);
            for (String part : bad.says()) {
                assertTrue(e.getMessage().contains(part), bad.what() + ": '" + part + "' not in\n" + e.getMessage());
            }
        }));
    }

    @Test
    void aCorrectModelBuildsAndNamesItsWeight() {
        SynapseModel m = SynapseModel.builder(MODEL.replace("w : 1", "g : 1")).onPre(ON_PRE.replace("w", "g"))
                .onPost(ON_POST.replace("w", "g")).constant("taupre", "20*ms").constant("taupost", "20*ms")
                .constant("dApre", "0.01").constant("dApost", "-0.0105").constant("gmax", "1").build();
        assertTrue(m.weightName().equals("g"), m.weightName());
        assertTrue(m.synapseState().names().equals(List.of("Apre", "Apost", "lastupdate")),
                m.synapseState().names().toString());
    }

    /** Brian2's ';' between statements on a line, on_post's two here, compiles to the same statements as two lines. */
    @Test
    void statementsSeparatedBySemicolonsAreThoseOfTwoLines() {
        SynapseModel.Builder b = SynapseModel.builder(MODEL).onPre(ON_PRE).constant("taupre", "20*ms")
                .constant("taupost", "20*ms").constant("dApre", "0.01").constant("dApost", "-0.0105")
                .constant("gmax", "1");
        SynapseModel lines = b.onPost(ON_POST).build();
        SynapseModel joined = b.onPost(ON_POST.replace("\n", "; ")).build();
        assertTrue(lines.source().equals(joined.source()), "the generated statements differ");
    }
}
