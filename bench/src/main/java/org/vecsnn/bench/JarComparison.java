package org.vecsnn.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Two builds of the core stepping the same network in one JVM, in alternating rounds, so that the machine's drift
 * (on this VM the speed of a core changes by 20–40 % from one second to the next) falls on both alike: the median of
 * the rounds' time ratios, with its quartiles, is the speed change. Each build is loaded from its own jar (for
 * example {@code bench/target/benchmarks.jar} of two commits) through its own class loader and driven by reflection
 * through the API both share.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.vecsnn.bench.JarComparison \
 *     OLD.jar NEW.jar [--network coba|cuba|cobahh|microcircuit] [--n 4000] [--scale 0.1] [--drive dc|poisson]
 *     [--threads 1]
 *     [--rounds 40] [--steps 1000] [--warmup 20000] [--api runSteps|step]
 *     [--bench NeuronModelBenchmark --param model=hh --param method=RK4 …]
 * </pre>
 */
public final class JarComparison {
    private JarComparison() {}

    /**
     * One build's network, stepped through its own {@code Network.runSteps}, or one {@code Network.step()} call at
     * a time (the embedding API) when {@code step} is given.
     */
    private record Build(String label, Object network, Method runSteps, Object silent, Method step) {
        double secondsFor(long steps) throws ReflectiveOperationException {
            long start = System.nanoTime();
            if (step == null) {
                runSteps.invoke(network, steps, silent);
            } else {
                for (long k = 0; k < steps; k++) {
                    step.invoke(network);
                }
            }
            return (System.nanoTime() - start) * 1e-9;
        }

        long stepIndex() throws ReflectiveOperationException {
            return runSteps == null ? -1 : (long) network.getClass().getMethod("stepIndex").invoke(network);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: JarComparison OLD.jar NEW.jar [--network NAME] [--n N] [--scale S] [--drive D]"
                    + " [--api step] [--threads T] [--rounds R] [--steps S] [--warmup W]");
            System.exit(2);
        }
        String network = "coba";
        int n = 4000;
        double scale = 0.1;
        String drive = "DC";
        int threads = 1;
        int rounds = 40;
        long steps = 1000;
        long warmup = 20_000;
        boolean oneByOne = false;
        String bench = null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 2; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--network" -> network = value;
                case "--n" -> n = Integer.parseInt(value);
                case "--scale" -> scale = Double.parseDouble(value);
                case "--drive" -> drive = value.toUpperCase(java.util.Locale.ROOT);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--steps" -> steps = Long.parseLong(value);
                case "--warmup" -> warmup = Long.parseLong(value);
                case "--api" -> oneByOne = value.equals("step");
                case "--bench" -> bench = value;
                case "--param" -> {
                    int eq = value.indexOf('=');
                    params.put(value.substring(0, eq), value.substring(eq + 1));
                }
                default -> {
                    System.err.println("JarComparison: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        Build[] builds = new Build[2];
        for (int b = 0; b < 2; b++) {
            builds[b] = bench != null ? loadBenchmark(Path.of(args[b]), bench, params)
                    : load(Path.of(args[b]), network, n, scale, drive, threads, oneByOne);
        }
        for (Build build : builds) {
            build.secondsFor(warmup);
        }
        double[][] seconds = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int b = (r + k) % 2; // alternate which build goes first
                seconds[b][r] = builds[b].secondsFor(steps);
            }
        }
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = seconds[1][r] / seconds[0][r];
        }
        System.out.printf(Locale.ROOT, "%s, %d thread(s), %s: %d rounds of %d steps after %d%n",
                bench != null ? bench + " " + params : network, threads,
                oneByOne || bench != null ? "step() by step()" : "runSteps", rounds, steps, warmup);
        for (int b = 0; b < 2; b++) {
            System.out.printf(Locale.ROOT, "  %-40s median %.3f µs per step (quartiles %.3f – %.3f)%n",
                    builds[b].label(), quantile(seconds[b], 0.5) * 1e6 / steps,
                    quantile(seconds[b], 0.25) * 1e6 / steps,
                    quantile(seconds[b], 0.75) * 1e6 / steps);
        }
        System.out.printf(Locale.ROOT, "  new / old: median %.3f (quartiles %.3f – %.3f)%n", quantile(ratio, 0.5),
                quantile(ratio, 0.25), quantile(ratio, 0.75));
        if (builds[0].stepIndex() != builds[1].stepIndex()) {
            throw new IllegalStateException("the builds stepped different numbers of steps");
        }
    }

    private static Build load(Path jar, String network, int n, double scale, String drive, int threads,
                              boolean oneByOne)
            throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + ": no such jar");
        }
        ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Class<?> kernelsType = loader.loadClass("org.vecsnn.core.simd.Kernels");
        Object kernels = loader.loadClass("org.vecsnn.core.simd.KernelProvider").getMethod("get").invoke(null);
        Object built;
        if (network.equals("microcircuit")) {
            Class<?> microcircuit = networkClass(loader, "Microcircuit");
            Class<?> drives = networkClass(loader, "Microcircuit$Drive");
            Object chosen = Arrays.stream(drives.getEnumConstants()).filter(d -> d.toString().equals(drive))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--drive " + drive + ": dc or poisson"));
            built = microcircuit.getMethod("build", double.class, double.class, long.class, kernelsType, drives)
                    .invoke(null, scale, 0.1, 1L, kernels, chosen);
        } else {
            built = networkClass(loader, "BenchmarkNetworks")
                    .getMethod("byName", String.class, int.class, double.class, long.class, kernelsType)
                    .invoke(null, network, n, 0.1, 1L, kernels);
        }
        Object net = built.getClass().getMethod("network").invoke(built);
        net.getClass().getMethod("threads", int.class).invoke(net, threads);
        Class<?> progress = loader.loadClass("org.vecsnn.core.ProgressListener");
        Object silent = progress.getField("SILENT").get(null);
        return new Build(jar.toString(), net, net.getClass().getMethod("runSteps", long.class, progress), silent,
                oneByOne ? net.getClass().getMethod("step") : null);
    }

    /**
     * A JMH suite's state from {@code jar} ({@code org.vecsnn.bench.jmh.NAME}), its {@code @Param} fields set from
     * {@code params} and its {@code @Setup} run, stepped by calling its {@code @Benchmark} method: the suites of two
     * builds timed alternately in one JVM, as the networks are.
     */
    private static Build loadBenchmark(Path jar, String name, Map<String, String> params) throws Exception {
        ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> type = loader.loadClass("org.vecsnn.bench.jmh." + name);
        @SuppressWarnings("unchecked")
        Class<? extends java.lang.annotation.Annotation> setup = (Class<? extends java.lang.annotation.Annotation>)
                loader.loadClass("org.openjdk.jmh.annotations.Setup");
        @SuppressWarnings("unchecked")
        Class<? extends java.lang.annotation.Annotation> benchmark = (Class<? extends java.lang.annotation.Annotation>)
                loader.loadClass("org.openjdk.jmh.annotations.Benchmark");
        Object state = type.getDeclaredConstructor().newInstance();
        for (Map.Entry<String, String> p : params.entrySet()) {
            java.lang.reflect.Field f = type.getDeclaredField(p.getKey());
            f.setAccessible(true);
            f.set(state, parse(f.getType(), p.getValue()));
        }
        Method step = null;
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(setup)) {
                m.invoke(state);
            }
            if (m.isAnnotationPresent(benchmark)) {
                step = m;
            }
        }
        if (step == null) {
            throw new IllegalArgumentException(name + ": no @Benchmark method");
        }
        return new Build(jar.toString(), state, null, null, step);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Class<?> type, String value) {
        if (type == int.class) {
            return Integer.parseInt(value);
        }
        if (type.isEnum()) {
            return Enum.valueOf((Class) type, value);
        }
        return value;
    }

    /** A class of the standard networks, in its package since the open-core redesign or in the one before it. */
    private static Class<?> networkClass(ClassLoader loader, String name) throws ClassNotFoundException {
        try {
            return loader.loadClass("org.vecsnn.networks." + name);
        } catch (ClassNotFoundException before) {
            return loader.loadClass("org.vecsnn.core." + "networks." + name);
        }
    }

    /** The q-quantile of {@code values}, interpolated between the two nearest ranks ({@code values} unchanged). */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
