package org.vecsnn.bench;

import java.awt.Color;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.DualExponentialReceptor.Normalisation;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.models.synapse.KineticModel;
import org.vecsnn.models.synapse.KineticReceptor;
import org.vecsnn.models.synapse.ShortTermPlasticity;
import org.vecsnn.validation.Figures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The seed chapter's experiments: a presynaptic LIF driven by a constant input fires regularly onto a
 * postsynaptic LIF through one synapse model; s (or g) and the postsynaptic V are recorded for 100 ms at
 * dt = 0.1 ms and written as CSV and PNG. The gap-junction experiment uses the seed's set-up.
 */
@Command(name = "examples",
        description = "Runs the seed chapter's synapse experiments (every model, plus gap junctions with spikelets)"
                + " and every neuron model under a constant current, the STDP window and Song et al.'s weight"
                + " histogram: CSV and PNG per experiment.")
final class SeedExamples implements Callable<Integer> {
    private static final double DT = 0.1;
    private static final double DURATION = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("out", "examples");

    /** One experiment: how to add the synapse on the postsynaptic population, its weight, and STP if any. */
    record Example(String name, String title, Function<NeuronPopulation, SynapticInput> synapse, double weight,
                   ShortTermPlasticity plasticity) {}

    static List<Example> examples() {
        return List.of(
                new Example("ampa", "AMPA (Markov, transmitter pulse), COBA E = 0 mV",
                        p -> new KineticReceptor(p, "s", KineticModel.ampa()), KineticModel.ampa().gMax(), null),
                new Example("gaba_a", "GABA_A (Markov), COBA E = -80 mV",
                        p -> new KineticReceptor(p, "s", KineticModel.gabaA()), 0.4, null),
                new Example("nmda", "NMDA (x/g form), Mg block",
                        p -> new KineticReceptor(p, "s", KineticModel.nmda()), 1.5, null),
                new Example("bionmda", "BioNMDA (second-order kinetics), Mg block",
                        p -> new KineticReceptor(p, "s", KineticModel.bioNmda()), 1.5, null),
                new Example("gaba_b", "GABA_B (receptor/G-protein), COBA E = -95 mV",
                        p -> new KineticReceptor(p, "s", new KineticModel.GabaB(0.18, 0.034, 0.09, 0.0012, 1e-4,
                                0.5, 0.3, -95, 0.02)), 0.2, null),
                new Example("gaba_b_destexhe", "GABA_B with desensitization (Destexhe 1995), COBA E = -95 mV",
                        p -> new KineticReceptor(p, "s", new KineticModel.GabaBDesensitized(0.66, 0.02, 0.0053,
                                0.017, 8.3e-5, 7.9e-3, 1e-16, 0.5, 0.5, -95, 0.02)), 0.2, null),
                new Example("dual_exponential", "dual exponential (tau_r 1, tau_d 10 ms, seed's jump), CUBA",
                        p -> DualExponentialReceptor.dualExponential(p, "s", 1, 10, Normalisation.JUMP,
                                SynapticOutput.current()), 1, null),
                new Example("alpha", "alpha (tau 2 ms, seed's jump: s = t e^(-t/tau)), CUBA",
                        p -> DualExponentialReceptor.alpha(p, "s", 2, Normalisation.JUMP, SynapticOutput.current()),
                        1, null),
                new Example("exponential", "single exponential (tau 8 ms), CUBA",
                        p -> new ExponentialReceptor(p, "s", 8, SynapticOutput.current()), 1, null),
                new Example("exponential_stp", "single exponential with Tsodyks-Markram STP (U 0.45, tau_f 50, "
                        + "tau_d 750 ms)",
                        p -> new ExponentialReceptor(p, "s", 8, SynapticOutput.current()), 6,
                        ShortTermPlasticity.tsodyksMarkram(0.45, 50, 750)),
                new Example("voltage_jump", "voltage jump (w = 1 mV, gated by refractoriness)",
                        p -> new VoltageJump(p, "s", true), 1, null));
    }

    @Override
    public Integer call() throws IOException {
        Path folder = Cli.writableFolder(spec.commandLine(), out);
        for (Example example : examples()) {
            run(example, folder);
        }
        gapJunction(folder);
        NeuronModelExamples.write(folder);
        PlasticityExamples.write(folder);
        return Cli.OK;
    }

    /** LIF with physiological potentials: V_rest −65, V_reset −70, V_th −50 mV, τ 10 ms, t_ref 2 ms. */
    private static Lif neuron() {
        return new Lif(-65, -70, -50, 10, 1, 2, Integrator.EXPONENTIAL_EULER);
    }

    static void run(Example example, Path out) throws IOException {
        Network net = new Network(DT, KernelProvider.get());
        NeuronPopulation pre = net.addNeurons("pre", 1, neuron());
        NeuronPopulation post = net.addNeurons("post", 1, neuron());
        net.addCurrent(TimedCurrent.constant(pre.all(), 25)); // fires about every 8 ms
        SynapticInput synapse = example.synapse().apply(post);
        net.connect(pre, synapse).connector(Connectors.oneToOne()).weight(example.weight())
                .plasticity(example.plasticity()).build();
        boolean hasState = synapse.state() != null;
        StateMonitor s = hasState ? net.addMonitor(new StateMonitor(post, "s", new int[] {0}, DT)) : null;
        StateMonitor v = net.addMonitor(new StateMonitor(post, "V", new int[] {0}, DT));
        SpikeMonitor preSpikes = net.addMonitor(new SpikeMonitor(pre));
        net.run(DURATION, ProgressListener.SILENT);

        double[] t = v.times();
        float[] vTrace = v.trace(0);
        float[] sTrace = hasState ? s.trace(0) : null;
        Path csv = out.resolve(example.name() + ".csv");
        try (Writer w = Files.newBufferedWriter(csv)) {
            w.write(hasState ? "t_ms,s,V_post\n" : "t_ms,V_post\n");
            for (int k = 0; k < t.length; k++) {
                w.write(String.format(Locale.ROOT, "%.1f,%s%s%n", t[k], hasState ? sTrace[k] + "," : "", vTrace[k]));
            }
        }
        XYChart top = hasState ? chart(example.title(), "s (g per unit weight)", 240) : null;
        if (top != null) {
            double[] sPerWeight = scaled(sTrace, 1 / example.weight());
            line(top, "s", t, sPerWeight, new Color(20, 60, 160));
            markSpikes(top, preSpikes.times(), sPerWeight);
        }
        XYChart bottom = chart(hasState ? "postsynaptic V" : example.title(), "V (mV)", 240);
        double[] vPost = scaled(vTrace, 1);
        line(bottom, "V", t, vPost, new Color(170, 30, 30));
        if (!hasState) {
            markSpikes(bottom, preSpikes.times(), vPost);
        }
        Figures.stack(out.resolve(example.name() + ".png"), top, bottom);
        System.out.printf(Locale.ROOT, "%-18s %s, %s%n", example.name(), csv, out.resolve(example.name() + ".png"));
    }

    /** The seed's gap junctions: groups of 2 and 3 LIF (t_ref 0, V0 = −10), all-to-all, w = 0.5, k = 5, I = 30. */
    static void gapJunction(Path out) throws IOException {
        Network net = new Network(DT, KernelProvider.get());
        Lif lif = Lif.defaults().withTRef(0);
        NeuronPopulation neu0 = net.addNeurons("neu0", 2, lif);
        NeuronPopulation neu1 = net.addNeurons("neu1", 3, lif);
        neu0.set("V", i -> -10);
        neu1.set("V", i -> -10);
        net.connectGap(neu0.all(), neu1.all()).connector(Connectors.allToAll(true)).weight(0.5).spikelet(5, false)
                .build();
        net.addCurrent(TimedCurrent.constant(neu0.all(), 30));
        StateMonitor v0 = net.addMonitor(new StateMonitor(neu0, "V", new int[] {0}, DT));
        StateMonitor v1 = net.addMonitor(new StateMonitor(neu1, "V", new int[] {0}, DT));
        net.run(DURATION, ProgressListener.SILENT);
        double[] t = v0.times();
        float[] first = v0.trace(0);
        float[] second = v1.trace(0);
        Path csv = out.resolve("gap_junction.csv");
        try (Writer w = Files.newBufferedWriter(csv)) {
            w.write("t_ms,V0,V1\n");
            for (int k = 0; k < t.length; k++) {
                w.write(String.format(Locale.ROOT, "%.1f,%s,%s%n", t[k], first[k], second[k]));
            }
        }
        XYChart top = chart("gap junctions with spikelets: V1 (postsynaptic group)", "V1 (mV)", 240);
        line(top, "V1", t, scaled(v1.trace(0), 1), new Color(20, 60, 160));
        XYChart bottom = chart("V0 (presynaptic group, input 30)", "V0 (mV)", 240);
        line(bottom, "V0", t, scaled(v0.trace(0), 1), new Color(170, 30, 30));
        Figures.stack(out.resolve("gap_junction.png"), top, bottom);
        System.out.printf(Locale.ROOT, "%-18s %s, %s%n", "gap_junction", csv, out.resolve("gap_junction.png"));
    }

    static double[] scaled(float[] values, double factor) {
        double[] d = new double[values.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = values[k] * factor;
        }
        return d;
    }

    private static XYChart chart(String title, String yAxis, int height) {
        return chart(title, yAxis, height, DURATION);
    }

    static XYChart chart(String title, String yAxis, int height, double durationMs) {
        XYChart chart = new XYChartBuilder().width(900).height(height).title(title).xAxisTitle("t (ms)")
                .yAxisTitle(yAxis).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(durationMs);
        chart.getStyler().setXAxisTickMarkSpacingHint(80);
        return chart;
    }

    static void line(XYChart chart, String name, double[] t, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, t, y);
        series.setMarker(SeriesMarkers.NONE).setLineColor(color);
    }

    /** Presynaptic spike times as small ticks along the bottom of the chart. */
    private static void markSpikes(XYChart chart, double[] spikeTimes, double[] trace) {
        if (spikeTimes.length == 0) {
            return;
        }
        double low = java.util.Arrays.stream(trace).min().orElse(0);
        double[] y = new double[spikeTimes.length];
        java.util.Arrays.fill(y, low);
        XYSeries ticks = chart.addSeries("presynaptic spikes", spikeTimes, y);
        ticks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        ticks.setMarker(SeriesMarkers.TRIANGLE_UP).setMarkerColor(Color.DARK_GRAY);
    }
}
