package org.vecsnn.bench;

import java.util.Locale;
import org.vecsnn.bench.jmh.PlasticityBenchmark;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.Projection;
import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.simd.KernelProvider;

/**
 * The floor of pair STDP's cost per plastic event on COBA 4000's excitatory synapses: the bare weight updates of
 * a recorded second of spikes (each presynaptic spike walks its row, each postsynaptic spike its column through the
 * column index; one multiply-add and a clip per synapse, traces read as they are), with nothing of the network, the
 * rule's callbacks or its trace decay around them. What the rule costs above this is its own; what this costs is
 * the memory layout's.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.vecsnn.bench.StdpFloor
 * </pre>
 */
public final class StdpFloor {
    private StdpFloor() {}

    public static void main(String[] args) {
        Network net = new Network(0.1, KernelProvider.get()).seed(7);
        Projection e = PlasticityBenchmark.coba(net, "none");
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(net.populations().get(0)));
        net.runSteps(10_000, ProgressListener.SILENT);
        int[] rowStart = e.csr().rowStart();
        int[] targets = e.csr().targets();
        int columns = e.csr().columns();
        Csr.ColumnIndex byColumn = e.csr().byColumn(); // as a plastic projection builds it for its rule
        int[] columnStart = byColumn.start();
        int[] columnSynapses = byColumn.synapses();
        int[] columnRows = byColumn.rows();
        int[] units = spikes.units();
        float[] w = new float[targets.length];
        java.util.Arrays.fill(w, 0.6f);
        float[] xPre = new float[rowStart.length - 1];
        float[] xPost = new float[columns];
        java.util.Arrays.fill(xPre, 0.5f);
        java.util.Arrays.fill(xPost, 0.5f);
        long events = 0;
        for (int u : units) {
            events += (u < rowStart.length - 1 ? rowStart[u + 1] - rowStart[u] : 0) + columnStart[u + 1]
                    - columnStart[u];
        }
        double best = Double.MAX_VALUE;
        float sink = 0;
        for (int round = 0; round < 30; round++) {
            long start = System.nanoTime();
            for (int u : units) {
                if (u < rowStart.length - 1) {
                    for (int s = rowStart[u]; s < rowStart[u + 1]; s++) {
                        w[s] = Math.max(w[s] - 1e-7f * xPost[targets[s]], 0f);
                    }
                }
                for (int k = columnStart[u]; k < columnStart[u + 1]; k++) {
                    int s = columnSynapses[k];
                    w[s] = Math.min(w[s] + 1e-7f * xPre[columnRows[k]], 1.2f);
                }
            }
            best = Math.min(best, (System.nanoTime() - start) * 1e-9);
            sink += w[round];
        }
        System.out.printf(Locale.ROOT, "%d spikes in 1 s, %d plastic events: the bare updates take %.4f s per"
                + " biological s, %.2f ns per event (best of 30; %s)%n", units.length, events, best,
                best * 1e9 / events, sink > 0 ? "done" : "");
    }
}
