package org.vecsnn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIf;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.equations.EquationModel;

/**
 * One neuron of a model, the same strings run here and in Brian2 (runtime mode, float64, {@code bench/brian2/trace.py}):
 * the traces, recorded at each step's start on both sides, agree within 1e-4 of Brian2's range where the integrator is
 * the same. Runs only where Brian2 is installed for Debian's Python.
 */
@EnabledIf("brian2")
class Brian2TraceTest {
    static boolean brian2() throws IOException, InterruptedException {
        return CompareWithBrian2.brian2Available();
    }

    private record Case(String name, String equations, Map<String, String> constants, String threshold,
                        String reset, String refractory, String method, Map<String, String> initial,
                        String variable, String siUnit, double durationMs) {}

    private static final double DT = 0.1;

    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        out.add(new Case("LIF with refractoriness, exact", "dv/dt = (El - v + drive)/tau : volt (unless refractory)",
                Map.of("El", "-60*mV", "drive", "20*mV", "tau", "10*ms", "vt", "-45*mV"), "v > vt", "v = El",
                "2*ms", "exact", Map.of("v", "-60*mV"), "v", "volt", 100));
        Map<String, String> init = new LinkedHashMap<>();
        init.put("v", "0*mV");
        init.put("vt", "10*mV");
        out.add(new Case("Brian2's adaptive threshold under a constant drive, exact",
                "dv/dt = (15*mV - v)/(10*ms) : volt\ndvt/dt = (10*mV - vt)/(15*ms) : volt", Map.of(), "v > vt",
                "v = 0*mV\nvt += 3*mV", null, "exact", init, "vt", "volt", 200));
        out.add(new Case("Izhikevich, regular spiking, euler",
                "dv/dt = (0.04/ms/mV)*v**2 + (5/ms)*v + 140*mV/ms - u + I : volt\ndu/dt = a*(b*v - u) : volt/second",
                Map.of("a", "0.02/ms", "b", "0.2/ms", "c", "-65*mV", "d", "8*mV/ms", "I", "10*mV/ms"),
                "v >= 30*mV", "v = c\nu += d", null, "euler", Map.of("v", "-65*mV", "u", "-13*mV/ms"), "v", "volt",
                60));
        Map<String, String> hh = new LinkedHashMap<>();
        hh.put("Cm", "(1*ufarad*cm**-2) * 20000*umetre**2");
        hh.put("gl", "(5e-5*siemens*cm**-2) * 20000*umetre**2");
        hh.put("El", "-60*mV");
        hh.put("EK", "-90*mV");
        hh.put("ENa", "50*mV");
        hh.put("g_na", "(100*msiemens*cm**-2) * 20000*umetre**2");
        hh.put("g_kd", "(30*msiemens*cm**-2) * 20000*umetre**2");
        hh.put("VT", "-63*mV");
        hh.put("Ee", "0*mV");
        hh.put("taue", "5*ms");
        Map<String, String> hhInit = new LinkedHashMap<>();
        hhInit.put("v", "-65*mV");
        hhInit.put("ge", "100*nS");
        out.add(new Case("COBAHH's neuron after a conductance pulse, exponential_euler", """
                dv/dt = (gl*(El-v)+ge*(Ee-v)-g_na*(m*m*m)*h*(v-ENa)-g_kd*(n*n*n*n)*(v-EK))/Cm : volt
                dm/dt = alpha_m*(1-m)-beta_m*m : 1
                dn/dt = alpha_n*(1-n)-beta_n*n : 1
                dh/dt = alpha_h*(1-h)-beta_h*h : 1
                dge/dt = -ge*(1./taue) : siemens
                alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
                beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
                alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
                beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
                alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
                beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
                """, hh, "v > -20*mV", null, "3*ms", "exponential_euler", hhInit, "v", "volt", 50));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> tracesAgreeWithBrian2s() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String json = CompareWithBrian2.brian2("trace.py", json(c));
            double[] brian = values(json);
            EquationModel.Builder b = EquationModel.builder(c.equations()).method(c.method());
            c.constants().forEach(b::constant);
            c.initial().forEach(b::initial);
            if (c.threshold() != null) {
                b.threshold(c.threshold());
            }
            if (c.reset() != null) {
                b.reset(c.reset());
            }
            if (c.refractory() != null) {
                b.refractory(c.refractory());
            }
            EquationModel model = b.build();
            Network net = new Network(DT, KernelProvider.get());
            NeuronPopulation cell = net.addNeurons("cell", 1, model);
            String variable = c.variable().equals(model.membrane()) ? "V" : c.variable();
            StateMonitor monitor = net.addMonitor(new StateMonitor(cell, variable, new int[] {0}, DT));
            int steps = (int) Math.round(c.durationMs() / DT);
            net.runSteps(steps, ProgressListener.SILENT);
            float[] ours = monitor.trace(0);
            assertEquals(steps, brian.length, "Brian2's samples");
            double low = Double.MAX_VALUE;
            double high = -Double.MAX_VALUE;
            double[] stored = new double[steps];
            for (int n = 0; n < steps; n++) {
                stored[n] = model.stored(c.variable(), brian[n] + "*" + c.siUnit());
                low = Math.min(low, stored[n]);
                high = Math.max(high, stored[n]);
            }
            double worst = 0;
            for (int n = 0; n < steps; n++) {
                worst = Math.max(worst, Math.abs(ours[n] - stored[n]));
            }
            System.out.printf("%s: worst difference %.3g of a range of %.3g (%.2g of it)%n", c.name(), worst,
                    high - low, worst / (high - low));
            assertTrue(high > low, "the trace moves");
            assertTrue(worst <= 1e-4 * (high - low), c.name() + ": worst difference " + worst + " of " + (high - low));
        }));
    }

    private static String json(Case c) {
        StringBuilder b = new StringBuilder("{");
        b.append("\"equations\": ").append(quote(c.equations()));
        for (String[] kv : new String[][] {{"threshold", c.threshold()}, {"reset", c.reset()},
            {"refractory", c.refractory()}, {"method", c.method()}, {"variable", c.variable()}}) {
            if (kv[1] != null) {
                b.append(", \"").append(kv[0]).append("\": ").append(quote(kv[1]));
            }
        }
        b.append(", \"constants\": ").append(map(c.constants())).append(", \"initial\": ").append(map(c.initial()));
        b.append(", \"dt_ms\": ").append(DT).append(", \"duration_ms\": ").append(c.durationMs()).append('}');
        return b.toString();
    }

    private static String map(Map<String, String> m) {
        List<String> entries = new ArrayList<>();
        m.forEach((k, v) -> entries.add(quote(k) + ": " + quote(v)));
        return "{" + String.join(", ", entries) + "}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static double[] values(String json) {
        String list = json.substring(json.indexOf('[') + 1, json.lastIndexOf(']'));
        return Stream.of(list.split(",")).mapToDouble(s -> Double.parseDouble(s.strip())).toArray();
    }
}
