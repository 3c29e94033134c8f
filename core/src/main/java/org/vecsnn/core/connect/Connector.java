package org.vecsnn.core.connect;

/** A rule that builds the synapses of a projection. The same context (and seed) always gives the same CSR. */
@FunctionalInterface
public interface Connector {
    Csr connect(ConnectionContext context);

    /**
     * The number of synapses this rule is expected to build between ranges of these sizes, or −1 if unknown; used
     * to refuse, before building, a projection that cannot fit (see {@link Connectors}).
     */
    default long expectedSynapses(int preSize, int postSize) {
        return -1;
    }
}
