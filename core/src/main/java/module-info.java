/**
 * vecsnn's core: the public API (networks, populations, projections, declared state, the neuron, synapse and
 * plasticity model interfaces, the SIMD lanes, inputs and monitors), the built-in models written against it, and the
 * standard networks and text loaders. The engine's own classes (the step schedule, its driver and barrier) are
 * package-private in {@code org.vecsnn.core}. The Vector API is optional: without {@code --add-modules
 * jdk.incubator.vector} the plain kernels run.
 */
module org.vecsnn.core {
    requires static jdk.incubator.vector;
    requires java.compiler;

    exports org.vecsnn.core;
    exports org.vecsnn.core.connect;
    exports org.vecsnn.core.delay;
    exports org.vecsnn.core.input;
    exports org.vecsnn.core.monitor;
    exports org.vecsnn.core.neuron;
    exports org.vecsnn.core.plasticity;
    exports org.vecsnn.core.simd;
    exports org.vecsnn.core.state;
    exports org.vecsnn.core.synapse;
    exports org.vecsnn.equations;
    exports org.vecsnn.models.neuron;
    exports org.vecsnn.models.plasticity;
    exports org.vecsnn.models.synapse;
    exports org.vecsnn.networks;
    exports org.vecsnn.io;
}
