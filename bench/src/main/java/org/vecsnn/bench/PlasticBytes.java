package org.vecsnn.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.vecsnn.bench.jmh.PlasticityBenchmark;
import org.vecsnn.core.Network;
import org.vecsnn.core.Projection;
import org.vecsnn.core.simd.KernelProvider;

/**
 * The heap a plasticity rule adds per synapse, measured: COBA 4000 with and without a rule on its 256,000 excitatory
 * synapses ({@link PlasticityBenchmark#coba}), each network prepared and then held while the heap in use is read
 * after collecting garbage (the least of three builds: what the collector leaves over only adds); the difference
 * over the plastic synapses. Run: {@code java -cp benchmarks.jar
 * org.vecsnn.bench.PlasticBytes [rule ...]} (rules of {@link PlasticityBenchmark}; default {@code pair}).
 */
public final class PlasticBytes {
    private PlasticBytes() {}

    public static void main(String[] args) {
        String[] rules = args.length == 0 ? new String[] {"pair"} : args;
        long none = heldBytes("none")[0];
        for (String rule : rules) {
            long[] measured = heldBytes(rule);
            long synapses = measured[1];
            System.out.printf(Locale.ROOT, "%s: %d plastic synapses, %.2f B each beyond the static network's"
                    + " (the static one keeps 4 B per synapse: its target)%n", rule, synapses,
                    (measured[0] - none) / (double) synapses);
        }
    }

    /** The heap in use (bytes, the least of three builds) with the network of {@code rule}, and its synapses. */
    private static long[] heldBytes(String rule) {
        long[] least = build(rule);
        for (int k = 1; k < 3; k++) {
            least[0] = Math.min(least[0], build(rule)[0]);
        }
        return least;
    }

    private static long[] build(String rule) {
        long before = used();
        Network net = new Network(0.1, KernelProvider.get()).seed(1);
        Projection e = PlasticityBenchmark.coba(net, rule);
        net.prepare();
        long bytes = used() - before;
        long synapses = e.csr().synapseCount();
        java.lang.ref.Reference.reachabilityFence(net);
        return new long[] {bytes, synapses};
    }

    private static long used() {
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
