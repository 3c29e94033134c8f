package org.vecsnn.sonata;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfInvalidPathException;
import java.nio.file.Path;

/**
 * Reading SONATA's HDF5 datasets through jHDF, one slice at a time, each refused with the file, the dataset and what
 * was expected when it is missing, not one-dimensional, or of the wrong type.
 */
final class H5 implements AutoCloseable {
    /** Edges read at once: 16 MB of int64 per dataset, so a file of 10⁸ edges is never held whole. */
    static final int CHUNK = 1 << 21;
    final Path file;
    private final HdfFile hdf;

    private H5(Path file, HdfFile hdf) {
        this.file = file;
        this.hdf = hdf;
    }

    static H5 open(Path file) throws SonataFormatException {
        try {
            return new H5(file, new HdfFile(file));
        } catch (RuntimeException e) {
            throw new SonataFormatException(file, "/", "not a readable HDF5 file (" + e.getMessage() + ")");
        }
    }

    /** What jHDF reads lazily, from a file that may be truncated or corrupt anywhere. */
    @FunctionalInterface
    interface Read<T> {
        T get();
    }

    /** Runs a jHDF read of {@code path}, refusing a missing path, and anything jHDF cannot read, by name. */
    <T> T read(String path, Read<T> read) throws SonataFormatException {
        try {
            return read.get();
        } catch (HdfInvalidPathException e) {
            throw new SonataFormatException(file, path, "missing");
        } catch (RuntimeException e) { // whatever jHDF trips over in a corrupt file (HdfException, buffer bounds, …)
            throw new SonataFormatException(file, path, "cannot be read, the file may be truncated or corrupt ("
                    + e + ")");
        }
    }

    boolean has(String path) throws SonataFormatException {
        return read(path, () -> {
            try {
                hdf.getByPath(path);
                return true;
            } catch (HdfInvalidPathException e) {
                return false;
            }
        });
    }

    Node node(String path) throws SonataFormatException {
        return read(path, () -> hdf.getByPath(path));
    }

    /** The names under a group, in the file's order. */
    java.util.Set<String> children(String group) throws SonataFormatException {
        if (node(group) instanceof io.jhdf.api.Group g) {
            return read(group, () -> java.util.Set.copyOf(g.getChildren().keySet()));
        }
        throw new SonataFormatException(file, group, "must be a group");
    }

    /** A one-dimensional dataset's length, refusing a dataset of another shape. */
    long length(String path) throws SonataFormatException {
        int[] dims = dimensions(path);
        if (dims.length != 1) {
            throw new SonataFormatException(file, path, "must be one-dimensional, has shape "
                    + java.util.Arrays.toString(dims));
        }
        return dims[0];
    }

    int[] dimensions(String path) throws SonataFormatException {
        Dataset d = dataset(path);
        return read(path, d::getDimensions);
    }

    /** A whole dataset, flattened. */
    Object flat(String path) throws SonataFormatException {
        Dataset d = dataset(path);
        return read(path, d::getDataFlat);
    }

    Dataset dataset(String path) throws SonataFormatException {
        if (node(path) instanceof Dataset d) {
            return d;
        }
        throw new SonataFormatException(file, path, "must be a dataset, is a group");
    }

    /** Integers [from, from + count) of a one-dimensional dataset of any integer type. */
    long[] longs(String path, long from, int count) throws SonataFormatException {
        return integers(path, from, slice(path, from, count, "integers"));
    }

    /** Integers as jHDF returns them (any width, signed or not), from row {@code from} of {@code path}. */
    long[] integers(String path, long from, Object data) throws SonataFormatException {
        return switch (data) {
            case long[] a -> a;
            case int[] a -> java.util.Arrays.stream(a).asLongStream().toArray();
            case short[] a -> widen(a.length, i -> a[i]);
            case byte[] a -> widen(a.length, i -> a[i]);
            case java.math.BigInteger[] a -> { // uint64, as the spec declares node ids
                long[] out = new long[a.length];
                for (int i = 0; i < a.length; i++) {
                    if (a[i].bitLength() > 63) {
                        throw new SonataFormatException(file, path, from + i, a[i] + " exceeds 2^63 - 1");
                    }
                    out[i] = a[i].longValue();
                }
                yield out;
            }
            default -> throw wrongType(path, "integers", data);
        };
    }

    /** Numbers [from, from + count) of a one-dimensional floating-point dataset. */
    double[] doubles(String path, long from, int count) throws SonataFormatException {
        Object data = slice(path, from, count, "floating-point numbers");
        return switch (data) {
            case double[] a -> a;
            case float[] a -> {
                double[] d = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                    d[i] = a[i];
                }
                yield d;
            }
            default -> throw wrongType(path, "floating-point numbers", data);
        };
    }

    long[] longs(String path) throws SonataFormatException {
        return longs(path, 0, intLength(path));
    }

    double[] doubles(String path) throws SonataFormatException {
        return doubles(path, 0, intLength(path));
    }

    private int intLength(String path) throws SonataFormatException {
        long n = length(path);
        if (n > Integer.MAX_VALUE - 8) {
            throw new SonataFormatException(file, path, n + " entries: at most 2^31 - 9 are read at once");
        }
        return (int) n;
    }

    /** An integer array attribute of a node, or null when it has none. */
    long[] longAttribute(String path, String name) throws SonataFormatException {
        Node node = node(path);
        Attribute attribute = read(path + "@" + name, () -> node.getAttribute(name));
        if (attribute == null) {
            return null;
        }
        return switch (read(path + "@" + name, attribute::getData)) {
            case long[] a -> a;
            case int[] a -> java.util.Arrays.stream(a).asLongStream().toArray();
            default -> throw new SonataFormatException(file, path, "attribute '" + name + "' must be integers, is "
                    + attribute.getJavaType().getSimpleName());
        };
    }

    /** A string attribute of a node. */
    String stringAttribute(String path, String name) throws SonataFormatException {
        Node node = node(path);
        Attribute attribute = read(path + "@" + name, () -> node.getAttribute(name));
        if (attribute == null) {
            throw new SonataFormatException(file, path, "attribute '" + name + "' missing");
        }
        Object value = read(path + "@" + name, attribute::getData);
        if (value instanceof String[] a && a.length == 1) {
            value = a[0];
        }
        if (value instanceof String s) {
            return s;
        }
        throw new SonataFormatException(file, path, "attribute '" + name + "' must be a string, is "
                + attribute.getJavaType().getSimpleName());
    }

    private Object slice(String path, long from, int count, String expected) throws SonataFormatException {
        Dataset d = dataset(path);
        long n = length(path);
        Class<?> type = read(path, d::getJavaType);
        if (!(type == long.class || type == int.class || type == short.class || type == byte.class
                || type == java.math.BigInteger.class || type == double.class || type == float.class)) {
            throw new SonataFormatException(file, path, "must hold " + expected + ", holds " + type.getSimpleName());
        }
        if (count == 0) {
            return type == double.class || type == float.class ? new double[0] : new long[0];
        }
        return read(path, () -> d.getData(new long[] {from}, new int[] {(int) Math.min(count, n - from)}));
    }

    private SonataFormatException wrongType(String path, String expected, Object data) {
        return new SonataFormatException(file, path, "must hold " + expected + ", holds "
                + data.getClass().getComponentType().getSimpleName());
    }

    private static long[] widen(int n, java.util.function.IntToLongFunction value) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = value.applyAsLong(i);
        }
        return out;
    }

    @Override
    public void close() {
        hdf.close();
    }
}
