package org.vecsnn.core.connect;

import java.util.Arrays;
import org.vecsnn.core.Check;

/**
 * The standard connection rules. Random rules draw every row (or, for fixed in-degree, every column) from its own
 * {@link SplitMix64} stream of the projection's seed, so a seed always gives the same network. They draw only the
 * rows the context asks for ({@link ConnectionContext#draws}): a process of a distributed network draws its share.
 */
public final class Connectors {
    private Connectors() {}

    /** A rule with its expected synapse count. */
    private record Estimated(java.util.function.LongBinaryOperator estimate, Connector rule) implements Connector {
        @Override
        public Csr connect(ConnectionContext context) {
            return rule.connect(context);
        }

        @Override
        public long expectedSynapses(int preSize, int postSize) {
            return estimate.applyAsLong(preSize, postSize);
        }
    }

    /**
     * Exactly {@code count} synapses, each between a source and a target drawn uniformly and independently
     * (NEST's {@code fixed_total_number} with multapses; PyNN's {@code FixedTotalNumberConnector}). With
     * {@code includeSelf = false} a pair that is a neuron with itself is drawn again. Row counts come from one stream
     * of the seed (drawn whole on every process); each row's targets from the row's own stream, drawn on every core.
     */
    public static Connector fixedTotalNumber(long count, boolean includeSelf) {
        if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw Check.fail("fixed total number of synapses", count, "an integer in [0, 2^31 - 9]");
        }
        return new Estimated((rows, columns) -> count, ctx -> {
            int n = (int) count;
            if (n > 0 && !includeSelf && ctx.postSize() < 2 && ctx.diagonal() != ConnectionContext.NO_SELF) {
                throw new IllegalArgumentException("fixed total number " + count + " without self-connections onto "
                        + ctx.postSize() + " target: must have at least 2 targets");
            }
            int[] rowStart = new int[ctx.preSize() + 1];
            SplitMix64 rows = SplitMix64.stream(ctx.seed(), -2);
            for (int s = 0; s < n; s++) {
                rowStart[rows.nextInt(ctx.preSize()) + 1]++;
            }
            for (int i = 0; i < ctx.preSize(); i++) {
                rowStart[i + 1] = (ctx.draws(i) ? rowStart[i + 1] : 0) + rowStart[i];
            }
            int[] targets = new int[rowStart[ctx.preSize()]];
            RowParallel.forEachRow(ctx.rowFrom(), ctx.rowTo(), row -> {
                SplitMix64 rng = SplitMix64.stream(ctx.seed(), row);
                int self = includeSelf ? -1 : ctx.selfColumn(row);
                for (int j = rowStart[row]; j < rowStart[row + 1]; j++) {
                    int target;
                    do {
                        target = rng.nextInt(ctx.postSize());
                    } while (target == self);
                    targets[j] = target;
                }
                Arrays.sort(targets, rowStart[row], rowStart[row + 1]);
            });
            return new Csr(ctx.preSize(), ctx.postSize(), rowStart, targets, null, null);
        });
    }

    /** Every source to every target; {@code includeSelf = false} leaves out a neuron's synapse onto itself. */
    public static Connector allToAll(boolean includeSelf) {
        return new Estimated((pre, post) -> (long) pre * post, ctx -> {
            CsrBuilder csr = new CsrBuilder(ctx.preSize(), ctx.postSize());
            for (int i = 0; i < ctx.preSize(); i++) {
                int self = includeSelf ? -1 : ctx.selfColumn(i);
                for (int j = 0; ctx.draws(i) && j < ctx.postSize(); j++) {
                    if (j != self) {
                        csr.add(j);
                    }
                }
                csr.endRow();
            }
            return csr.build();
        });
    }

    /** Source i to target i; the two ranges must have the same size. */
    public static Connector oneToOne() {
        return new Estimated((pre, post) -> pre, ctx -> {
            if (ctx.preSize() != ctx.postSize()) {
                throw new IllegalArgumentException("one-to-one: source size " + ctx.preSize() + " and target size "
                        + ctx.postSize() + ": must be equal");
            }
            CsrBuilder csr = new CsrBuilder(ctx.preSize(), ctx.postSize());
            for (int i = 0; i < ctx.preSize(); i++) {
                if (ctx.draws(i)) {
                    csr.add(i);
                }
                csr.endRow();
            }
            return csr.build();
        });
    }

    /**
     * Each (source, target) pair independently with probability p (Brian2's {@code connect(p=…)}, BrainPy 2.1's
     * FixedProb). Drawn by geometric skips, so the cost follows the synapse count, not the pair count.
     */
    public static Connector fixedProbability(double p, boolean includeSelf) {
        Check.probability("connection probability p", p);
        return new Estimated((pre, post) -> (long) Math.ceil(p * pre * (double) post), ctx -> {
            CsrBuilder csr = new CsrBuilder(ctx.preSize(), ctx.postSize());
            double logQ = StrictMath.log1p(-p);
            for (int i = 0; i < ctx.preSize(); i++) {
                int self = includeSelf ? -1 : ctx.selfColumn(i);
                if (p >= 1.0) {
                    for (int j = 0; ctx.draws(i) && j < ctx.postSize(); j++) {
                        if (j != self) {
                            csr.add(j);
                        }
                    }
                } else if (p > 0.0 && ctx.draws(i)) {
                    SplitMix64 rng = SplitMix64.stream(ctx.seed(), i);
                    long j = -1;
                    while (true) {
                        double skip = Math.floor(StrictMath.log1p(-rng.nextDouble()) / logQ);
                        j += 1 + (long) Math.min(skip, ctx.postSize());
                        if (j >= ctx.postSize()) {
                            break;
                        }
                        if (j != self) {
                            csr.add((int) j);
                        }
                    }
                }
                csr.endRow();
            }
            return csr.build();
        });
    }

    /** Each source connects to exactly k targets, distinct unless {@code multapses}. */
    public static Connector fixedOutDegree(int k, boolean includeSelf, boolean multapses) {
        Check.nonNegative("fixed out-degree k", k);
        return new Estimated((pre, post) -> (long) k * pre, ctx -> {
            CsrBuilder csr = new CsrBuilder(ctx.preSize(), ctx.postSize());
            Sampler sampler = new Sampler(ctx.postSize(), k, multapses, "fixed out-degree");
            for (int i = 0; i < ctx.preSize(); i++) {
                if (ctx.draws(i)) {
                    int[] chosen = sampler.draw(SplitMix64.stream(ctx.seed(), i), includeSelf ? -1 : ctx.selfColumn(i));
                    for (int c = 0; c < k; c++) {
                        csr.add(chosen[c]);
                    }
                }
                csr.endRow();
            }
            return csr.build();
        });
    }

    /**
     * Each target receives exactly k sources, distinct unless {@code multapses}. Drawn per column, so every process
     * draws every column and keeps the synapses of its rows.
     */
    public static Connector fixedInDegree(int k, boolean includeSelf, boolean multapses) {
        Check.nonNegative("fixed in-degree k", k);
        return new Estimated((pre, post) -> (long) k * post, ctx -> {
            Sampler sampler = new Sampler(ctx.preSize(), k, multapses, "fixed in-degree");
            int[] sources = new int[(int) Math.min(Integer.MAX_VALUE - 8, (long) k * ctx.postSize())];
            if ((long) k * ctx.postSize() > sources.length) {
                throw new IllegalArgumentException("fixed in-degree k = " + k + " onto " + ctx.postSize()
                        + " targets: more than 2^31 synapses in one projection");
            }
            int[] rowCount = new int[ctx.preSize() + 1];
            for (int j = 0; j < ctx.postSize(); j++) {
                int[] chosen = sampler.draw(SplitMix64.stream(ctx.seed(), j), includeSelf ? -1 : ctx.selfRow(j));
                for (int c = 0; c < k; c++) {
                    sources[j * k + c] = chosen[c];
                    if (ctx.draws(chosen[c])) {
                        rowCount[chosen[c] + 1]++;
                    }
                }
            }
            for (int i = 0; i < ctx.preSize(); i++) {
                rowCount[i + 1] += rowCount[i];
            }
            int[] rowStart = rowCount.clone();
            int[] targets = new int[rowStart[ctx.preSize()]];
            int[] fill = Arrays.copyOf(rowStart, ctx.preSize());
            for (int j = 0; j < ctx.postSize(); j++) { // ascending j keeps every row sorted
                for (int c = 0; c < k; c++) {
                    int row = sources[j * k + c];
                    if (ctx.draws(row)) {
                        targets[fill[row]++] = j;
                    }
                }
            }
            return new Csr(ctx.preSize(), ctx.postSize(), rowStart, targets, null, null);
        });
    }

    /**
     * Explicit synapses: {@code pre[s] → post[s]} (indices relative to the source and target ranges), with optional
     * per-synapse weights and delays in ms (null for the projection's single value). Delays must be whole numbers
     * of steps, at least one step.
     */
    public static Connector fromList(int[] pre, int[] post, float[] weights, double[] delaysMs) {
        if (pre == null || post == null || pre.length != post.length) {
            throw new IllegalArgumentException("connection list: pre and post must be arrays of equal length (got "
                    + (pre == null ? "null" : pre.length) + " and " + (post == null ? "null" : post.length) + ")");
        }
        if (weights != null && weights.length != pre.length) {
            throw new IllegalArgumentException("connection list: weights has " + weights.length + " values for "
                    + pre.length + " synapses: must have one per synapse");
        }
        if (delaysMs != null && delaysMs.length != pre.length) {
            throw new IllegalArgumentException("connection list: delays has " + delaysMs.length + " values for "
                    + pre.length + " synapses: must have one per synapse");
        }
        if (weights != null) {
            for (int s = 0; s < weights.length; s++) {
                Check.finite("weight of listed synapse " + s, weights[s]);
            }
        }
        int[] preCopy = pre.clone();
        int[] postCopy = post.clone();
        float[] weightCopy = weights == null ? null : weights.clone();
        double[] delayCopy = delaysMs == null ? null : delaysMs.clone();
        return new Estimated((rows, columns) -> preCopy.length, ctx -> {
            int n = preCopy.length;
            short[] delaySteps = null;
            if (delayCopy != null) {
                delaySteps = new short[n];
                for (int s = 0; s < n; s++) {
                    int steps = ctx.grid().intSteps("delay of listed synapse " + s, delayCopy[s], 1);
                    if (steps > Short.MAX_VALUE) {
                        throw new IllegalArgumentException("delay of listed synapse " + s + " = " + delayCopy[s]
                                + " ms: must be at most " + Short.MAX_VALUE + " steps");
                    }
                    delaySteps[s] = (short) steps;
                }
            }
            int[] rowStart = new int[ctx.preSize() + 1];
            for (int s = 0; s < n; s++) {
                Check.index("pre index of listed synapse " + s, preCopy[s], ctx.preSize());
                Check.index("post index of listed synapse " + s, postCopy[s], ctx.postSize());
                rowStart[preCopy[s] + 1]++;
            }
            for (int i = 0; i < ctx.preSize(); i++) {
                rowStart[i + 1] += rowStart[i];
            }
            Integer[] order = new Integer[n];
            for (int s = 0; s < n; s++) {
                order[s] = s;
            }
            Arrays.sort(order, (a, b) -> preCopy[a] != preCopy[b] ? Integer.compare(preCopy[a], preCopy[b])
                    : Integer.compare(postCopy[a], postCopy[b]));
            int[] targets = new int[n];
            float[] w = weightCopy == null ? null : new float[n];
            short[] d = delaySteps == null ? null : new short[n];
            for (int e = 0; e < n; e++) {
                int s = order[e];
                targets[e] = postCopy[s];
                if (w != null) {
                    w[e] = weightCopy[s];
                }
                if (d != null) {
                    d[e] = delaySteps[s];
                }
            }
            return new Csr(ctx.preSize(), ctx.postSize(), rowStart, targets, w, d);
        });
    }

    /** Draws k of n candidates (minus an excluded one), reusing its buffers from row to row. */
    private static final class Sampler {
        private final int n;
        private final int k;
        private final boolean multapses;
        private final int[] chosen;
        private final boolean[] taken;

        Sampler(int n, int k, boolean multapses, String rule) {
            this.n = n;
            this.k = k;
            this.multapses = multapses;
            if (!multapses && k > n) {
                throw new IllegalArgumentException(rule + " k = " + k + ": must be at most " + n
                        + " (the candidates) without multapses");
            }
            this.chosen = new int[k];
            this.taken = multapses ? null : new boolean[n];
        }

        int[] draw(SplitMix64 rng, int exclude) {
            int candidates = exclude >= 0 ? n - 1 : n;
            if (k > 0 && candidates <= 0 || !multapses && k > candidates) {
                throw new IllegalArgumentException("k = " + k + ": must be at most " + candidates
                        + " (the candidates once a neuron's synapse onto itself is left out)");
            }
            if (multapses) {
                for (int c = 0; c < k; c++) {
                    chosen[c] = skip(rng.nextInt(candidates), exclude);
                }
            } else { // Floyd's algorithm: k distinct values with k draws
                for (int c = 0, m = candidates - k; c < k; c++, m++) {
                    int t = rng.nextInt(m + 1);
                    int pick = taken[skip(t, exclude)] ? m : t;
                    chosen[c] = skip(pick, exclude);
                    taken[chosen[c]] = true;
                }
                for (int c = 0; c < k; c++) {
                    taken[chosen[c]] = false;
                }
            }
            Arrays.sort(chosen);
            return chosen;
        }

        private static int skip(int candidate, int exclude) {
            return exclude >= 0 && candidate >= exclude ? candidate + 1 : candidate;
        }
    }
}
