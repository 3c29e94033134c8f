package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;

/** Whole networks give the same spikes, step for step, on the JVM's kernels and on the plain twin. */
@Tag("kernels")
class SimdPlainNetworkTest {
    private static SpikeMonitor run(EiNetwork net, int steps) {
        SpikeMonitor spikes = net.network().addMonitor(new SpikeMonitor(net.neurons()));
        net.network().runSteps(steps, ProgressListener.SILENT);
        return spikes;
    }

    private static void assertSameSpikes(String network, long seed, int steps) {
        Kernels kernels = KernelProvider.get();
        EiNetwork a = BenchmarkNetworks.byName(network, 4000, 0.1, seed, kernels);
        EiNetwork b = BenchmarkNetworks.byName(network, 4000, 0.1, seed, new PlainKernels());
        SpikeMonitor sa = run(a, steps);
        SpikeMonitor sb = run(b, steps);
        assertTrue(sa.count() > 1000, "the network must be active for the comparison to mean something");
        assertArrayEquals(sb.steps(), sa.steps(), "spike steps, " + kernels.name() + " vs plain");
        assertArrayEquals(sb.units(), sa.units(), "spiking neurons, " + kernels.name() + " vs plain");
        assertArrayEquals(b.neurons().v(), a.neurons().v(), 0f, "V after " + steps + " steps");
    }

    @Test
    void cobaSameSpikesForThousandSteps() {
        assertSameSpikes("coba", 7, 1000);
    }

    @Test
    void cubaSameSpikesForThousandSteps() {
        assertSameSpikes("cuba", 7, 1000);
    }

    /**
     * COBAHH's run of {@code ./snn --network cobahh --seed 1 --warmup 0 --duration 500}: its kernels call exp at
     * every step, and the vector API's own EXP once gave 66,854 spikes at 512 bits, 71,108 at 256 and 128, 70,924
     * plain.
     */
    @Test
    void cobahhSameSpikesForFiveHundredMilliseconds() {
        assertSameSpikes("cobahh", 1, 5000);
    }

    /**
     * COBA's two receptors are stepped inside the membrane kernel; with a third, idle receptor they run in their own
     * passes (and the idle one in the kernel). The spikes and potentials must be the same, bit for bit.
     */
    @Test
    void fusedReceptorsGiveTheSameNetworkAsSeparatePasses() {
        EiNetwork fused = BenchmarkNetworks.coba(2000, 0.1, 3, KernelProvider.get());
        EiNetwork separate = BenchmarkNetworks.coba(2000, 0.1, 3, KernelProvider.get());
        new ExponentialReceptor(separate.neurons(), "idle", 7, org.vecsnn.core.synapse.SynapticOutput.conductance(-70));
        SpikeMonitor a = run(fused, 1000);
        SpikeMonitor b = run(separate, 1000);
        assertTrue(a.count() > 500);
        assertArrayEquals(b.steps(), a.steps());
        assertArrayEquals(b.units(), a.units());
        assertArrayEquals(separate.neurons().v(), fused.neurons().v(), 0f);
    }

    /**
     * Receptors fed through delays of 1 to 4 ms (weights waiting in their rings): the last receptor of a population
     * is stepped inside the membrane kernel with its arrivals; with an idle receptor added after it, it runs in its
     * own passes. Current- and conductance-based, one receptor and two: the same spikes, potentials and g, bit for
     * bit, on the JVM's kernels and on the plain twin.
     */
    @Test
    void aFusedReceptorTakesItsRingsArrivalsAsItsOwnPassesDo() {
        for (boolean conductance : new boolean[] {false, true}) {
            for (int receptors = 1; receptors <= 2; receptors++) {
                org.vecsnn.core.neuron.NeuronPopulation[] cellsOf = new org.vecsnn.core.neuron.NeuronPopulation[3];
                ExponentialReceptor[] last = new ExponentialReceptor[3];
                SpikeMonitor[] spikes = new SpikeMonitor[3];
                for (int k = 0; k < 3; k++) {
                    Network net = new Network(0.1, k == 2 ? new PlainKernels() : KernelProvider.get()).seed(5);
                    var drive = net.add(new org.vecsnn.core.input.PoissonSource("drive", 200, 20, 1));
                    var cells = net.addNeurons("cells", 300, org.vecsnn.models.neuron.Lif.defaults());
                    for (int r = 0; r < receptors; r++) {
                        var output = conductance ? org.vecsnn.core.synapse.SynapticOutput.conductance(r == 0 ? 60 : -20)
                                : org.vecsnn.core.synapse.SynapticOutput.current();
                        last[k] = new ExponentialReceptor(cells, "r" + r, 5 + 3 * r, output);
                        double weight = conductance ? (r == 0 ? 0.3 : 0.1) : (r == 0 ? 4 : -0.25);
                        net.connect(drive, last[k]).name("drive r" + r)
                                .connector(org.vecsnn.core.connect.Connectors.fixedProbability(0.2, true))
                                .weight(weight)
                                .delays(org.vecsnn.core.connect.Distribution.normal(2.5, 1, 1, 4)).build();
                        net.connect(cells, last[k]).name("recurrent r" + r)
                                .connector(org.vecsnn.core.connect.Connectors.fixedProbability(0.05, false))
                                .weight(weight / 4)
                                .delays(org.vecsnn.core.connect.Distribution.normal(2, 1, 1, 4)).build();
                    }
                    if (k == 1) {
                        new ExponentialReceptor(cells, "idle", 7, org.vecsnn.core.synapse.SynapticOutput.current());
                    }
                    spikes[k] = net.addMonitor(new SpikeMonitor(cells));
                    net.runSteps(2000, ProgressListener.SILENT);
                    cellsOf[k] = cells;
                }
                String what = (conductance ? "conductance" : "current") + ", " + receptors + " receptor(s)";
                assertTrue(spikes[0].count() > 300, what + ": the network must be active, " + spikes[0].count());
                for (int k = 1; k < 3; k++) {
                    assertArrayEquals(spikes[k].steps(), spikes[0].steps(), what);
                    assertArrayEquals(spikes[k].units(), spikes[0].units(), what);
                    assertArrayEquals(cellsOf[k].v(), cellsOf[0].v(), 0f, what);
                    assertArrayEquals(last[k].g(), last[0].g(), 0f, what);
                }
            }
        }
    }

    /**
     * Input written through {@code input()} after 200 steps without any (the fused kernel reads the input only once
     * it was asked for): the same spikes as with the receptors in separate passes and as on the plain twin, and the
     * 100 driven neurons fire more than undriven ones.
     */
    @Test
    void inputAskedForAfterStepsActsInTheFusedKernel() {
        EiNetwork fused = BenchmarkNetworks.coba(2000, 0.1, 3, KernelProvider.get());
        EiNetwork separate = BenchmarkNetworks.coba(2000, 0.1, 3, KernelProvider.get());
        new ExponentialReceptor(separate.neurons(), "idle", 7, org.vecsnn.core.synapse.SynapticOutput.conductance(-70));
        EiNetwork plain = BenchmarkNetworks.coba(2000, 0.1, 3, new PlainKernels());
        SpikeMonitor[] spikes = new SpikeMonitor[3];
        EiNetwork[] nets = {fused, separate, plain};
        for (int k = 0; k < 3; k++) {
            spikes[k] = nets[k].network().addMonitor(new SpikeMonitor(nets[k].neurons()));
            nets[k].network().runSteps(200, ProgressListener.SILENT);
            for (int step = 0; step < 300; step++) {
                float[] input = nets[k].neurons().input();
                for (int n = 0; n < 100; n++) {
                    input[n] += 300f;
                }
                nets[k].network().step();
            }
        }
        for (int k = 1; k < 3; k++) {
            assertArrayEquals(spikes[k].steps(), spikes[0].steps());
            assertArrayEquals(spikes[k].units(), spikes[0].units());
        }
        long driven = 0;
        long undriven = 0;
        for (int s = 0; s < spikes[0].count(); s++) {
            int unit = spikes[0].units()[s];
            if (spikes[0].steps()[s] >= 200) {
                driven += unit < 100 ? 1 : 0;
                undriven += unit >= 100 && unit < 200 ? 1 : 0;
            }
        }
        assertTrue(driven > 3 * undriven, "spikes in the driven steps: driven " + driven + ", undriven "
                + undriven);
    }
}
