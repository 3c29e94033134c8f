package org.vecsnn.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.connect.ConnectionContext;

/**
 * Fuzz tests of the text loaders: whatever the input, a loader returns a valid result or refuses with an
 * IllegalArgumentException, never another exception or a hang. In CI they replay their seed and regression inputs
 * (src/test/resources/org/vecsnn/io/LoaderFuzzTestInputs/); {@code JAZZER_FUZZ=1} fuzzes for real
 * (see README). Any crash found is kept there as a regression input.
 */
class LoaderFuzzTest {
    private static final TimeGrid GRID = new TimeGrid(0.1);

    @FuzzTest(maxDuration = "10s")
    void connectionList(FuzzedDataProvider data) {
        try {
            ConnectionListFile.parse(data.consumeRemainingAsString())
                    .connect(new ConnectionContext(40, 30, ConnectionContext.NO_SELF, GRID, 1));
        } catch (IllegalArgumentException refused) {
            // the loader's answer to a malformed file
        }
    }

    @FuzzTest(maxDuration = "10s")
    void spikeTimes(FuzzedDataProvider data) {
        try {
            SpikeTimesFile.parse(data.consumeRemainingAsString(), "given", 20).prepare(GRID);
        } catch (IllegalArgumentException refused) {
            // the loader's answer to a malformed file
        }
    }

    @FuzzTest(maxDuration = "10s")
    void lifParameters(FuzzedDataProvider data) {
        try {
            LifParameterFile.parse(data.consumeRemainingAsString());
        } catch (IllegalArgumentException refused) {
            // the loader's answer to a malformed file
        }
    }
}
