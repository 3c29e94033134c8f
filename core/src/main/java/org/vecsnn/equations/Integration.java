package org.vecsnn.equations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Integrators as symbolic update descriptions, as Brian2's state updaters: from the right-hand sides f (lowered, one
 * per differential variable) an ordered list of temporaries and each variable's next value, every expression over
 * the values at the step's start. Noise: a term linear in {@code xi} (coefficient g) contributes g·dW with
 * dW = √dt·n, n a standard normal number per neuron and step ({@code _normal_k}).
 *
 * <ul>
 *   <li>euler: {@code x + dt·f(x) + g(x)·dW} (Euler–Maruyama; additive noise only, as Brian2's)</li>
 *   <li>rk2: {@code k = dt·f(x); x + dt·f(x + k/2, t + dt/2)}</li>
 *   <li>rk4: the classical four stages</li>
 *   <li>heun (Brian2's stochastic Heun): {@code x* = x + g(x)·dW; x + dt·f(x) + ½·dW·(g(x) + g(x*, t + dt))}</li>
 *   <li>exponential_euler: {@code f = A·x + B} with A, B free of x (found by differentiation);
 *       {@code x + dt·B} if A = 0, else {@code (x + B/A)·e^(A·dt) − B/A}</li>
 *   <li>exact: linear systems with constant coefficients, {@code x' = J·x + b}: {@code x ← x + ((P − I)·x + Q·b)} with
 *       {@code P = e^(J·dt)}, {@code Q = ∫₀^dt e^(J·s) ds} computed at bind time in double</li>
 * </ul>
 */
final class Integration {
    /** An update: temporaries in order, then each variable's next value; {@code jacobian} set for exact. */
    record Update(String method, List<Map.Entry<String, Expr>> temps, Map<String, Expr> next, List<String> states,
                  Expr[][] jacobian) {}

    static final List<String> METHODS = List.of("euler", "rk2", "rk4", "heun", "exponential_euler", "exact");

    private final Map<String, Expr> f;
    /** Names that are bind-time constants besides numbers and dt (shared parameters). */
    private final Set<String> shared;
    private final List<String> noises = new ArrayList<>();
    private final Map<String, Expr> drift = new LinkedHashMap<>();
    /** Per variable, per noise: the coefficient of xi. */
    private final Map<String, Map<String, Expr>> diffusion = new LinkedHashMap<>();

    Integration(Map<String, Expr> f, Set<String> shared) {
        this.f = f;
        this.shared = shared;
        Set<String> all = new LinkedHashSet<>();
        f.values().forEach(e -> Algebra.names(e, all));
        all.stream().filter(n -> n.startsWith("xi")).forEach(noises::add);
        Map<String, Expr> zeros = new HashMap<>();
        noises.forEach(n -> zeros.put(n, Expr.num(0)));
        for (Map.Entry<String, Expr> e : f.entrySet()) {
            drift.put(e.getKey(), Algebra.simplify(Algebra.substitute(e.getValue(), zeros)));
            Map<String, Expr> g = new LinkedHashMap<>();
            for (String n : noises) {
                Expr d = Algebra.derivative(e.getValue(), n);
                if (d == null || Algebra.contains(d, n)) {
                    throw new IllegalArgumentException("the noise term " + noiseName(n) + " must appear linearly"
                            + " in d" + e.getKey() + "/dt (as sigma*xi); found '" + Expr.print(e.getValue()) + "'");
                }
                if (!Algebra.isZero(d)) {
                    g.put(n, d);
                }
            }
            diffusion.put(e.getKey(), g);
        }
    }

    private static String noiseName(String n) {
        return n.startsWith("xi@") ? "xi" : n;
    }

    boolean stochastic() {
        return !noises.isEmpty();
    }

    /** Whether a coefficient of noise depends on a state variable (Brian2: multiplicative noise). */
    boolean multiplicative() {
        for (Map<String, Expr> g : diffusion.values()) {
            for (Expr e : g.values()) {
                for (String x : f.keySet()) {
                    if (Algebra.contains(e, x)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The update of {@code f} by {@code method} (null: Brian2's default choice), or an error saying why the method
     * cannot apply.
     */
    static Update of(Map<String, Expr> f, Set<String> shared, String method) {
        try {
            Integration integration = new Integration(f, shared);
            return method == null ? integration.chooseDefault() : integration.update(method);
        } catch (IllegalArgumentException e) {
            throw new EquationException("method: " + e.getMessage(), 0, 0);
        }
    }

    /** exact's propagators at {@code dt} (none for the other methods), its Jacobian evaluated with {@code values}. */
    static Map<String, Double> propagators(Update update, Map<String, Double> values, double dt) {
        if (update.jacobian() == null) {
            return Map.of();
        }
        int n = update.states().size();
        double[][] j = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int c = 0; c < n; c++) {
                j[a][c] = Algebra.evaluate(update.jacobian()[a][c], values);
            }
        }
        return propagators(j, dt);
    }

    /** Brian2's default: exact if it applies, else euler, else heun. */
    Update chooseDefault() {
        if (whyNotExact() == null) {
            return update("exact");
        }
        return update(!multiplicative() ? "euler" : "heun");
    }

    Update update(String method) {
        return switch (method) {
            case "euler" -> {
                if (multiplicative()) {
                    throw new IllegalArgumentException("method 'euler' integrates additive noise only, and the"
                            + " noise here is multiplicative (its coefficient depends on a state variable); use"
                            + " 'heun'");
                }
                yield euler();
            }
            case "rk2", "rk4" -> {
                deterministic(method);
                yield rungeKutta(method);
            }
            case "heun" -> heun();
            case "exponential_euler" -> {
                deterministic(method);
                yield exponentialEuler();
            }
            case "exact" -> {
                String why = whyNotExact();
                if (why != null) {
                    throw new IllegalArgumentException("method 'exact' cannot integrate these equations: " + why);
                }
                yield exact();
            }
            default -> throw new IllegalArgumentException("method = '" + method + "': must be one of "
                    + String.join(", ", METHODS) + " (or none: Brian2's default choice)");
        };
    }

    private void deterministic(String method) {
        if (stochastic()) {
            throw new IllegalArgumentException("method '" + method + "' cannot integrate stochastic equations (xi);"
                    + " use 'euler' (additive noise) or 'heun'");
        }
    }

    private static Expr name(String n) {
        return Expr.name(n);
    }

    private Expr dt() {
        return name("dt");
    }

    /** √dt·n_k for noise k. */
    private Expr dW(String noise) {
        return Algebra.mul(new Expr.Call("sqrt", List.of(dt()), null), name("_normal_" + noises.indexOf(noise)));
    }

    private Expr noiseTerm(Map<String, Expr> g, Map<String, Expr> at) {
        Expr sum = Expr.num(0);
        for (Map.Entry<String, Expr> e : g.entrySet()) {
            sum = Algebra.add(sum, Algebra.mul(Algebra.substitute(e.getValue(), at), dW(e.getKey())));
        }
        return sum;
    }

    private Update euler() {
        Map<String, Expr> next = new LinkedHashMap<>();
        for (String x : f.keySet()) {
            next.put(x, Algebra.add(Algebra.add(name(x), Algebra.mul(dt(), drift.get(x))),
                    noiseTerm(diffusion.get(x), Map.of())));
        }
        return new Update("euler", List.of(), next, List.copyOf(f.keySet()), null);
    }

    /** f at the state x + shift (per variable) and time t + tShift·dt. */
    private Expr at(Expr fx, Map<String, Expr> shift, double tShift) {
        Map<String, Expr> values = new HashMap<>();
        for (Map.Entry<String, Expr> s : shift.entrySet()) {
            values.put(s.getKey(), Algebra.add(name(s.getKey()), s.getValue()));
        }
        if (tShift != 0) {
            values.put("t", Algebra.add(name("t"), Algebra.mul(Expr.num(tShift), dt())));
        }
        return Algebra.substitute(fx, values);
    }

    private Update rungeKutta(String method) {
        List<Map.Entry<String, Expr>> temps = new ArrayList<>();
        Map<String, Expr> next = new LinkedHashMap<>();
        Map<String, Expr> k1 = stage(temps, "_k1_", Map.of(), 0);
        if (method.equals("rk2")) {
            for (String x : f.keySet()) {
                next.put(x, Algebra.add(name(x), Algebra.mul(dt(), at(f.get(x), halves(k1), 0.5))));
            }
            return new Update("rk2", temps, next, List.copyOf(f.keySet()), null);
        }
        Map<String, Expr> k2 = stage(temps, "_k2_", halves(k1), 0.5);
        Map<String, Expr> k3 = stage(temps, "_k3_", halves(k2), 0.5);
        Map<String, Expr> k4 = stage(temps, "_k4_", k3, 1);
        for (String x : f.keySet()) {
            Expr sum = Algebra.add(Algebra.add(Algebra.add(k1.get(x), Algebra.mul(Expr.num(2), k2.get(x))),
                    Algebra.mul(Expr.num(2), k3.get(x))), k4.get(x));
            next.put(x, Algebra.add(name(x), Algebra.div(sum, Expr.num(6))));
        }
        return new Update("rk4", temps, next, List.copyOf(f.keySet()), null);
    }

    /** Temporaries {@code prefix+x = dt·f(x + shift)}; answers their names. */
    private Map<String, Expr> stage(List<Map.Entry<String, Expr>> temps, String prefix, Map<String, Expr> shift,
                                    double tShift) {
        Map<String, Expr> out = new LinkedHashMap<>();
        for (String x : f.keySet()) {
            temps.add(Map.entry(prefix + x, Algebra.mul(dt(), at(f.get(x), shift, tShift))));
            out.put(x, name(prefix + x));
        }
        return out;
    }

    private static Map<String, Expr> halves(Map<String, Expr> k) {
        Map<String, Expr> out = new LinkedHashMap<>();
        k.forEach((x, e) -> out.put(x, Algebra.div(e, Expr.num(2))));
        return out;
    }

    private Update heun() {
        List<Map.Entry<String, Expr>> temps = new ArrayList<>();
        Map<String, Expr> support = new LinkedHashMap<>();
        for (String x : f.keySet()) {
            temps.add(Map.entry("_support_" + x, noiseTerm(diffusion.get(x), Map.of())));
            support.put(x, name("_support_" + x));
        }
        Map<String, Expr> next = new LinkedHashMap<>();
        for (String x : f.keySet()) {
            Expr noise = Expr.num(0);
            for (Map.Entry<String, Expr> g : diffusion.get(x).entrySet()) {
                Expr both = Algebra.add(g.getValue(), at(g.getValue(), support, 1));
                noise = Algebra.add(noise, Algebra.mul(Algebra.mul(Expr.num(0.5), dW(g.getKey())), both));
            }
            next.put(x, Algebra.add(Algebra.add(name(x), Algebra.mul(dt(), drift.get(x))), noise));
        }
        return new Update("heun", temps, next, List.copyOf(f.keySet()), null);
    }

    /** The reason exponential Euler cannot separate x in f, or null. */
    private static String whyNotConditionallyLinear(String x, Expr fx) {
        Expr a = Algebra.derivative(fx, x);
        if (a == null || Algebra.contains(a, x)) {
            return "d" + x + "/dt = " + Expr.print(fx) + " is not linear in " + x + " (the terms "
                    + Algebra.termsWith(fx, x).stream().map(Expr::print).toList() + " are not of the form A*" + x
                    + " with A free of " + x + ")";
        }
        return null;
    }

    private Update exponentialEuler() {
        List<Map.Entry<String, Expr>> temps = new ArrayList<>();
        Map<String, Expr> next = new LinkedHashMap<>();
        for (String x : f.keySet()) {
            String why = whyNotConditionallyLinear(x, f.get(x));
            if (why != null) {
                throw new IllegalArgumentException("method 'exponential_euler' needs equations linear in their own"
                        + " variable: " + why + "; use 'euler', 'rk2' or 'rk4'");
            }
            next.put(x, exponentialStep(temps, x, f.get(x)));
        }
        return new Update("exponential_euler", temps, next, List.copyOf(f.keySet()), null);
    }

    private Expr exponentialStep(List<Map.Entry<String, Expr>> temps, String x, Expr fx) {
        Expr a = Algebra.derivative(fx, x);
        Expr b = Algebra.simplify(Algebra.substitute(fx, Map.of(x, Expr.num(0))));
        if (Algebra.isZero(a)) {
            return Algebra.add(name(x), Algebra.mul(dt(), b));
        }
        Expr decay = new Expr.Call("exp", List.of(Algebra.mul(a, dt())), null);
        if (Algebra.isZero(b)) {
            return Algebra.mul(name(x), decay);
        }
        // (x + B/A)·e^(A·dt) − B/A as the increment x + dt·(A·x + B)·exprel(A·dt): the same step, but in float the
        // first form cancels where x is far below its fixed point −B/A (a synapse's rise: 5e-5 of GABA_B's peak)
        Expr rate = Algebra.add(Algebra.mul(a, name(x)), b);
        Expr gain = Algebra.mul(dt(), new Expr.Call("exprel", List.of(Algebra.mul(a, dt())), null));
        return Algebra.add(name(x), Algebra.mul(rate, gain));
    }

    /** Why exact does not apply (null if it does). */
    String whyNotExact() {
        if (stochastic()) {
            return "the equations are stochastic (xi)";
        }
        List<String> states = List.copyOf(f.keySet());
        boolean constant = true;
        boolean diagonal = true;
        for (String xi : states) {
            if (Algebra.contains(f.get(xi), "t")) {
                return "d" + xi + "/dt depends on the time t";
            }
            for (String xj : states) {
                Expr d = Algebra.derivative(f.get(xi), xj);
                if (d == null) {
                    return "d" + xi + "/dt = " + Expr.print(f.get(xi)) + " is not linear in " + xj;
                }
                Set<String> names = new LinkedHashSet<>();
                Algebra.names(d, names);
                for (String n : names) {
                    if (states.contains(n)) {
                        return "d" + xi + "/dt = " + Expr.print(f.get(xi)) + " is not linear: the coefficient of "
                                + xj + " is " + Expr.print(d) + ", which depends on the state variable " + n;
                    }
                    if (!shared.contains(n)) {
                        constant = false;
                    }
                }
                if (!xi.equals(xj) && !Algebra.isZero(d)) {
                    diagonal = false;
                }
            }
        }
        if (!constant && !diagonal) {
            return "the coefficients of the coupled linear system depend on per-neuron values, and the propagator"
                    + " is computed once at bind time; make them constants or (shared) parameters";
        }
        return null;
    }

    /**
     * Uncoupled equations, or coefficients that vary per neuron: each equation alone is x' = A·x + B with A and B
     * constant over the step, whose exact solution is exponential Euler's formula.
     */
    private Update exact() {
        List<String> states = List.copyOf(f.keySet());
        int n = states.size();
        Expr[][] jacobian = new Expr[n][n];
        boolean constant = true;
        boolean diagonal = true;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                jacobian[i][j] = Algebra.derivative(f.get(states.get(i)), states.get(j));
                Set<String> names = new LinkedHashSet<>();
                Algebra.names(jacobian[i][j], names);
                constant &= shared.containsAll(names);
                diagonal &= i == j || Algebra.isZero(jacobian[i][j]);
            }
        }
        if (diagonal && !constant) {
            List<Map.Entry<String, Expr>> temps = new ArrayList<>();
            Map<String, Expr> next = new LinkedHashMap<>();
            for (String x : states) {
                next.put(x, exponentialStep(temps, x, f.get(x)));
            }
            return new Update("exact", temps, next, states, null);
        }
        Map<String, Expr> zeros = new HashMap<>();
        states.forEach(x -> zeros.put(x, Expr.num(0)));
        Expr[] b = new Expr[n];
        for (int j = 0; j < n; j++) {
            b[j] = Algebra.simplify(Algebra.substitute(f.get(states.get(j)), zeros));
        }
        boolean[][] reach = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                reach[i][j] = i == j || !Algebra.isZero(jacobian[i][j]);
            }
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    reach[i][j] |= reach[i][k] && reach[k][j];
                }
            }
        }
        // x + ((P − I)·x + Q·b): the increment is small and carries the rounding, where P·x + Q·b would cancel
        // two large terms near a fixed point (float P's rounding over 1 − P)
        Map<String, Expr> next = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Expr sum = Expr.num(0);
            for (int j = 0; j < n; j++) {
                if (reach[i][j]) {
                    sum = Algebra.add(sum, Algebra.mul(name("_M_" + i + "_" + j), name(states.get(j))));
                }
            }
            for (int j = 0; j < n; j++) {
                if (reach[i][j] && !Algebra.isZero(b[j])) {
                    sum = Algebra.add(sum, Algebra.mul(name("_Q_" + i + "_" + j), b[j]));
                }
            }
            next.put(states.get(i), Algebra.add(name(states.get(i)), sum));
        }
        return new Update("exact", List.of(), next, states, jacobian);
    }

    /**
     * The propagators of exact at {@code dt} for the Jacobian's values: {@code _M_i_j} (P − I) and {@code _Q_i_j}, from the
     * exponential of the augmented matrix {@code [[J·dt, I·dt], [0, 0]]} = {@code [[P, Q], [0, I]]}.
     */
    static Map<String, Double> propagators(double[][] jacobian, double dt) {
        int n = jacobian.length;
        double[][] m = new double[2 * n][2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = jacobian[i][j] * dt;
            }
            m[i][n + i] = dt;
        }
        double[][] e = expm(m);
        Map<String, Double> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out.put("_M_" + i + "_" + j, e[i][j] - (i == j ? 1 : 0));
                out.put("_Q_" + i + "_" + j, e[i][n + j]);
            }
        }
        return out;
    }

    /** e^m by scaling and squaring with a Taylor series, in double. */
    static double[][] expm(double[][] m) {
        int n = m.length;
        double norm = 0;
        for (double[] row : m) {
            double s = 0;
            for (double x : row) {
                s += Math.abs(x);
            }
            norm = Math.max(norm, s);
        }
        int squarings = Math.max(0, (int) Math.ceil(Math.log(norm / 0.25) / Math.log(2)));
        double scale = Math.pow(2, -squarings);
        double[][] a = new double[n][n];
        double[][] sum = new double[n][n];
        double[][] term = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = m[i][j] * scale;
            }
            sum[i][i] = 1;
            term[i][i] = 1;
        }
        for (int k = 1; k <= 18; k++) {
            term = product(term, a);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    term[i][j] /= k;
                    sum[i][j] += term[i][j];
                }
            }
        }
        for (int s = 0; s < squarings; s++) {
            sum = product(sum, sum);
        }
        return sum;
    }

    private static double[][] product(double[][] x, double[][] y) {
        int n = x.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    out[i][j] += x[i][k] * y[k][j];
                }
            }
        }
        return out;
    }
}
