package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vecsnn.core.connect.ConnectionContext;
import org.vecsnn.core.connect.Connector;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;

class ConnectorsTest {
    private static final TimeGrid GRID = new TimeGrid(0.1);

    private static Csr build(Connector c, int pre, int post, int diagonal, long seed) {
        Csr csr = c.connect(new ConnectionContext(pre, post, diagonal, GRID, seed));
        assertEquals(pre, csr.rows());
        assertEquals(post, csr.columns());
        for (int i = 0; i < pre; i++) { // rows are sorted and inside the target range
            for (int j = csr.rowStart()[i]; j < csr.rowStart()[i + 1]; j++) {
                assertTrue(csr.targets()[j] >= 0 && csr.targets()[j] < post);
                if (j > csr.rowStart()[i]) {
                    assertTrue(csr.targets()[j - 1] <= csr.targets()[j], "row " + i + " is sorted");
                }
            }
        }
        return csr;
    }

    private static boolean hasSelf(Csr csr, int diagonal) {
        for (int i = 0; i < csr.rows(); i++) {
            for (int j = csr.rowStart()[i]; j < csr.rowStart()[i + 1]; j++) {
                if (csr.targets()[j] == i + diagonal) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasDuplicates(Csr csr) {
        for (int i = 0; i < csr.rows(); i++) {
            for (int j = csr.rowStart()[i] + 1; j < csr.rowStart()[i + 1]; j++) {
                if (csr.targets()[j] == csr.targets()[j - 1]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double mean(int[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double variance(int[] values) {
        double m = mean(values);
        return Arrays.stream(values).mapToDouble(v -> (v - m) * (v - m)).sum() / (values.length - 1);
    }

    @Test
    void fixedProbabilityDegreesFollowTheBinomial() {
        int pre = 1000;
        int post = 2000;
        double p = 0.1;
        Csr csr = build(Connectors.fixedProbability(p, true), pre, post, ConnectionContext.NO_SELF, 42);
        int[] out = new int[pre];
        for (int i = 0; i < pre; i++) {
            out[i] = csr.rowLength(i);
        }
        int[] in = csr.inDegrees();
        // out-degree ~ Bin(2000, 0.1): mean 200, variance 180; in-degree ~ Bin(1000, 0.1): mean 100, variance 90
        assertEquals(post * p, mean(out), 6 * Math.sqrt(post * p * (1 - p) / pre));
        assertEquals(pre * p, mean(in), 6 * Math.sqrt(pre * p * (1 - p) / post));
        assertEquals(post * p * (1 - p), variance(out), 0.2 * post * p * (1 - p));
        assertEquals(pre * p * (1 - p), variance(in), 0.2 * pre * p * (1 - p));
        assertFalse(hasDuplicates(csr));
    }

    @Test
    void fixedProbabilityExtremesAndSelfConnections() {
        assertEquals(0, build(Connectors.fixedProbability(0, true), 50, 60, 0, 1).synapseCount());
        assertEquals(50 * 60, build(Connectors.fixedProbability(1, true), 50, 60, 0, 1).synapseCount());
        assertEquals(50 * 49, build(Connectors.fixedProbability(1, false), 50, 50, 0, 1).synapseCount());
        Csr withSelf = build(Connectors.fixedProbability(0.5, true), 400, 400, 0, 3);
        Csr noSelf = build(Connectors.fixedProbability(0.5, false), 400, 400, 0, 3);
        assertTrue(hasSelf(withSelf, 0));
        assertFalse(hasSelf(noSelf, 0));
        // ranges of one population shifted against each other: row i is column i + 100
        assertFalse(hasSelf(build(Connectors.fixedProbability(0.9, false), 100, 300, 100, 5), 100));
    }

    @Test
    void exactCountsForTheDeterministicRules() {
        assertEquals(30 * 20, build(Connectors.allToAll(true), 30, 20, ConnectionContext.NO_SELF, 0).synapseCount());
        assertEquals(30 * 29, build(Connectors.allToAll(false), 30, 30, 0, 0).synapseCount());
        assertFalse(hasSelf(build(Connectors.allToAll(false), 30, 30, 0, 0), 0));
        Csr one = build(Connectors.oneToOne(), 25, 25, 0, 0);
        for (int i = 0; i < 25; i++) {
            assertEquals(1, one.rowLength(i));
            assertEquals(i, one.targets()[one.rowStart()[i]]);
        }
        assertThrows(IllegalArgumentException.class, () -> build(Connectors.oneToOne(), 25, 24, 0, 0));
    }

    @Test
    void fixedInAndOutDegreeAreExact() {
        Csr in = build(Connectors.fixedInDegree(17, false, false), 300, 200, 0, 9);
        assertArrayEquals(filled(200, 17), in.inDegrees());
        assertFalse(hasSelf(in, 0));
        assertFalse(hasDuplicates(in));
        Csr out = build(Connectors.fixedOutDegree(23, false, false), 300, 300, 0, 9);
        for (int i = 0; i < 300; i++) {
            assertEquals(23, out.rowLength(i));
        }
        assertFalse(hasSelf(out, 0));
        assertFalse(hasDuplicates(out));
        Csr all = build(Connectors.fixedOutDegree(29, false, false), 30, 30, 0, 9); // every candidate but self
        assertEquals(30 * 29, all.synapseCount());
        assertFalse(hasSelf(all, 0));
        Csr multi = build(Connectors.fixedOutDegree(50, true, true), 10, 10, ConnectionContext.NO_SELF, 9);
        assertEquals(500, multi.synapseCount());
        assertTrue(hasDuplicates(multi));
        assertThrows(IllegalArgumentException.class,
                () -> build(Connectors.fixedInDegree(30, false, false), 30, 30, 0, 0));
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    @Test
    void listsKeepTheirWeightsAndDelays() {
        Csr csr = build(Connectors.fromList(new int[] {2, 0, 2, 1}, new int[] {1, 3, 0, 1},
                new float[] {0.5f, 1.5f, 2.5f, 3.5f}, new double[] {0.1, 0.2, 1.7, 0.3}), 3, 4,
                ConnectionContext.NO_SELF, 0);
        assertArrayEquals(new int[] {0, 1, 2, 4}, csr.rowStart());
        assertArrayEquals(new int[] {3, 1, 0, 1}, csr.targets());
        assertArrayEquals(new float[] {1.5f, 3.5f, 2.5f, 0.5f}, csr.weights());
        assertArrayEquals(new short[] {2, 3, 17, 1}, csr.delays());
    }

    @Test
    void theSameSeedGivesTheSameNetwork() {
        for (Connector c : new Connector[] {Connectors.fixedProbability(0.05, false),
                Connectors.fixedInDegree(20, false, false), Connectors.fixedOutDegree(20, false, true)}) {
            Csr a = build(c, 500, 400, 0, 77);
            Csr b = build(c, 500, 400, 0, 77);
            Csr other = build(c, 500, 400, 0, 78);
            assertArrayEquals(a.rowStart(), b.rowStart());
            assertArrayEquals(a.targets(), b.targets());
            assertFalse(Arrays.equals(a.targets(), other.targets()));
        }
        EiNetwork x = BenchmarkNetworks.coba(2000, 0.1, 5, new PlainKernels());
        EiNetwork y = BenchmarkNetworks.coba(2000, 0.1, 5, new PlainKernels());
        assertArrayEquals(x.fromExcitatory().csr().targets(), y.fromExcitatory().csr().targets());
        assertArrayEquals(x.fromInhibitory().csr().targets(), y.fromInhibitory().csr().targets());
        assertArrayEquals(x.neurons().v(), y.neurons().v(), 0f);
    }
}
