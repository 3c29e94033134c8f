package org.vecsnn.equations;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever the text, building a model from it gives a model or an {@link EquationException}, never another exception
 * (a crash of the parser, the unit checker, an integrator or the generated source's compilation) or a hang. In CI it
 * replays its inputs (src/test/resources/org/vecsnn/equations/EquationFuzzTestInputs/); {@code JAZZER_FUZZ=1}
 * fuzzes for real. The input: equations, then threshold and reset, one per line.
 */
class EquationFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void model(FuzzedDataProvider data) {
        String[] parts = data.consumeRemainingAsString().split("\n", 3);
        try {
            EquationModel.Builder b = EquationModel.builder(parts[0]).constant("El", "-60*mV").constant("tau", "10*ms");
            if (parts.length > 1) {
                b.threshold(parts[1]);
            }
            if (parts.length > 2) {
                b.reset(parts[2]);
            }
            b.build();
        } catch (EquationException refused) {
            // the answer to a malformed model
        }
    }
}
