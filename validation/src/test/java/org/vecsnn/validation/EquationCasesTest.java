package org.vecsnn.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The validation report's cases of models from strings, with their convergence study (small systems: fast enough
 * for every build): each generated integrator shows its order within the report's tolerance and every step size
 * meets its bound.
 */
class EquationCasesTest {
    @Test
    void generatedIntegratorsShowTheirOrdersAndMeetTheirBounds() {
        ValidationReport.Result result = ValidationReport.evaluate(EquationCases.all(), true);
        assertEquals(EquationCases.all().size(), result.convergence().size());
        for (ValidationReport.Row row : result.rows()) {
            assertTrue(row.pass(), row.c().name() + " [" + row.c().method() + ", " + row.kernels() + "]: error "
                    + row.relativeError() + " of peak above the bound " + row.bound());
        }
        for (ValidationReport.Convergence c : result.convergence()) {
            System.out.printf(java.util.Locale.ROOT, "%s [%s]: order %.2f, errors %s at dt %s%n", c.c().name(),
                    c.c().method(), c.observedOrder(), java.util.Arrays.toString(c.errors()),
                    java.util.Arrays.toString(c.dts()));
            assertTrue(c.pass(), c.c().name() + " [" + c.c().method() + "]: order " + c.observedOrder()
                    + " (expected " + c.c().order() + "), errors " + java.util.Arrays.toString(c.errors())
                    + " at " + java.util.Arrays.toString(c.dts()));
        }
    }
}
