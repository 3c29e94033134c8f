package org.vecsnn.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.synapse.SynapticInput;

/**
 * Saves the whole dynamic state of a network — the step counter, every state array, refractory counter, pending
 * arrival, kinetic channel and event, short-term plasticity state and random stream — and loads it back into a
 * network built the same way, so that the run goes on bit-identically. Monitors are saved with what they have
 * recorded, so a resumed run's monitors hold the whole run (a {@code SpikeStream} keeps its count; its file is its
 * own).
 *
 * <p>File: the magic {@code VSNNCKPT}, a format version, the payload length, the payload, and its CRC-32. The
 * payload starts with the network's structure as named entries — dt, every population with its model and
 * parameters (a Poisson source's rates), every synapse model, every projection's sizes, weight, delay, plasticity
 * and digests of its targets, per-synapse weights and delays, every current input (amplitude, samples, gap
 * junctions), every monitor — then the step and the state. Writing goes to a temporary file in the same folder,
 * forced to disk, then renamed over the target atomically, so a crash never leaves a broken checkpoint. Loading
 * reads and checks the whole file, compares the structure entry by entry (naming the first that differs), then
 * reads every part, refusing non-finite state, before it changes anything: a truncated, corrupted, foreign,
 * other-version or other-network file is refused with a message and the network is left as it was (not even
 * prepared, if it was not). Save and load take the network for the calling thread: from another thread during a
 * run they are refused (see {@link Network}).
 */
public final class Checkpoint {
    static final byte[] MAGIC = "VSNNCKPT".getBytes(StandardCharsets.US_ASCII);
    /**
     * 5: every part's state is its declared variables in declaration order (4 wrote each class's arrays by hand);
     * 4: the structure stored entry by entry, and LIF, dual-exponential and AMPA/GABA_A compensation.
     */
    static final int VERSION = 5;
    private static final int HEADER = MAGIC.length + 4 + 8;
    /** Elements digested per chunk, so that digesting 10^8 synapses needs no array of their bytes. */
    private static final int CHUNK = 1 << 13;

    private Checkpoint() {}

    /**
     * Writes the network's state to {@code file} atomically. Prepares the network if it has not run yet.
     *
     * @throws IllegalStateException while another thread steps, runs or prepares the network
     * @throws IOException naming {@code file} if it is a directory, its folder does not exist, or writing fails
     */
    public static void save(Network network, Path file) throws IOException {
        boolean entered = network.enter("save a checkpoint");
        try {
            write(network, file);
        } finally {
            network.leave(entered);
        }
    }

    private static void write(Network network, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw new IOException(file + ": is a directory: must be the path of a checkpoint file");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(file + ": folder " + dir + " does not exist: must be an existing folder");
        }
        network.prepare();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            List<String[]> structure = structure(network);
            out.writeInt(structure.size());
            for (String[] entry : structure) {
                out.writeUTF(entry[0]);
                out.writeUTF(entry[1]);
            }
            out.writeLong(network.stepIndex());
            for (Checkpointed part : parts(network)) {
                part.save(out);
            }
        }
        byte[] payload = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        header.put(MAGIC).putInt(VERSION).putLong(payload.length).flip();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, target.getFileName().toString(), ".partial");
        } catch (IOException e) {
            throw new IOException(file + ": cannot write in folder " + dir + " (" + e + ")", e);
        }
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.write(header);
                channel.write(ByteBuffer.wrap(payload));
                channel.write(ByteBuffer.allocate(8).putLong(crc.getValue()).flip());
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp); // no .partial file is left behind, whatever failed
            throw e;
        }
    }

    /**
     * Loads {@code file} into {@code network}, which must be built exactly as the saved one.
     *
     * @throws IOException naming what is wrong with the file; the network is then unchanged
     * @throws IllegalStateException while another thread steps, runs or prepares the network
     */
    public static void load(Network network, Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        load(network, all, file.toString());
    }

    static void load(Network network, byte[] all, String source) throws IOException {
        boolean entered = network.enter("load a checkpoint");
        try {
            read(network, all, source);
        } finally {
            network.leave(entered);
        }
    }

    private static void read(Network network, byte[] all, String source) throws IOException {
        if (all.length < HEADER + 8) {
            throw new IOException(source + ": " + all.length + " bytes: too short to be a vecsnn checkpoint");
        }
        ByteBuffer in = ByteBuffer.wrap(all);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException(source + ": not a vecsnn checkpoint (no VSNNCKPT magic)");
        }
        int version = in.getInt();
        if (version != VERSION) {
            throw new IOException(source + ": checkpoint format version " + version + "; this build reads version "
                    + VERSION);
        }
        long length = in.getLong();
        if (length != all.length - HEADER - 8L) {
            throw new IOException(source + ": payload of " + length + " bytes announced, " + (all.length - HEADER - 8L)
                    + " present: the file is truncated or padded");
        }
        CRC32 crc = new CRC32();
        crc.update(all, HEADER, (int) length);
        long stored = ByteBuffer.wrap(all, HEADER + (int) length, 8).getLong();
        if (crc.getValue() != stored) {
            throw new IOException(source + ": checksum mismatch: the file is corrupted");
        }
        boolean wasPrepared = network.isPrepared();
        List<Runnable> actions = new ArrayList<>();
        long step;
        try (DataInputStream data = new DataInputStream(new ByteArrayInputStream(all, HEADER, (int) length))) {
            compareStructure(data, structure(network), source);
            network.prepare(); // the parts' state (delay rings, streams, channels) exists once prepared
            step = data.readLong();
            if (step < 0) {
                throw new IOException(source + ": step " + step + " is negative");
            }
            for (Checkpointed part : parts(network)) {
                actions.add(part.load(data));
            }
            if (data.available() != 0) {
                throw new IOException(source + ": " + data.available() + " bytes left over after the last part");
            }
        } catch (IOException | RuntimeException e) {
            if (!wasPrepared) {
                network.unprepare(); // a refused load leaves the network as it was, structure still open
            }
            if (e instanceof java.io.EOFException) {
                throw new IOException(source + ": the payload ends before the network's state does", e);
            }
            if (e instanceof IOException && !e.getMessage().startsWith(source)) {
                throw new IOException(source + ": " + e.getMessage(), e);
            }
            throw e;
        }
        actions.forEach(Runnable::run);
        network.restoreStep(step);
    }

    /** Reads the saved structure and refuses it, naming the first entry that differs from {@code expected}. */
    private static void compareStructure(DataInputStream data, List<String[]> expected, String source)
            throws IOException {
        int count = data.readInt();
        if (count < 0 || count > data.available()) {
            throw new IOException(source + ": structure of " + count + " entries: out of range");
        }
        for (int k = 0; k < count; k++) {
            String key = data.readUTF();
            String value = data.readUTF();
            if (k >= expected.size()) {
                throw new IOException(source + ": written for another network: it has " + key + " = " + value
                        + ", which this network lacks");
            }
            String[] mine = expected.get(k);
            if (!mine[0].equals(key)) {
                throw new IOException(source + ": written for another network: it has " + key + " where this"
                        + " network has " + mine[0]);
            }
            if (!mine[1].equals(value)) {
                throw new IOException(source + ": written for another network: " + key + " differs: " + value
                        + " in the checkpoint, " + mine[1] + " in this network");
            }
        }
        if (count < expected.size()) {
            throw new IOException(source + ": written for another network: this network has "
                    + expected.get(count)[0] + " = " + expected.get(count)[1] + ", which the checkpoint lacks");
        }
    }

    private static List<Checkpointed> parts(Network network) {
        List<Checkpointed> parts = new ArrayList<>(network.populations());
        parts.addAll(network.projections());
        parts.addAll(network.monitors());
        return parts;
    }

    /**
     * Everything that fixes the shape and course of the run, as (name, value) entries: dt, each population's model
     * and parameters, synapse models, projections (sizes, weight, delay, plasticity, digests of targets, weights and
     * delays), current inputs and monitors. Needs no preparation.
     */
    static List<String[]> structure(Network network) {
        return describe(network, true);
    }

    /**
     * The structure without the synapses themselves (their counts and digests): the model and its parameters, the
     * same on every process of a distributed network, which holds only the synapses onto its own neurons.
     */
    public static List<String[]> model(Network network) {
        return describe(network, false);
    }

    private static List<String[]> describe(Network network, boolean synapses) {
        List<String[]> entries = new ArrayList<>();
        entries.add(new String[] {"dt (ms)", Double.toString(network.dt())});
        for (Population p : network.populations()) {
            entries.add(new String[] {"population '" + p.name() + "'", p.description()});
            p.describeParts(entries);
        }
        List<Projection> projections = network.projections();
        for (int k = 0; k < projections.size(); k++) {
            Projection p = projections.get(k);
            String key = "projection " + k + " '" + p.name() + "'";
            entries.add(new String[] {key, p.source() + " -> " + p.target().target().name() + "." + p.target().name()
                    + " from " + p.targetFrom() + (synapses ? ", " + p.synapseCount() + " synapses" : "") + ", weight "
                    + p.weight() + ", delay " + p.delaySteps() + " steps, plasticity " + p.plasticity()});
            if (!synapses) {
                continue;
            }
            entries.add(new String[] {key + " rows", digest(p.csr().rowStart())});
            entries.add(new String[] {key + " targets", digest(p.csr().targets())});
            entries.add(new String[] {key + " per-synapse weights", p.plasticity() != null
                    && p.plasticity().changesWeights() ? "plastic (saved with the state)" : digest(p.csr().weights())});
            entries.add(new String[] {key + " per-synapse delays", digest(p.csr().delays())});
        }
        List<org.vecsnn.core.input.CurrentInput> currents = network.currents();
        for (int k = 0; k < currents.size(); k++) {
            entries.add(new String[] {"current input " + k + " into '" + currents.get(k).target().name() + "'",
                    currents.get(k).description()});
        }
        List<org.vecsnn.core.monitor.Monitor> monitors = network.monitors();
        for (int k = 0; k < monitors.size(); k++) {
            entries.add(new String[] {"monitor " + k + " of '" + monitors.get(k).population().name() + "'",
                    monitors.get(k).description()});
        }
        return entries;
    }

    /** A digest of per-unit or per-synapse values for {@link #structure}: their count and CRC-32. */
    public static String digest(int[] values) {
        return values == null ? "none" : digest(values.length, i -> values[i]);
    }

    public static String digest(float[] values) {
        return values == null ? "none" : digest(values.length, i -> Float.floatToRawIntBits(values[i]));
    }

    public static String digest(short[] values) {
        return values == null ? "none" : digest(values.length, i -> values[i]);
    }

    public static String digest(double[] values) {
        return values == null ? "none" : digest(values.length, i -> Double.doubleToRawLongBits(values[i]));
    }

    private static String digest(int count, java.util.function.IntToLongFunction bits) {
        CRC32 crc = new CRC32();
        ByteBuffer chunk = ByteBuffer.allocate(8 * CHUNK);
        for (int from = 0; from < count; from += CHUNK) {
            chunk.clear();
            for (int i = from; i < Math.min(count, from + CHUNK); i++) {
                chunk.putLong(bits.applyAsLong(i));
            }
            chunk.flip();
            crc.update(chunk);
        }
        return count + " values, CRC-32 " + Long.toHexString(crc.getValue());
    }
}
