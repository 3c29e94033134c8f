package org.vecsnn.equations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vecsnn.equations.Expr.Binary;
import org.vecsnn.equations.Expr.Call;
import org.vecsnn.equations.Expr.Name;
import org.vecsnn.equations.Expr.Num;
import org.vecsnn.equations.Expr.Unary;

/**
 * Java source of a model's kernel, plain or Vector API: one pass over the neurons of a range that loads the state,
 * evaluates the update's expressions (equal subexpressions once), holds the {@code (unless refractory)} variables of
 * refractory neurons, tests the threshold, applies the reset to the neurons that spike, updates the refractory
 * counter and clears the input (if the model reads it). Both twins emit the same float operations in the same order from the same tree:
 * exp through {@link org.vecsnn.core.simd.Exp} and its vector twin, sqrt, abs, min and max as IEEE operations, and
 * the functions the Vector API cannot match bit for bit through {@link Functions} lane by lane. Expressions of
 * bind-time constants only (dt, shared parameters, the exact propagators) are evaluated once in double and read from
 * the constants array {@code k}.
 */
final class KernelSource {
    /** Everything the kernel does, in lowered expressions. */
    record Plan(List<String> arrays, Integration.Update update, Set<String> held, Expr threshold,
                List<Map.Entry<String, Expr>> reset, Expr refractoryCondition, String input, Set<String> bindTime) {}

    private final Plan plan;
    private final boolean vector;
    /** Bind-time constant expressions, by first use; both twins number them alike. */
    final List<Expr> slots = new ArrayList<>();
    private final Map<String, Integer> slotIndex = new HashMap<>();
    private final Map<Float, String> literals = new LinkedHashMap<>();
    int scratchCount;
    private int streamCount;
    private int tempCount;
    private final StringBuilder body = new StringBuilder();
    private Map<String, String> memo = new HashMap<>();
    private final Map<String, String> bound = new HashMap<>();
    private final String indent = "            ";

    private KernelSource(Plan plan, boolean vector) {
        this.plan = plan;
        this.vector = vector;
    }

    /** The source of class {@code className} (package {@code vecsnn.generated}). */
    static KernelSource generate(Plan plan, String className, boolean vector) {
        KernelSource g = new KernelSource(plan, vector);
        g.source = g.emit(className);
        return g;
    }

    String source;

    private String type() {
        return vector ? "FloatVector" : "float";
    }

    private String mask() {
        return vector ? "VectorMask<Float>" : "boolean";
    }

    private String fresh() {
        return "t" + tempCount++;
    }

    private void line(String s) {
        body.append(indent).append(s).append('\n');
    }

    private String emit(String className) {
        List<String> arrays = plan.arrays();
        // loads
        for (int a = 0; a < arrays.size(); a++) {
            String local = "x" + a;
            line(vector ? "FloatVector " + local + " = FloatVector.fromArray(FLOATS, a" + a + ", i);"
                    : "float " + local + " = a" + a + "[i];");
            bound.put(arrays.get(a), local);
        }
        for (String n : namesOf(plan.update())) {
            if (n.startsWith("_normal_")) {
                bound.put(n, random("normal", Integer.parseInt(n.substring(8))));
            }
        }
        streamCount = Math.max(streamCount, countNormals());
        // refractoriness at the step's start
        line(vector ? "IntVector ref = IntVector.fromArray(INTS, refractory, i);" : "int ref = refractory[i];");
        String held = vector ? "ref.compare(VectorOperators.GT, 0).cast(FLOATS)" : "ref > 0";
        if (plan.refractoryCondition() != null) {
            memo = new HashMap<>();
            String cond = condition(plan.refractoryCondition());
            held = vector ? "ref.compare(VectorOperators.GT, 0).cast(FLOATS).and(" + cond + ")"
                    : "ref > 0 && " + cond;
        }
        line(mask() + " held = " + held + ";");
        // the update, over the values at the step's start
        memo = new HashMap<>();
        for (Map.Entry<String, Expr> temp : plan.update().temps()) {
            bound.put(temp.getKey(), value(temp.getValue()));
        }
        Map<String, String> next = new LinkedHashMap<>();
        for (Map.Entry<String, Expr> e : plan.update().next().entrySet()) {
            next.put(e.getKey(), value(e.getValue()));
        }
        for (Map.Entry<String, String> e : next.entrySet()) {
            String name = "n" + plan.arrays().indexOf(e.getKey());
            String old = bound.get(e.getKey());
            String value = e.getValue();
            if (plan.held().contains(e.getKey())) {
                value = vector ? value + ".blend(" + old + ", held)" : "held ? " + old + " : " + value;
            }
            line(type() + " " + name + " = " + value + ";");
            bound.put(e.getKey(), name);
        }
        // threshold and reset, on the new values
        memo = new HashMap<>();
        String fire = plan.threshold() == null ? (vector ? "held.and(held.not())" : "false")
                : condition(plan.threshold());
        line(mask() + " fire = " + (vector ? fire + ".andNot(held)" : "!held && " + fire) + ";");
        if (!vector) {
            line("if (fire) {");
        }
        for (Map.Entry<String, Expr> r : plan.reset()) {
            memo = new HashMap<>();
            String value = value(r.getValue());
            String target = "r" + tempCount++;
            String old = bound.get(r.getKey());
            line(type() + " " + target + " = " + (vector ? old + ".blend(" + value + ", fire)" : value) + ";");
            if (!vector) {
                line(old + " = " + target + ";");
            } else {
                bound.put(r.getKey(), target);
            }
        }
        if (!vector) {
            line("}");
        }
        // stores: every state variable and each parameter a reset assigns
        List<String> stored = new ArrayList<>(plan.update().next().keySet());
        plan.reset().forEach(r -> {
            if (!stored.contains(r.getKey())) {
                stored.add(r.getKey());
            }
        });
        for (String s : stored) {
            int a = plan.arrays().indexOf(s);
            line(vector ? bound.get(s) + ".intoArray(a" + a + ", i);" : "a" + a + "[i] = " + bound.get(s) + ";");
        }
        boolean timed = plan.refractoryCondition() == null;
        if (vector) {
            line("VectorMask<Integer> fired = fire.cast(INTS);");
            line((timed ? "ref.sub(1).max(0).blend(hold, fired)" : "ZERO_INTS.blend(1, held.cast(INTS).or(fired))")
                    + ".intoArray(refractory, i);");
            if (plan.input() != null) {
                line("ZERO.intoArray(input, i);");
            }
            line("if (fire.anyTrue()) {");
            line("    count = VectorMath.report(fire.toLong(), i, size, spikes, count);");
            line("}");
        } else {
            line("refractory[i] = " + (timed ? "fire ? hold : Math.max(ref - 1, 0)" : "fire || held ? 1 : 0") + ";");
            if (plan.input() != null) {
                line("input[i] = 0f;");
            }
            line("if (fire && i < size) {");
            line("    spikes[count++] = i;");
            line("}");
        }
        return assemble(className);
    }

    private int countNormals() {
        int n = 0;
        for (String name : namesOf(plan.update())) {
            if (name.startsWith("_normal_")) {
                n = Math.max(n, Integer.parseInt(name.substring(8)) + 1);
            }
        }
        return n;
    }

    private static List<String> namesOf(Integration.Update u) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        u.temps().forEach(t -> Algebra.names(t.getValue(), names));
        u.next().values().forEach(e -> Algebra.names(e, names));
        return List.copyOf(names);
    }

    private String assemble(String className) {
        StringBuilder s = new StringBuilder();
        s.append("package vecsnn.generated;\n\n");
        if (vector) {
            s.append("import static org.vecsnn.core.simd.VectorMath.FLOATS;\n");
            s.append("import static org.vecsnn.core.simd.VectorMath.INTS;\n");
            s.append("import static org.vecsnn.core.simd.VectorMath.LANES;\n");
            s.append("import jdk.incubator.vector.*;\n");
            s.append("import org.vecsnn.core.simd.VectorMath;\n");
        }
        s.append("import org.vecsnn.core.simd.Exp;\nimport org.vecsnn.equations.Functions;\n\n");
        s.append("public final class ").append(className).append(" implements org.vecsnn.core.neuron.NeuronKernel {\n");
        for (int a = 0; a < plan.arrays().size(); a++) {
            s.append("    private final float[] a").append(a).append(";\n");
        }
        for (int c = 0; c < scratchCount; c++) {
            s.append("    private final float[] s").append(c).append(";\n");
        }
        s.append("    private final float[] input;\n    private final int[] refractory;\n    private final float[] k;\n");
        s.append("    private final int size;\n    private final int holdSteps;\n    private final long seed;\n");
        s.append("    private final double dt;\n");
        if (vector) {
            s.append("    private static final FloatVector ZERO = FloatVector.zero(FLOATS);\n");
            s.append("    private static final IntVector ZERO_INTS = IntVector.zero(INTS);\n");
        }
        s.append("\n    public ").append(className).append("(float[][] arrays, float[] input, int[] refractory,"
                + " float[] k, int padded, int size, int holdSteps, long seed, double dt) {\n");
        for (int a = 0; a < plan.arrays().size(); a++) {
            s.append("        a").append(a).append(" = arrays[").append(a).append("];\n");
        }
        for (int c = 0; c < scratchCount; c++) {
            s.append("        s").append(c).append(" = new float[padded];\n");
        }
        s.append("        this.input = input;\n        this.refractory = refractory;\n        this.k = k;\n");
        s.append("        this.size = size;\n        this.holdSteps = holdSteps;\n        this.seed = seed;\n");
        s.append("        this.dt = dt;\n    }\n\n");
        s.append("    @Override\n    public int step(long step, int from, int to, int[] spikes, int count) {\n");
        String bcast = vector ? "FloatVector.broadcast(FLOATS, " : "(";
        String kind = vector ? "final FloatVector " : "final float ";
        s.append("        ").append(kind).append("t = ").append(bcast).append("(float) (step * dt));\n");
        for (int j = 0; j < slots.size(); j++) {
            s.append("        ").append(kind).append("k").append(j).append(" = ").append(bcast).append("k[")
                    .append(j).append("]);\n");
        }
        for (Map.Entry<Float, String> l : literals.entrySet()) {
            s.append("        ").append(kind).append(l.getValue()).append(" = ").append(bcast)
                    .append(literal(l.getKey())).append(");\n");
        }
        s.append(vector ? "        final IntVector hold = IntVector.broadcast(INTS, holdSteps);\n"
                : "        final int hold = holdSteps;\n");
        s.append("        for (int i = from; i < to; i").append(vector ? " += LANES" : "++").append(") {\n");
        s.append(body);
        s.append("        }\n        return count;\n    }\n}\n");
        return s.toString();
    }

    private static String literal(float f) {
        if (Float.isNaN(f)) {
            return "Float.NaN";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY";
        }
        return Float.toHexString(f) + "f";
    }

    private boolean bindTime(Expr e) {
        java.util.Set<String> names = new java.util.HashSet<>();
        Algebra.names(e, names);
        if (e instanceof Call c && (c.function().equals("rand") || c.function().equals("randn"))) {
            return false;
        }
        if (e instanceof Call c && c.arguments().stream().anyMatch(a -> !bindTime(a))) {
            return false;
        }
        if (e instanceof Binary b && !(bindTime(b.left()) && bindTime(b.right()))) {
            return false;
        }
        return plan.bindTime().containsAll(names);
    }

    /** A local (or constant) holding e's value for the lanes of the iteration. */
    private String value(Expr e) {
        if (e instanceof Num n) {
            return literals.computeIfAbsent((float) n.value(), f -> "c" + literals.size());
        }
        if (e instanceof Name n && bound.containsKey(n.name())) {
            return bound.get(n.name());
        }
        if (e instanceof Name n && n.name().equals("t")) {
            return "t";
        }
        if (e instanceof Binary b && b.op().equals("/") && bindTime(b.right()) && !bindTime(b.left())) {
            // by a constant: times its reciprocal, evaluated once in double (a division in lanes costs about ten
            // multiplications; Brian2's C++ does the same under -ffast-math)
            return value(new Binary("*", b.left(), new Binary("/", Expr.num(1), b.right(), null), null));
        }
        String key = Expr.print(e);
        if (bindTime(e)) {
            return "k" + slotIndex.computeIfAbsent(key, k -> {
                slots.add(e);
                return slots.size() - 1;
            });
        }
        String known = memo.get(key);
        if (known != null) {
            return known;
        }
        String code = switch (e) {
            case Unary u -> vector ? value(u.operand()) + ".neg()" : "-" + value(u.operand());
            case Binary b -> binary(b);
            case Call c -> call(c);
            case Name n -> throw new IllegalStateException("unbound name " + n.name());
            case Num n -> throw new IllegalStateException();
        };
        String local = fresh();
        line(type() + " " + local + " = " + code + ";");
        memo.put(key, local);
        return local;
    }

    private String binary(Binary b) {
        if (b.op().equals("**")) {
            return power(b);
        }
        if (b.op().equals("%")) {
            return byLane("mod", List.of(b.left(), b.right()));
        }
        String l = value(b.left());
        String r = value(b.right());
        String method = switch (b.op()) {
            case "+" -> "add";
            case "-" -> "sub";
            case "*" -> "mul";
            case "/" -> "div";
            default -> throw new IllegalStateException(b.op());
        };
        return vector ? l + "." + method + "(" + r + ")" : l + " " + b.op() + " " + r;
    }

    /** x**n for a whole n up to 8 in size by multiplications (left to right), x**0.5 as sqrt, else pow by lane. */
    private String power(Binary b) {
        if (b.right() instanceof Num n && n.value() == Math.rint(n.value()) && Math.abs(n.value()) <= 8
                && n.value() != 0) {
            String x = value(b.left());
            String p = x;
            for (int k = 1; k < Math.abs(n.value()); k++) {
                String q = fresh();
                line(type() + " " + q + " = " + (vector ? p + ".mul(" + x + ")" : p + " * " + x) + ";");
                p = q;
            }
            if (n.value() < 0) {
                String one = value(Expr.num(1));
                return vector ? one + ".div(" + p + ")" : one + " / " + p;
            }
            return p;
        }
        if (b.right() instanceof Num n && n.value() == 0.5) {
            return call(new Call("sqrt", List.of(b.left()), null));
        }
        return byLane("pow", List.of(b.left(), b.right()));
    }

    private String call(Call c) {
        List<Expr> a = c.arguments();
        return switch (c.function()) {
            case "exp" -> vector ? inlineExp(value(a.getFirst()), false) : "Exp.exp(" + value(a.getFirst()) + ")";
            case "sqrt" -> vector ? value(a.getFirst()) + ".lanewise(VectorOperators.SQRT)"
                    : "(float) Math.sqrt(" + value(a.getFirst()) + ")";
            case "abs" -> vector ? value(a.getFirst()) + ".abs()" : "Math.abs(" + value(a.getFirst()) + ")";
            case "clip" -> {
                String x = value(a.get(0));
                String lo = value(a.get(1));
                String hi = value(a.get(2));
                yield vector ? x + ".max(" + lo + ").min(" + hi + ")" : "Math.min(Math.max(" + x + ", " + lo + "), "
                        + hi + ")";
            }
            case "sign" -> {
                String x = value(a.getFirst());
                yield vector ? x + ".blend(1f, " + x + ".compare(VectorOperators.GT, 0f)).blend(-1f, " + x
                        + ".compare(VectorOperators.LT, 0f))" : "Math.signum(" + x + ")";
            }
            case "exprel" -> {
                String x = value(a.getFirst());
                yield vector ? inlineExp(x, true) + ".div(" + x + ").blend(1f, " + x
                        + ".compare(VectorOperators.EQ, 0f))" : "Functions.exprel(" + x + ")";
            }
            case "rand" -> random("uniform", streamCount++);
            case "randn" -> random("normal", streamCount++);
            case "int" -> byLane("trunc", a);
            default -> byLane(c.function(), a);
        };
    }

    /**
     * {@code Exp.exp(x)} or {@code Exp.expm1(x)} lane by lane, the operations of {@code VectorMath.exp} and
     * {@code expm1} written out in the kernel: called as helpers, their vectors are boxed whenever C2 compiled the
     * helper on its own first (see {@code VectorMath.expLanes}), which made a Hodgkin–Huxley step 2.6 times slower.
     */
    private String inlineExp(String x, boolean minusOne) {
        String p = "e" + tempCount++ + "_";
        line("FloatVector " + p + "xc = " + x + (minusOne ? ".min(Exp.EXPM1_LIMIT).max(-Exp.EXPM1_LIMIT);"
                : ".min(Exp.EXP_MAX).max(Exp.EXP_MIN);"));
        line("FloatVector " + p + "t = " + p + "xc.fma(Exp.LOG2E, Exp.ROUNDER);");
        line("FloatVector " + p + "nk = " + p + "t.sub(Exp.ROUNDER).neg();");
        line("FloatVector " + p + "r = " + p + "nk.fma(VectorMath.LN2_LO, " + p + "nk.fma(VectorMath.LN2_HI, " + p
                + "xc));");
        line("FloatVector " + p + "q = " + p + "r.mul(" + p + "r).fma(" + p + "r.fma(Exp.C7, Exp.C6).fma(" + p
                + "r, VectorMath.C5).fma(" + p + "r, VectorMath.C4).fma(" + p + "r, VectorMath.C3).fma(" + p
                + "r, VectorMath.C2), " + p + "r);");
        line("IntVector " + p + "k = " + p + "t.reinterpretAsInts().sub(Exp.ROUNDER_BITS);");
        if (minusOne) {
            line("FloatVector " + p + "s = " + p + "k.add(127).lanewise(VectorOperators.LSHL, 23)"
                    + ".reinterpretAsFloats();");
            return p + "s.fma(" + p + "q, " + p + "s.sub(1f))";
        }
        line("IntVector " + p + "k1 = " + p + "k.lanewise(VectorOperators.ASHR, 1);");
        line("FloatVector " + p + "s1 = " + p + "k1.add(127).lanewise(VectorOperators.LSHL, 23)"
                + ".reinterpretAsFloats();");
        line("FloatVector " + p + "s2 = " + p + "k.sub(" + p + "k1).add(127).lanewise(VectorOperators.LSHL, 23)"
                + ".reinterpretAsFloats();");
        return p + "s1.fma(" + p + "q, " + p + "s1).mul(" + p + "s2)";
    }

    /** A random number per lane: stream {@code stream} of the model's counter-based generator. */
    private String random(String kind, int stream) {
        if (!vector) {
            return "Functions." + kind + "(seed, step, i, " + stream + ")";
        }
        int s = scratchCount++;
        line("for (int l = 0; l < LANES; l++) {");
        line("    s" + s + "[i + l] = Functions." + kind + "(seed, step, i + l, " + stream + ");");
        line("}");
        return "FloatVector.fromArray(FLOATS, s" + s + ", i)";
    }

    /** A function of {@link Functions} applied lane by lane (through scratch arrays in the vector twin). */
    private String byLane(String function, List<Expr> args) {
        List<String> values = args.stream().map(this::value).toList();
        if (!vector) {
            return "Functions." + function + "(" + String.join(", ", values) + ")";
        }
        List<String> arrays = new ArrayList<>();
        for (String v : values) {
            int s = scratchCount++;
            line(v + ".intoArray(s" + s + ", i);");
            arrays.add("s" + s);
        }
        line("for (int l = i; l < i + LANES; l++) {");
        line("    " + arrays.getFirst() + "[l] = Functions." + function + "("
                + String.join(", ", arrays.stream().map(x -> x + "[l]").toList()) + ");");
        line("}");
        return "FloatVector.fromArray(FLOATS, " + arrays.getFirst() + ", i)";
    }

    /** A local holding a condition (boolean, or a mask of lanes). */
    private String condition(Expr e) {
        String code = switch (e) {
            case Binary b when Expr.comparison(b.op()) -> {
                String l = value(b.left());
                String r = value(b.right());
                String op = switch (b.op()) {
                    case "<" -> "LT";
                    case "<=" -> "LE";
                    case ">" -> "GT";
                    case ">=" -> "GE";
                    case "==" -> "EQ";
                    default -> "NE";
                };
                yield vector ? l + ".compare(VectorOperators." + op + ", " + r + ")" : l + " " + b.op() + " " + r;
            }
            case Binary b -> {
                String l = condition(b.left());
                String r = condition(b.right());
                yield vector ? l + "." + b.op() + "(" + r + ")" : l + (b.op().equals("and") ? " && " : " || ") + r;
            }
            case Unary u -> vector ? condition(u.operand()) + ".not()" : "!" + condition(u.operand());
            default -> throw new IllegalStateException("not a condition: " + Expr.print(e));
        };
        String local = fresh();
        line(mask() + " " + local + " = " + code + ";");
        return local;
    }
}
