package org.vecsnn.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecsnn.core.simd.KernelProvider;

/**
 * Every exactly integrated linear model within 10⁻⁵ of its peak against the closed form at every step of the sweep,
 * down to dt = 0.001 ms (1.2·10⁵ steps), for τ = 1, 10 and 100 ms; run at 128, 256 and 512 bits and plain too.
 */
@Tag("kernels")
class DtSweepTest {
    static Stream<Arguments> casesAndSteps() {
        return DtSweep.cases().stream().flatMap(c -> java.util.Arrays.stream(c.steps())
                .mapToObj(dt -> Arguments.of(c.name() + " [" + c.method() + "]", c, dt)));
    }

    @ParameterizedTest(name = "{0}, dt = {2} ms")
    @MethodSource("casesAndSteps")
    void withinOneHundredThousandthOfThePeak(String name, ValidationCase c, double dt) {
        double error = c.error(c.simulation().run(dt, KernelProvider.get()));
        assertTrue(error <= 1e-5, name + " at dt = " + dt + " ms: error " + error + " of the peak");
    }
}
