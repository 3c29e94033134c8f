package org.vecsnn.core.simd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

/**
 * Picks the kernels once per JVM. System properties:
 * <ul>
 *   <li>{@code vecsnn.kernels} = {@code auto} (default: vector if {@code jdk.incubator.vector} is present, plain
 *       otherwise), {@code vector} (fail if absent) or {@code plain};</li>
 *   <li>{@code vecsnn.vectorBits} = 128, 256 or 512 to force a width (default: the CPU's preferred width, which
 *       {@code -XX:MaxVectorSize} limits).</li>
 * </ul>
 * The vector class is loaded reflectively so that a JVM started without {@code --add-modules jdk.incubator.vector}
 * never touches it.
 */
public final class KernelProvider {
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "org.vecsnn.core.simd.VectorKernels";

    private KernelProvider() {}

    private static final class Holder {
        static final Kernels DEFAULT = select(System.getProperty("vecsnn.kernels", "auto"));
    }

    /** The kernels chosen for this JVM by the system properties. */
    public static Kernels get() {
        return Holder.DEFAULT;
    }

    public static Kernels plain() {
        return new PlainKernels();
    }

    /** Whether the Vector API module is in the boot layer. */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * The vector kernels, whose width is fixed per JVM (see {@code VectorKernels}).
     *
     * @throws UnsupportedOperationException if the JVM was started without {@code --add-modules jdk.incubator.vector}
     */
    public static Kernels vector() {
        if (!vectorAvailable()) {
            throw new UnsupportedOperationException("vector kernels need the JVM option --add-modules "
                    + VECTOR_MODULE);
        }
        Integer bits = Integer.getInteger("vecsnn.vectorBits");
        if (bits != null && bits != 64 && bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("vecsnn.vectorBits = " + bits + ": must be 64, 128, 256 or 512");
        }
        try {
            var lookup = MethodHandles.lookup();
            Class<?> type = lookup.findClass(VECTOR_CLASS);
            return (Kernels) lookup.findConstructor(type, MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot load " + VECTOR_CLASS, t);
        }
    }

    static Kernels select(String mode) {
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "plain":
                return plain();
            case "vector":
                return vector();
            case "auto":
                if (vectorAvailable()) {
                    return vector();
                }
                System.err.println("vecsnn: jdk.incubator.vector is not present; using the plain kernels. "
                        + "Start the JVM with --add-modules jdk.incubator.vector for SIMD.");
                return plain();
            default:
                throw new IllegalArgumentException("vecsnn.kernels = " + mode + ": must be auto, vector or plain");
        }
    }

    /**
     * The twin of a model's own loops that matches {@code lanes}: {@code plain} for the plain lanes, else the
     * {@code INSTANCE} of {@code vectorClass}, loaded by name so that a JVM without the Vector API never loads it.
     * Called when a model binds, not per step.
     */
    public static <T> T twin(Lanes lanes, T plain, Class<T> type, String vectorClass) {
        if (!lanes.vectorized()) {
            return plain;
        }
        try {
            return type.cast(Class.forName(vectorClass).getField("INSTANCE").get(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("vector loops " + vectorClass + " cannot be loaded: " + e, e);
        }
    }
}
