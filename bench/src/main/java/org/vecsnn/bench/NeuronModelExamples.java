package org.vecsnn.bench;

import java.awt.Color;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.models.neuron.AdEx;
import org.vecsnn.models.neuron.ExpIf;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Izhikevich;
import org.vecsnn.models.neuron.Qif;
import org.vecsnn.validation.Figures;

/**
 * V of every neuron model under a constant current (the published firing patterns of Izhikevich 2003 and
 * Naud et al. 2008 among them), as {@code neuron_models.csv} and one stacked {@code neuron_models.png}.
 */
final class NeuronModelExamples {
    private static final double DT = 0.05;
    private static final double DURATION = 300;

    private record Example(String title, NeuronModel model, double current) {}

    private NeuronModelExamples() {}

    private static List<Example> examples() {
        Integrator e = Integrator.EXPONENTIAL_EULER;
        return List.of(
                new Example("HH squid, I = 10 uA/cm2", HodgkinHuxley.squid(), 10),
                new Example("HH Traub-Miles (COBAHH cell), I = 300 pA", HodgkinHuxley.traubMiles(), 300),
                new Example("ExpIF (BrainPy defaults), I = 5", ExpIf.defaults(), 5),
                new Example("QIF (BrainPy defaults), I = 5", Qif.defaults(), 5),
                new Example("Izhikevich regular spiking, I = 10", Izhikevich.of(0.02, 0.2, -65, 8), 10),
                new Example("Izhikevich fast spiking, I = 10", Izhikevich.of(0.1, 0.2, -65, 2), 10),
                new Example("Izhikevich intrinsic bursting, I = 10", Izhikevich.of(0.02, 0.2, -55, 4), 10),
                new Example("Izhikevich chattering, I = 10", Izhikevich.of(0.02, 0.2, -50, 2), 10),
                new Example("AdEx adaptation (Naud 2008), I = 500 pA",
                        AdEx.fromConductances(200, 12, -70, -50, 2, 2, 300, 60, -58, -40, e), 500),
                new Example("AdEx initial burst (Naud 2008), I = 400 pA",
                        AdEx.fromConductances(130, 18, -58, -50, 2, 4, 150, 120, -50, -40, e), 400),
                new Example("AdEx regular bursting (Naud 2008), I = 210 pA",
                        AdEx.fromConductances(200, 10, -58, -50, 2, 2, 120, 100, -46, -40, e), 210));
    }

    static void write(Path out) throws IOException {
        List<Example> examples = examples();
        float[][] traces = new float[examples.size()][];
        double[] t = null;
        XYChart[] charts = new XYChart[examples.size()];
        for (int k = 0; k < examples.size(); k++) {
            Example ex = examples.get(k);
            Network net = new Network(DT, KernelProvider.get());
            NeuronPopulation p = net.addNeurons("n", 1, ex.model());
            net.addCurrent(TimedCurrent.constant(p.all(), ex.current()));
            StateMonitor v = net.addMonitor(new StateMonitor(p, "V", new int[] {0}, DT));
            net.run(DURATION, ProgressListener.SILENT);
            t = v.times();
            traces[k] = v.trace(0);
            charts[k] = SeedExamples.chart(ex.title(), "V (mV)", 200, DURATION);
            SeedExamples.line(charts[k], "V", t, SeedExamples.scaled(traces[k], 1), new Color(20, 60, 160));
        }
        Path csv = out.resolve("neuron_models.csv");
        try (Writer w = Files.newBufferedWriter(csv)) {
            w.write("t_ms");
            for (Example ex : examples) {
                w.write(",\"" + ex.title() + "\"");
            }
            w.write("\n");
            for (int i = 0; i < t.length; i++) {
                w.write(String.format(Locale.ROOT, "%.2f", t[i]));
                for (float[] trace : traces) {
                    w.write("," + trace[i]);
                }
                w.write("\n");
            }
        }
        Path png = out.resolve("neuron_models.png");
        Figures.stack(png, charts);
        System.out.printf(Locale.ROOT, "%-18s %s, %s%n", "neuron_models", csv, png);
    }
}
