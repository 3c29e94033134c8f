package org.vecsnn.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fast subset of the validation report: every case at dt = 0.1 ms (HH at its largest step) with the plain
 * kernels and this JVM's (the
 * build repeats it at 128, 256 and 512 bits); the convergence study runs with {@code ./snn validate}.
 */
@Tag("kernels")
class ValidationReportTest {
    @Test
    void everyCaseMeetsItsBound() {
        ValidationReport.Result result = ValidationReport.evaluate(false);
        assertEquals(Cases.all().size() * (result.rows().size() / Cases.all().size()), result.rows().size());
        for (ValidationReport.Row row : result.rows()) {
            assertTrue(row.pass(), row.c().name() + " [" + row.c().method() + ", " + row.kernels() + "]: error "
                    + row.maxAbsError() + " (" + row.relativeError() + " of peak) above the bound " + row.bound());
        }
    }

    @Test
    void slopeOfAPowerLawIsItsExponent() {
        double[] dts = {0.2, 0.1, 0.05};
        assertEquals(1.0, ValidationReport.slope(dts, new double[] {0.02, 0.01, 0.005}), 1e-12);
        assertEquals(2.0, ValidationReport.slope(dts, new double[] {0.04, 0.01, 0.0025}), 1e-12);
    }
}
