package org.vecsnn.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.DualExponentialReceptor.Normalisation;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.models.synapse.KineticModel;

/**
 * The exactly integrated linear models over step sizes down to 0.001 ms and time constants from 1 to 100 ms, for
 * 120 ms (10⁵ steps at the smallest dt): float32 state stepped 10⁵ times must still hold the closed form to 10⁻⁵ of
 * its peak. A per-step factor rounded to float, or a rounding biased the same way every step, shows here and not at
 * dt = 0.1 ms. {@link #main} prints the table (runnable against any build of the core, to compare two).
 */
public final class DtSweep {
    /** Step sizes (ms); the summary table takes 0.1. */
    public static final double[] STEPS = {0.2, 0.1, 0.01, 0.001};
    /** Those of which the transmitter pulses (0.5 and 1 ms) are whole numbers. */
    static final double[] PULSE_STEPS = {0.1, 0.01, 0.001};
    static final double[] TAUS = {1, 10, 100};
    static final double DURATION = 120;
    static final String REASON = Cases.FLOAT_REASON + "; over 120 ms, so 1.2·10⁵ steps at dt = 0.001 ms";

    private DtSweep() {}

    static List<ValidationCase> cases() {
        List<ValidationCase> cases = new ArrayList<>();
        double w = 0.8;
        for (double tau : TAUS) {
            String t = " tau = " + fmt(tau) + " ms";
            cases.add(synapse("single exponential," + t, p -> new ExponentialReceptor(p, "s", tau,
                    SynapticOutput.current()),
                    w, u -> w * Math.exp(-u / tau)));
            cases.add(synapse("alpha (peak 1)," + t, p -> DualExponentialReceptor.alpha(p, "s", tau, Normalisation.PEAK,
                    SynapticOutput.current()), w, u -> w * Math.E / tau * u * Math.exp(-u / tau)));
            double rise = tau / 4;
            double peak = Analytic.dualExponentialPeak(rise, tau);
            cases.add(synapse("dual exponential (peak 1), rise " + fmt(rise) + "," + t,
                    p -> DualExponentialReceptor.dualExponential(p, "s", rise, tau, Normalisation.PEAK,
                            SynapticOutput.current()), w,
                    u -> Analytic.dualExponential(w / peak, rise, tau, u)));
            for (Integrator method : new Integrator[] {Integrator.EXACT, Integrator.EXPONENTIAL_EULER}) {
                cases.add(new ValidationCase("LIF under a step of input," + t, method.name(), 0, STEPS, dt -> 1e-5,
                        true, "", Cases.DEVIATION_FROM_REST, REASON,
                        (dt, kernels) -> Cases.lifStep(dt, kernels, method, tau, 1, 20, DURATION)));
            }
        }
        for (KineticModel.Markov m : new KineticModel.Markov[] {KineticModel.ampa(), KineticModel.gabaA()}) {
            cases.add(Cases.markovPulses(m, m.kind() + " transmitter pulses, to 120 ms", PULSE_STEPS, 0.2, DURATION,
                    REASON));
        }
        return cases;
    }

    /** One spike at 1 ms through a 0.2 ms delay onto a passive LIF; the synapse's state against its kernel. */
    private static ValidationCase synapse(String name, Function<NeuronPopulation, SynapticInput> synapse, double w,
                                          java.util.function.DoubleUnaryOperator kernel) {
        return Cases.linearKernel(name, synapse, w, new double[] {1.0}, new double[] {0.2}, kernel, STEPS, DURATION,
                REASON);
    }

    /** Whether {@code c} is one of the sweep's cases (they have their own figure). */
    static boolean covers(ValidationCase c) {
        return NAMES.contains(c.name());
    }

    private static final java.util.Set<String> NAMES = java.util.Set.copyOf(cases().stream()
            .map(ValidationCase::name).toList());

    /**
     * {@code dt-sweep.png}: error / peak against dt on log-log axes, one panel per τ (and one for the transmitter
     * pulses), with the 10⁻⁵ bound; from the report's convergence studies of these cases.
     */
    static void figure(ValidationReport.Result r, java.nio.file.Path out) throws java.io.IOException {
        String[] panels = {"tau = 1 ms", "tau = 10 ms", "tau = 100 ms", "transmitter pulses"};
        org.knowm.xchart.XYChart[] charts = new org.knowm.xchart.XYChart[panels.length];
        for (int k = 0; k < panels.length; k++) {
            String panel = panels[k];
            org.knowm.xchart.XYChart chart = new org.knowm.xchart.XYChartBuilder().width(1100).height(420)
                    .title("exact linear models, " + panel + ": error over 120 ms (" + KernelProvider.get().name()
                            + ")")
                    .xAxisTitle("time step dt (ms)").yAxisTitle("max |simulated − closed form| / peak").build();
            var styler = chart.getStyler();
            styler.setXAxisLogarithmic(true).setYAxisLogarithmic(true);
            styler.setYAxisMin(1e-9).setYAxisMax(1e-3);
            styler.setChartBackgroundColor(java.awt.Color.WHITE);
            styler.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
            for (ValidationReport.Convergence c : r.convergence()) {
                boolean inPanel = k < 3 ? c.c().name().endsWith(panel) : c.c().name().contains("transmitter pulses");
                if (covers(c.c()) && inPanel) {
                    double[] errors = c.errors().clone();
                    for (int e = 0; e < errors.length; e++) {
                        errors[e] = Math.max(errors[e], 1e-9); // log axes: an exact zero sits at the floor
                    }
                    String label = c.c().name().replace("," + (k < 3 ? " " + panel : ""), "")
                            + (c.c().method().startsWith("exact") ? "" : " [" + c.c().method() + "]");
                    chart.addSeries(label, c.dts(), errors);
                }
            }
            org.knowm.xchart.XYSeries bound = chart.addSeries("bound 1e-5", new double[] {0.001, 0.2},
                    new double[] {1e-5, 1e-5});
            bound.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE).setLineColor(java.awt.Color.BLACK)
                    .setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
            charts[k] = chart;
        }
        Figures.stack(out.resolve("dt-sweep.png"), charts);
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    /** Prints each case's error / peak at dt = 0.1, 0.01 and 0.001 ms with this JVM's kernels. */
    public static void main(String[] args) {
        Kernels kernels = KernelProvider.get();
        System.out.println("| case | method | dt = 0.1 | dt = 0.01 | dt = 0.001 |");
        System.out.println("|---|---|---|---|---|");
        for (ValidationCase c : cases()) {
            StringBuilder row = new StringBuilder("| " + c.name() + " | " + c.method() + " |");
            for (double dt : new double[] {0.1, 0.01, 0.001}) {
                row.append(String.format(Locale.ROOT, " %.2e |", c.error(c.simulation().run(dt, kernels))));
            }
            System.out.println(row);
        }
    }
}
