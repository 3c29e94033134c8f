package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * Issue 21, item 1: one thread at a time steps, runs, prepares, saves or loads a network. A second caller is refused
 * at once with a message (two callers once crashed with an index out of bounds, lost steps, or spun forever in the
 * step threads' barrier), and a checkpoint cannot be saved from another thread in the middle of a run (it once
 * wrote a file that could not be loaded).
 */
class ConcurrentUseTest {
    private static Network network(int threads) {
        Network net = new Network(0.1, KernelProvider.get()).seed(5).threads(threads);
        NeuronPopulation cells = net.addNeurons("cells", 400, new Lif(-60, -60, -50, 20, 1, 2, Integrator.EULER));
        PoissonSource drive = net.add(new PoissonSource("drive", 100, 30, 7));
        net.connect(drive, new ExponentialReceptor(cells, "ge", 5, SynapticOutput.conductance(0)))
                .connector(Connectors.fixedProbability(0.2, true)).weight(0.4).build();
        net.addCurrent(TimedCurrent.constant(cells.all(), 8));
        net.addMonitor(new SpikeMonitor(cells));
        return net;
    }

    private static void refusedWhileInUse(org.junit.jupiter.api.function.Executable call) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call);
        assertTrue(e.getMessage().contains("thread 'runner' is using the network"), e.getMessage());
        assertTrue(e.getMessage().contains("one thread at a time"), e.getMessage());
    }

    /** A run held at a step boundary: every call from another thread is refused, and the run loses no step. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSecondCallerIsRefusedAtOnceAndTheRunLosesNoStep(int threads, @TempDir Path dir) throws Exception {
        Network net = network(threads);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                net.runSteps(3000, (done, total, seconds) -> {
                    if (inside.getCount() > 0) {
                        inside.countDown();
                        awaitQuietly(proceed);
                    }
                });
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "runner");
        runner.start();
        inside.await();

        refusedWhileInUse(net::step);
        refusedWhileInUse(() -> net.runSteps(10, ProgressListener.SILENT));
        refusedWhileInUse(net::prepare);
        refusedWhileInUse(net::close); // it would stop the step threads mid-step
        Path file = dir.resolve("during.ckpt");
        refusedWhileInUse(() -> Checkpoint.save(net, file));
        refusedWhileInUse(() -> Checkpoint.load(net, new byte[100], "any bytes")); // refused before reading
        assertTrue(Files.notExists(file), "no checkpoint written during the run");

        proceed.countDown();
        runner.join();
        assertEquals(null, failure.get(), "the run itself went through");
        assertEquals(3000, net.stepIndex(), "no step lost or added");

        // once the run is over the same calls work, and the checkpoint resumes exactly
        Checkpoint.save(net, file);
        Network twin = network(threads);
        Checkpoint.load(twin, file);
        net.runSteps(500, ProgressListener.SILENT);
        twin.runSteps(500, ProgressListener.SILENT);
        assertEquals(((SpikeMonitor) net.monitors().get(0)).count(), ((SpikeMonitor) twin.monitors().get(0)).count());
        net.close();
        twin.close();
    }

    /** Two threads stepping as fast as they can: each step is either done once or refused, never half done. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void twoThreadsSteppingNeverCorruptTheNetwork(int threads) throws Exception {
        Network net = network(threads);
        Network alone = network(threads);
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable stepper = () -> {
            for (int k = 0; k < 3000; k++) {
                try {
                    net.step();
                    done.incrementAndGet();
                } catch (IllegalStateException refused) {
                    Thread.onSpinWait();
                } catch (Throwable t) {
                    failure.set(t);
                    return;
                }
            }
        };
        Thread a = new Thread(stepper, "a");
        Thread b = new Thread(stepper, "b");
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(null, failure.get(), "no exception but the refusal");
        assertEquals(done.get(), net.stepIndex(), "every step done is counted once");
        alone.runSteps(done.get(), ProgressListener.SILENT);
        assertEquals(((SpikeMonitor) alone.monitors().get(0)).count(), ((SpikeMonitor) net.monitors().get(0)).count(),
                "the same spikes as one caller stepping as often");
        net.close();
        alone.close();
    }

    /** The running thread itself may save between steps, from its progress listener. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theRunningThreadMaySaveFromItsProgressListener(@TempDir Path dir) throws Exception {
        Network net = network(1);
        Path file = dir.resolve("progress.ckpt");
        net.runSteps(2048, (done, total, seconds) -> {
            if (done == 1024) {
                try {
                    Checkpoint.save(net, file);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        Network twin = network(1);
        Checkpoint.load(twin, file);
        assertEquals(1024, twin.stepIndex());
        twin.runSteps(1024, ProgressListener.SILENT);
        assertEquals(((SpikeMonitor) net.monitors().get(0)).count(), ((SpikeMonitor) twin.monitors().get(0)).count());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
