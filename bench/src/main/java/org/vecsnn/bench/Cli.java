package org.vecsnn.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * What every {@code snn} command shares: picocli's parsing and help, one range check for numeric options, one
 * message format and the exit codes: 0 done, 1 a run that failed (or a validation that missed), 2 a usage error
 * (one line naming the option, the value and what is allowed; no stack trace).
 */
final class Cli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Cli() {}

    /**
     * The values a numeric option (or each element of a list option) may take. A value that is not a number of the
     * option's type, NaN, infinite, or outside [min, max] is a usage error.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Range {
        double min();

        double max() default Double.MAX_VALUE;

        /** Whether min itself is refused (a duration must be positive, not merely ≥ 0). */
        boolean minExclusive() default false;
    }

    /** A command line for a command object, with the shared handlers. */
    static CommandLine commandLine(Object command) {
        CommandLine line = new CommandLine(command);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setParameterExceptionHandler(Cli::usageError);
        line.setExecutionExceptionHandler(Cli::runError);
        line.setExecutionStrategy(parsed -> {
            for (CommandLine c : parsed.asCommandLineList()) {
                checkRanges(c);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return line;
    }

    /** The command's name as the user typed it: {@code snn} or {@code snn latency}. */
    static String name(CommandLine line) {
        return line.getCommandSpec().qualifiedName();
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        String message = e.getMessage();
        Range range = range(e.getArgSpec());
        if (range != null && e.getValue() != null) { // a value that is not a number of the option's type
            message = outOfRange((OptionSpec) e.getArgSpec(), e.getValue(), range);
        }
        line.getErr().println(name(line) + ": " + message + " (" + name(line) + " --help lists the options)");
        return USAGE;
    }

    /**
     * A parameter the core refuses (it names the parameter and what is allowed) is a usage error; a file that
     * cannot be written fails the run; anything else is a bug and keeps its stack trace.
     */
    private static int runError(Exception e, CommandLine line, ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException) {
            line.getErr().println(name(line) + ": " + e.getMessage());
            return USAGE;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            line.getErr().println(name(line) + ": " + e);
            return FAILED;
        }
        throw e;
    }

    private static void checkRanges(CommandLine line) {
        for (OptionSpec option : line.getParseResult().matchedOptions()) {
            Range range = range(option);
            if (range == null) {
                continue;
            }
            Object value = option.getValue();
            Collection<?> values = value instanceof Collection<?> c ? c : value.getClass().isArray()
                    ? java.util.stream.IntStream.range(0, java.lang.reflect.Array.getLength(value))
                            .mapToObj(i -> java.lang.reflect.Array.get(value, i)).toList()
                    : List.of(value);
            for (Object v : values) {
                double x = ((Number) v).doubleValue();
                boolean within = Double.isFinite(x) && (range.minExclusive() ? x > range.min() : x >= range.min())
                        && x <= range.max();
                if (!within) { // named as typed (-100, not -100.0), an element of a list by itself
                    String typed = values.size() == 1 ? option.originalStringValues().getLast() : String.valueOf(v);
                    throw new ParameterException(line, outOfRange(option, typed, range), option, typed);
                }
            }
        }
    }

    private static Range range(ArgSpec arg) {
        return arg instanceof OptionSpec && arg.userObject() instanceof Field f ? f.getAnnotation(Range.class) : null;
    }

    private static String outOfRange(OptionSpec option, String value, Range range) {
        Class<?> type = option.auxiliaryTypes()[0]; // the element type of a list option, else the option's own
        boolean whole = type != double.class && type != Double.class;
        String kind = whole ? "a whole number" : "a number";
        String min = number(range.min(), whole);
        String allowed;
        if (whole) { // with the type's own maximum: 3000000000 is refused for exceeding it
            double max = Math.min(range.max(), type == int.class || type == Integer.class ? Integer.MAX_VALUE
                    : Long.MAX_VALUE);
            allowed = "a whole number from " + number(range.minExclusive() ? range.min() + 1 : range.min(), true)
                    + " to " + number(max, true);
        } else if (range.max() == Double.MAX_VALUE) {
            allowed = "a finite number " + (range.minExclusive() ? "> " : "≥ ") + min;
        } else {
            allowed = "a number from " + min + (range.minExclusive() ? " (excluded)" : "") + " to "
                    + number(range.max(), false);
        }
        return option.longestName() + " = " + value + ": must be " + allowed;
    }

    private static String number(double x, boolean whole) {
        return whole ? Long.toString((long) x) : String.format(Locale.ROOT, "%s", x).replaceAll("\\.0$", "");
    }

    /**
     * Creates the output folder and writes a file into it before anything runs, so that an unwritable {@code --out}
     * is reported at once and not after the run. Returns the folder as an absolute path (a relative one is resolved
     * against the caller's working directory).
     */
    static Path writableFolder(CommandLine line, Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            Files.delete(Files.createTempFile(absolute, ".snn-write-check", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new ParameterException(line, "--out = " + folder + ": cannot write there ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return absolute;
    }
}
