package org.vecsnn.models.synapse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.Range;
import org.vecsnn.core.monitor.RateMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.BrunelWang2001;

/**
 * Brunel &amp; Wang's network holds a memory: spontaneous activity below 5 Hz in every group before the first stimulus;
 * after 50 ms of stimulus onto selective group 1 that group keeps firing above 15 Hz (the NMDA recurrence within it,
 * w₊ = 2.1) while the non-selective group and the other selective groups stay below 5 Hz, as in the paper's Fig. 6
 * and Brian2's example ({@code ./snn compare-brunel-wang} sets the rates beside Brian2's).
 */
class BrunelWang2001Test {
    /** With the built-in NMDA scheme, and with Brian2's NMDA strings compiled as a kinetic synapse. */
    @ParameterizedTest(name = "NMDA from strings: {0}")
    @ValueSource(booleans = {false, true})
    void aStimulatedSelectiveGroupKeepsFiringAfterItsStimulus(boolean nmdaFromStrings) {
        BrunelWang2001 bw = nmdaFromStrings
                ? BrunelWang2001.build(1, KernelProvider.get(), BrunelWang2001.nmdaFromBrian2Strings())
                : BrunelWang2001.build(1, KernelProvider.get());
        List<RateMonitor> rates = new ArrayList<>();
        for (Range group : bw.groups()) {
            rates.add(bw.network().addMonitor(new RateMonitor(group, 500)));
        }
        bw.network().run(2000, ProgressListener.SILENT);
        for (int g = 0; g < 6; g++) { // bins: 0–0.5, 0.5–1, 1–1.5, 1.5–2 s
            double before = rates.get(g).ratesHz()[1];
            double after = rates.get(g).ratesHz()[3];
            String name = BrunelWang2001.NAMES.get(g);
            assertTrue(before < 5, name + " before the stimulus: " + before + " Hz");
            assertTrue(g == 1 ? after > 15 : after < 5, name + " 0.5–1 s after the stimulus: " + after + " Hz");
        }
    }
}
