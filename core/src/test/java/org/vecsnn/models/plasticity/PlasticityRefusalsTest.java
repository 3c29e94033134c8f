package org.vecsnn.models.plasticity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.vecsnn.core.plasticity.PlasticityRule;

/**
 * Every parameter of the rules refused by name with its value and what is allowed; start weights out of bounds; and
 * the rules written against the API alone.
 */
class PlasticityRefusalsTest {
    private static final double NAN = Double.NaN;

    private static void refused(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, message);
        assertEquals(message, e.getMessage());
    }

    @Test
    void thePairRuleNamesEachBadParameter() {
        Pairing all = Pairing.ALL_TO_ALL;
        refused("pair STDP aPlus = NaN: must be a finite number >= 0",
                () -> new PairStdp(NAN, 0.01, 20, 20, 1, 0, all));
        refused("pair STDP aMinus = -0.01: must be a finite number >= 0",
                () -> new PairStdp(0.01, -0.01, 20, 20, 1, 0, all));
        refused("pair STDP tauPlus (ms) = -20.0: must be a finite number > 0",
                () -> new PairStdp(0.01, 0.01, -20, 20, 1, 0, all));
        refused("pair STDP tauMinus (ms) = 0.0: must be a finite number > 0",
                () -> PairStdp.additive(0.01, 0.01, 20, 0, 1, all));
        refused("pair STDP wMax = -1.0: must be a finite number > 0 within float range (" + Float.MIN_VALUE + " to "
                + Float.MAX_VALUE + ")", () -> PairStdp.songMillerAbbott(-1));
        refused("pair STDP muPlus = -0.5: must be a finite number >= 0",
                () -> PairStdp.multiplicative(0.01, 0.01, 20, 20, 1, -0.5, all));
        refused("pair STDP pairing = null: must be ALL_TO_ALL or NEAREST",
                () -> new PairStdp(0.01, 0.01, 20, 20, 1, 0, null));
    }

    @Test
    void theTripletRuleNamesEachBadParameter() {
        refused("triplet STDP a2Plus = NaN: must be a finite number >= 0",
                () -> new TripletStdp(NAN, 0, 0, 0, 1, 1, 1, 1, 1, Pairing.NEAREST));
        refused("triplet STDP a3Plus = -1.0: must be a finite number >= 0",
                () -> new TripletStdp(0, -1, 0, 0, 1, 1, 1, 1, 1, Pairing.NEAREST));
        refused("triplet STDP a2Minus = Infinity: must be a finite number >= 0",
                () -> new TripletStdp(0, 0, Double.POSITIVE_INFINITY, 0, 1, 1, 1, 1, 1, Pairing.NEAREST));
        refused("triplet STDP a3Minus = NaN: must be a finite number >= 0",
                () -> new TripletStdp(0, 0, 0, NAN, 1, 1, 1, 1, 1, Pairing.NEAREST));
        refused("triplet STDP tauPlus (ms) = -16.8: must be a finite number > 0",
                () -> new TripletStdp(0, 0, 0, 0, -16.8, 1, 1, 1, 1, Pairing.NEAREST));
        refused("triplet STDP tauMinus (ms) = NaN: must be a finite number > 0",
                () -> new TripletStdp(0, 0, 0, 0, 1, NAN, 1, 1, 1, Pairing.NEAREST));
        refused("triplet STDP tauX (ms) = -101.0: must be a finite number > 0",
                () -> new TripletStdp(0, 0, 0, 0, 1, 1, -101, 1, 1, Pairing.NEAREST));
        refused("triplet STDP tauY (ms) = 0.0: must be a finite number > 0",
                () -> new TripletStdp(0, 0, 0, 0, 1, 1, 1, 0, 1, Pairing.NEAREST));
        refused("triplet STDP wMax = -2.0: must be a finite number > 0 within float range (" + Float.MIN_VALUE + " to "
                + Float.MAX_VALUE + ")", () -> TripletStdp.hippocampal(-2));
        refused("triplet STDP pairing = null: must be ALL_TO_ALL or NEAREST",
                () -> new TripletStdp(0, 0, 0, 0, 1, 1, 1, 1, 1, null));
    }

    @Test
    void theInhibitoryRuleNamesEachBadParameter() {
        refused("inhibitory STDP eta = NaN: must be a finite number >= 0", () -> new InhibitoryStdp(NAN, 20, 5, 1));
        refused("inhibitory STDP tau (ms) = -20.0: must be a finite number > 0",
                () -> new InhibitoryStdp(1e-3, -20, 5, 1));
        refused("inhibitory STDP rho0 (Hz) = -5.0: must be a finite number >= 0",
                () -> new InhibitoryStdp(1e-3, 20, -5, 1));
        refused("inhibitory STDP wMax = 0.0: must be a finite number > 0 within float range (" + Float.MIN_VALUE
                + " to " + Float.MAX_VALUE + ")", () -> new InhibitoryStdp(1e-3, 20, 5, 0));
    }

    @Test
    void aStartWeightOutsideTheBoundsIsRefusedWhenTheNetworkIsPrepared() {
        PlasticityRule[] rules = {PairStdp.songMillerAbbott(1), TripletStdp.visualCortex(1),
            new InhibitoryStdp(1e-3, 20, 5, 1)};
        String[] names = {"pair STDP", "triplet STDP", "inhibitory STDP"};
        for (int r = 0; r < rules.length; r++) {
            for (double w0 : new double[] {1.5, -0.5}) {
                Protocol p = new Protocol(0.1, new long[][] {{1}}, new long[][] {{2}}, rules[r], w0);
                refused("start weight of synapse 0 under " + names[r] + " = " + (float) w0 + ": must be in [0, wMax ="
                        + " 1.0] (the rule bounds weights there)", () -> p.run(3));
            }
        }
    }

    @Test
    void aProjectionWithOneWeightGetsOnePerSynapse() {
        Protocol p = new Protocol(0.1, new long[][] {{1}, {1}, {1}}, new long[][] {{}, {}, {}},
                PairStdp.songMillerAbbott(1), 0.25);
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f}, p.plastic.csr().weights(), 0f);
    }

    @Test
    void theRulesImportOnlyTheApi() throws Exception {
        List<String> api = List.of("org.vecsnn.core.Check", "org.vecsnn.core.TimeGrid", "org.vecsnn.core.plasticity.",
                "org.vecsnn.core.state.", "org.vecsnn.core.simd.Lanes");
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/vecsnn/models/plasticity"))) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("import org.vecsnn")) {
                        String type = line.substring("import ".length(), line.length() - 1);
                        assertTrue(api.stream().anyMatch(type::startsWith), file.getFileName() + " imports " + type);
                    }
                }
            }
        }
    }
}
