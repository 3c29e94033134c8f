package org.vecsnn.sonata;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;
import org.vecsnn.core.Network;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.Microcircuit;

/**
 * On demand, not in CI: the full-scale microcircuit (77,169 neurons, 3·10⁸ synapses) written as SONATA, then loaded
 * in a fresh JVM, with the load time and the heap's peak (the sum of the heap pools' peaks since the start of the
 * load, an upper bound). Needs about 13 GB of disk and {@code -Xmx6g}:
 * <pre>
 *   java -Xmx6g --add-modules jdk.incubator.vector -cp CLASSPATH org.vecsnn.sonata.FullScaleMeasurement DIR write
 *   java -Xmx6g --add-modules jdk.incubator.vector -cp CLASSPATH org.vecsnn.sonata.FullScaleMeasurement DIR load
 * </pre>
 */
public final class FullScaleMeasurement {
    private FullScaleMeasurement() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long start = System.nanoTime();
        if (args[1].equals("write")) {
            Network network = Microcircuit.build(1, 0.1, 1, KernelProvider.get(), Microcircuit.Drive.DC).network();
            double built = (System.nanoTime() - start) * 1e-9;
            SonataWriter.write(network, dir);
            System.out.printf(Locale.ROOT, "built in %.1f s, written in %.1f s: %d synapses%n", built,
                    (System.nanoTime() - start) * 1e-9 - built, network.synapseCount());
            return;
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        Network network = new Network(0.1, KernelProvider.get());
        SonataCircuit.read(dir.resolve("circuit_config.json"), network, SonataCircuit.SILENT);
        double seconds = (System.nanoTime() - start) * 1e-9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "loaded %d neurons, %d synapses in %.1f s; heap peak ≤ %.2f GB, %.2f GB"
                        + " held after the load (network and all)%n",
                network.populations().stream().mapToInt(p -> p.size()).sum(), network.synapseCount(), seconds,
                peak / 1e9, after / 1e9);
    }
}
