package org.vecsnn.core;

/** A state variable became NaN or infinite: the simulation has blown up (see {@link Network#checkFiniteEvery}). */
public final class NonFiniteStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NonFiniteStateException(String message) {
        super(message);
    }
}
