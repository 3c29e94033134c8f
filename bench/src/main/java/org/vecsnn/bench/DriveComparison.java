package org.vecsnn.bench;

import java.util.Arrays;
import java.util.Locale;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.Microcircuit;

/**
 * The microcircuit's Poisson drive against its DC drive: both networks built in one JVM and run in alternating rounds
 * of 500 steps, each round in the other order, so that the machine's drift falls on both alike; the median of the
 * rounds' time ratios with its quartiles (interpolated, as {@link JarComparison} gives them). Run: {@code java --add-modules jdk.incubator.vector -Xmx12g -cp bench/target/benchmarks.jar
 * org.vecsnn.bench.DriveComparison [scale 1] [threads 2] [rounds 12]}.
 */
public final class DriveComparison {
    private DriveComparison() {}

    public static void main(String[] args) {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        Network dc = Microcircuit.build(scale, 0.1, 1, KernelProvider.get(), Microcircuit.Drive.DC).network()
                .threads(threads);
        Network poisson = Microcircuit.build(scale, 0.1, 1, KernelProvider.get(), Microcircuit.Drive.POISSON)
                .network().threads(threads);
        dc.runSteps(3000, ProgressListener.SILENT);
        poisson.runSteps(3000, ProgressListener.SILENT);
        Network[] networks = {dc, poisson};
        double[][] seconds = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int d = (r + k) % 2; // alternate which drive goes first, as JarComparison does
                seconds[d][r] = seconds(networks[d]);
            }
        }
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = seconds[1][r] / seconds[0][r];
        }
        double bio = rounds * 500 * 0.1e-3;
        System.out.printf(Locale.ROOT, "microcircuit, scale %s, %d thread(s), %d rounds of 500 steps: Poisson / DC"
                + " median %.3f (quartiles %.3f – %.3f); DC %.2f, Poisson %.2f wall s per biological s%n", scale,
                threads, rounds, JarComparison.quantile(ratio, 0.5), JarComparison.quantile(ratio, 0.25),
                JarComparison.quantile(ratio, 0.75), Arrays.stream(seconds[0]).sum() / bio,
                Arrays.stream(seconds[1]).sum() / bio);
    }

    private static double seconds(Network network) {
        long start = System.nanoTime();
        network.runSteps(500, ProgressListener.SILENT);
        return (System.nanoTime() - start) * 1e-9;
    }
}
