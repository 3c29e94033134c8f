package org.vecsnn.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's figures say what they show: axes name a quantity and its unit, titles the method and the step that
 * ran, the reference stays visible under the simulated series, and no chart mixes error measures.
 */
class FiguresTest {
    private static final List<ValidationCase> CASES = Cases.all();

    /** A figure as the report makes it, from a short made-up comparison (the charts do not depend on the data). */
    private static ValidationReport.Figure figure(ValidationCase c) {
        double[] t = {0, 1, 2};
        return new ValidationReport.Figure(new Comparison(t, new double[] {1, 2, 3}, new double[] {1, 2, 3.5}),
                ValidationReport.summaryDt(c), "plain");
    }

    @Test
    void everyCaseChartNamesQuantitiesUnitsMethodAndStep() {
        for (ValidationCase c : CASES) {
            XYChart chart = Figures.caseChart(c, figure(c));
            String what = c.name() + " [" + c.method() + "]: ";
            for (String axis : List.of(chart.getXAxisTitle(), chart.getYAxisTitle())) {
                assertTrue(axis.matches(".+ \\([^()]+\\)"), what + "'" + axis + "' names no unit");
                assertFalse(axis.startsWith("value"), what + axis);
            }
            assertTrue(chart.getTitle().contains(c.method()), what + chart.getTitle());
            assertTrue(chart.getTitle().contains("dt = " + ValidationReport.summaryDt(c) + " ms"),
                    what + chart.getTitle());
        }
    }

    @Test
    void neuronModelCasesPlotVOverTimeAtTheStepTheyRan() {
        List<ValidationCase> neurons = CASES.stream().filter(c -> c.name().matches("(HH|ExpIF|AdEx|Izhikevich|QIF).*"))
                .toList();
        assertEquals(18, neurons.size());
        for (ValidationCase c : neurons) {
            XYChart chart = Figures.caseChart(c, figure(c));
            assertEquals("t (ms)", chart.getXAxisTitle(), c.name());
            assertEquals("V (mV)", chart.getYAxisTitle(), c.name());
            assertFalse(chart.getSeriesCollection().stream().map(XYSeries::getName)
                    .anyMatch(s -> s.contains("crossing")), c.name());
        }
        ValidationCase hhEuler = neurons.stream().filter(c -> c.name().startsWith("HH squid")
                && c.method().equals("EULER")).findFirst().orElseThrow();
        String title = Figures.caseChart(hhEuler, figure(hhEuler)).getTitle();
        assertTrue(title.contains("dt = 0.005 ms"), title);
        ValidationCase hhRk4 = neurons.stream().filter(c -> c.name().startsWith("HH squid")
                && c.method().equals("RK4")).findFirst().orElseThrow();
        assertTrue(Figures.caseChart(hhRk4, figure(hhRk4)).getTitle().contains("dt = 0.04 ms"));
    }

    @Test
    void theReferenceIsDrawnFirstAndStaysVisibleUnderTheSimulatedSeries() {
        for (ValidationCase c : CASES) {
            List<XYSeries> series = new ArrayList<>(Figures.caseChart(c, figure(c)).getSeriesCollection());
            XYSeries ref = series.get(0);
            XYSeries sim = series.get(1);
            assertTrue(ref.getName().startsWith("reference"), ref.getName());
            if (c.axes().isOverTime()) {
                assertNotEquals(ref.getLineColor(), sim.getLineColor());
                assertTrue(ref.getLineWidth() >= 3 * sim.getLineStyle().getLineWidth(), c.name());
                assertTrue(sim.getLineStyle().getDashArray() != null, c.name() + ": the simulated line is dashed");
            } else {
                assertNotEquals(ref.getMarkerColor(), sim.getMarkerColor());
                assertEquals(SeriesMarkers.CIRCLE, ref.getMarker());
                assertEquals(SeriesMarkers.CROSS, sim.getMarker());
            }
        }
    }

    @Test
    void convergenceChartsKeepRelativeAndAbsoluteErrorsApartWithTheLegendOutside() {
        List<ValidationReport.Convergence> studies = new ArrayList<>();
        for (ValidationCase c : CASES) {
            if (c.steps().length > 1) {
                double[] errors = new double[c.steps().length];
                java.util.Arrays.fill(errors, 1e-3);
                studies.add(new ValidationReport.Convergence(c, c.steps(), errors, 1, true));
            }
        }
        ValidationReport.Result result = new ValidationReport.Result(List.of(), studies, List.of(), CASES);
        List<XYChart> charts = Figures.convergenceCharts(result);
        assertEquals(2, charts.size());
        assertEquals("max |error| / peak of the reference (1)", charts.get(0).getYAxisTitle());
        assertEquals("max |error| (mV)", charts.get(1).getYAxisTitle());
        Set<String> absolute = studies.stream().filter(s -> !s.c().relative())
                .map(s -> s.c().name() + " [" + s.c().method() + "]").collect(Collectors.toSet());
        Set<String> inMv = charts.get(1).getSeriesCollection().stream().map(XYSeries::getName)
                .filter(s -> !s.startsWith("slope"))
                .collect(Collectors.toSet());
        assertEquals(absolute, inMv);
        for (XYChart chart : charts) {
            assertEquals("dt (ms)", chart.getXAxisTitle());
            assertEquals(Styler.LegendPosition.OutsideE, chart.getStyler().getLegendPosition());
        }
    }
}
