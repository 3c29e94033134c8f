package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * The delivery rule: a spike emitted in step m through a delay of k ≥ 1 steps first acts in step m + k. The target
 * rests at V = 0 with no input, so V stays exactly 0 until the step in which the spike acts.
 */
class DelayDeliveryTest {
    private static final double DT = 0.1;
    private static final int SPIKE_STEP = 5;

    private static NeuronPopulation quietTarget(Network net, int size) {
        return net.addNeurons("post", size, new Lif(0, -5, 20, 10, 1, 0, Integrator.EXPONENTIAL_EULER));
    }

    private static SynapticInput input(NeuronPopulation post, String kind) {
        return kind.equals("jump") ? new VoltageJump(post, "jump", false)
                : new ExponentialReceptor(post, "g", 5, SynapticOutput.current());
    }

    /** The step after which neuron {@code i}'s V first moves away from 0. */
    private static int firstActingStep(Network net, NeuronPopulation post, int neuron, int maxSteps) {
        for (int n = 0; n < maxSteps; n++) {
            net.step();
            if (post.v()[neuron] != 0f) {
                return n;
            }
        }
        return -1;
    }

    @ParameterizedTest(name = "{0}, k = {1} steps, given in {2}")
    @CsvSource({"jump,1,ms", "jump,2,ms", "jump,17,ms", "jump,1,steps", "jump,2,steps", "jump,17,steps",
            "current,1,ms", "current,2,ms", "current,17,ms", "current,17,steps"})
    void perProjectionDelay(String kind, int k, String unit) {
        Network net = new Network(DT, KernelProvider.get());
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[] {0}, new double[] {SPIKE_STEP * DT}));
        NeuronPopulation post = quietTarget(net, 1);
        ProjectionBuilder b = net.connect(pre, input(post, kind)).connector(Connectors.oneToOne()).weight(1);
        (unit.equals("ms") ? b.delay(k * DT) : b.delaySteps(k)).build();
        assertEquals(SPIKE_STEP + k, firstActingStep(net, post, 0, 100));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jump", "current"})
    void perSynapseDelays(String kind) {
        int[] delays = {1, 2, 17, 4};
        Network net = new Network(DT, KernelProvider.get());
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[] {0}, new double[] {SPIKE_STEP * DT}));
        NeuronPopulation post = quietTarget(net, delays.length);
        double[] delayMs = new double[delays.length];
        for (int s = 0; s < delays.length; s++) {
            delayMs[s] = delays[s] * DT;
        }
        net.connect(pre, input(post, kind))
                .connector(Connectors.fromList(new int[4], new int[] {0, 1, 2, 3}, null, delayMs)).build();
        int[] first = {-1, -1, -1, -1};
        for (int n = 0; n < 40; n++) {
            net.step();
            for (int s = 0; s < delays.length; s++) {
                if (first[s] < 0 && post.v()[s] != 0f) {
                    first[s] = n;
                }
            }
        }
        for (int s = 0; s < delays.length; s++) {
            assertEquals(SPIKE_STEP + delays[s], first[s], "synapse with delay " + delays[s] + " steps");
        }
    }

    /** A source of one unit spiking in each of the steps 0 … spikes − 1. */
    private static SpikeTimesSource everyStep(Network net, int spikes) {
        double[] times = new double[spikes];
        for (int s = 0; s < spikes; s++) {
            times[s] = s * DT;
        }
        return net.add(new SpikeTimesSource("pre", 1, new int[spikes], times));
    }

    /** Targets whose τ is so long that V is the count of jumps so far, to float precision. */
    private static NeuronPopulation counters(Network net, int size) {
        return net.addNeurons("post", size, new Lif(0, -5, 1e9, 1e9, 1, 0, Integrator.EXPONENTIAL_EULER));
    }

    /** A spike every step through a 17-step ring: every arrival lands once, in its own step (the ring wraps). */
    @ParameterizedTest(name = "delay {0} steps")
    @ValueSource(ints = {1, 3, 17})
    void ringWrapsWithoutLosingOrDoublingArrivals(int k) {
        int spikes = 40;
        Network net = new Network(DT, KernelProvider.get());
        SpikeTimesSource pre = everyStep(net, spikes);
        NeuronPopulation post = counters(net, 1);
        net.connect(pre, new VoltageJump(post, "jump", false)).connector(Connectors.oneToOne()).delaySteps(k).build();
        for (int n = 0; n < spikes + k + 5; n++) {
            net.step();
            int expected = Math.max(0, Math.min(spikes, n - k + 1));
            assertEquals(expected, post.v()[0], 1e-3, "arrivals by the end of step " + n);
        }
    }

    /** The same with one delay per synapse (the ring's depth is the longest, 17): each synapse counts its own. */
    @org.junit.jupiter.api.Test
    void ringWrapsWithPerSynapseDelays() {
        int[] delays = {1, 2, 17, 4, 16};
        int spikes = 40;
        Network net = new Network(DT, KernelProvider.get());
        SpikeTimesSource pre = everyStep(net, spikes);
        NeuronPopulation post = counters(net, delays.length);
        double[] delayMs = new double[delays.length];
        int[] targets = new int[delays.length];
        for (int s = 0; s < delays.length; s++) {
            delayMs[s] = delays[s] * DT;
            targets[s] = s;
        }
        net.connect(pre, new VoltageJump(post, "jump", false))
                .connector(Connectors.fromList(new int[delays.length], targets, null, delayMs)).build();
        for (int n = 0; n < spikes + 25; n++) {
            net.step();
            for (int s = 0; s < delays.length; s++) {
                int expected = Math.max(0, Math.min(spikes, n - delays[s] + 1));
                assertEquals(expected, post.v()[s], 1e-3, "delay " + delays[s] + ", arrivals by the end of step " + n);
            }
        }
    }

    @ParameterizedTest(name = "{0} ms")
    @ValueSource(doubles = {0.15, 0.0, -0.1, 1e-7})
    void delaysThatAreNotWholePositiveStepsAreRefused(double ms) {
        Network net = new Network(DT, KernelProvider.get());
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[] {0}, new double[] {0}));
        NeuronPopulation post = quietTarget(net, 1);
        var builder = net.connect(pre, new VoltageJump(post, "jump", false)).delay(ms);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith("delay = " + ms + " ms"), e.getMessage());
        assertEquals(0, net.projections().size());
    }

    /**
     * 150 sources spike in one step (more than one read-ahead batch) over rows of 2 to 300 synapses (short and
     * long rows are read ahead differently), weights 1, 2, 3 and delays 1 to 4 steps per synapse: each target's V is
     * the sum of its arrivals, counted here from the connection list, on 1, 2 and 3 threads.
     */
    @ParameterizedTest(name = "{0} thread(s), per-synapse delays {1}")
    @CsvSource({"1,false", "2,false", "3,false", "1,true", "2,true", "3,true"})
    void manySpikesInOneStepEachLandOnce(int threads, boolean perSynapseDelays) {
        int sources = 150;
        int targetCount = 700;
        java.util.Random random = new java.util.Random(11);
        java.util.List<int[]> list = new java.util.ArrayList<>();
        for (int pre = 0; pre < sources; pre++) {
            int length = pre % 5 == 0 ? 300 : 2 + random.nextInt(60);
            random.ints(0, targetCount).distinct().limit(length).forEach(post -> list.add(new int[] {0, post}));
            for (int k = list.size() - length; k < list.size(); k++) {
                list.get(k)[0] = pre;
            }
        }
        int n = list.size();
        int[] pre = new int[n];
        int[] post = new int[n];
        float[] weights = new float[n];
        double[] delayMs = new double[n];
        int[] delays = new int[n];
        for (int s = 0; s < n; s++) {
            pre[s] = list.get(s)[0];
            post[s] = list.get(s)[1];
            weights[s] = 1 + random.nextInt(3);
            delays[s] = perSynapseDelays ? 1 + random.nextInt(4) : 1;
            delayMs[s] = delays[s] * DT;
        }
        Network net = new Network(DT, KernelProvider.get()).threads(threads);
        double[] times = new double[sources];
        java.util.Arrays.fill(times, SPIKE_STEP * DT);
        int[] units = java.util.stream.IntStream.range(0, sources).toArray();
        SpikeTimesSource source = net.add(new SpikeTimesSource("pre", sources, units, times));
        NeuronPopulation targets = counters(net, targetCount);
        net.connect(source, new VoltageJump(targets, "jump", false))
                .connector(Connectors.fromList(pre, post, weights, delayMs)).build();
        for (int m = 0; m <= SPIKE_STEP + 4; m++) {
            net.step();
            double[] expected = new double[targetCount];
            for (int s = 0; s < n; s++) {
                if (SPIKE_STEP + delays[s] <= m) {
                    expected[post[s]] += weights[s];
                }
            }
            for (int t = 0; t < targetCount; t++) {
                assertEquals(expected[t], targets.v()[t], 1e-3, "target " + t + " by the end of step " + m);
            }
        }
        net.close();
    }
}
