package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.networks.BenchmarkNetworks;
import org.vecsnn.core.networks.EiNetwork;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.simd.PlainKernels;

/** Whole networks give the same spikes, step for step, on the JVM's kernels and on the plain twin. */
@Tag("kernels")
class SimdPlainNetworkTest {
    private static SpikeMonitor run(EiNetwork net, int steps) {
        SpikeMonitor spikes = net.network().addMonitor(new SpikeMonitor(net.neurons()));
        net.network().runSteps(steps, ProgressListener.SILENT);
        return spikes;
    }

    private static void assertSameSpikes(Kernels kernels, boolean coba) {
        EiNetwork a = coba ? BenchmarkNetworks.coba(4000, 0.1, 7, kernels) : BenchmarkNetworks.cuba(4000, 0.1, 7, kernels);
        EiNetwork b = coba ? BenchmarkNetworks.coba(4000, 0.1, 7, new PlainKernels())
                : BenchmarkNetworks.cuba(4000, 0.1, 7, new PlainKernels());
        SpikeMonitor sa = run(a, 1000);
        SpikeMonitor sb = run(b, 1000);
        assertTrue(sa.count() > 1000, "the network must be active for the comparison to mean something");
        assertArrayEquals(sb.steps(), sa.steps(), "spike steps, " + kernels.name() + " vs plain");
        assertArrayEquals(sb.units(), sa.units(), "spiking neurons, " + kernels.name() + " vs plain");
        assertArrayEquals(b.neurons().v(), a.neurons().v(), 0f, "V after 1000 steps");
    }

    @Test
    void cobaSameSpikesForThousandSteps() {
        assertSameSpikes(KernelProvider.get(), true);
    }

    @Test
    void cubaSameSpikesForThousandSteps() {
        assertSameSpikes(KernelProvider.get(), false);
    }

    /**
     * COBA's two receptors are stepped inside the membrane kernel; with a third, idle receptor they are not. The
     * spikes and potentials must be the same, bit for bit.
     */
    @Test
    void fusedReceptorsGiveTheSameNetworkAsSeparatePasses() {
        EiNetwork fused = BenchmarkNetworks.coba(2000, 0.1, 3, KernelProvider.get());
        EiNetwork separate = BenchmarkNetworks.coba(2000, 0.1, 3, KernelProvider.get());
        separate.neurons().addExponential("idle", 7, org.vecsnn.core.synapse.SynapticOutput.conductance(-70));
        SpikeMonitor a = run(fused, 1000);
        SpikeMonitor b = run(separate, 1000);
        assertTrue(a.count() > 500);
        assertArrayEquals(b.steps(), a.steps());
        assertArrayEquals(b.units(), a.units());
        assertArrayEquals(separate.neurons().v(), fused.neurons().v(), 0f);
    }
}
