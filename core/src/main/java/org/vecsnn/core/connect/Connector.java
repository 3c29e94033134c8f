package org.vecsnn.core.connect;

/** A rule that builds the synapses of a projection. The same context (and seed) always gives the same CSR. */
@FunctionalInterface
public interface Connector {
    Csr connect(ConnectionContext context);
}
