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
 * <p>File: the magic {@code VSNNCKPT}, a format version, a fingerprint of the network's structure (sizes, models,
 * parameters, connectivity), the payload length, the payload, and its CRC-32. Writing goes to a temporary file in
 * the same folder, forced to disk, then renamed over the target atomically, so a crash never leaves a broken
 * checkpoint. Loading reads and checks the whole file, then every part, before it changes anything: a truncated,
 * corrupted, foreign, other-version or other-network file is refused with a message and the network is left as it
 * was.
 */
public final class Checkpoint {
    static final byte[] MAGIC = "VSNNCKPT".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 4;
    private static final int HEADER = MAGIC.length + 4 + 8 + 8;

    private Checkpoint() {}

    /** Writes the network's state to {@code file} atomically. Prepares the network if it has not run yet. */
    public static void save(Network network, Path file) throws IOException {
        network.prepare();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(network.stepIndex());
            for (Checkpointed part : parts(network)) {
                part.save(out);
            }
        }
        byte[] payload = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        header.put(MAGIC).putInt(VERSION).putLong(fingerprint(network)).putLong(payload.length).flip();
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".partial");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.write(header);
            channel.write(ByteBuffer.wrap(payload));
            channel.write(ByteBuffer.allocate(8).putLong(crc.getValue()).flip());
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Loads {@code file} into {@code network}, which must be built exactly as the saved one.
     *
     * @throws IOException naming what is wrong with the file; the network's state is then unchanged
     */
    public static void load(Network network, Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        load(network, all, file.toString());
    }

    static void load(Network network, byte[] all, String source) throws IOException {
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
        long fingerprint = in.getLong();
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
        network.prepare();
        if (fingerprint != fingerprint(network)) {
            throw new IOException(source + ": written for a network of another structure (sizes, models, parameters"
                    + " or connectivity differ from this one)");
        }
        List<Runnable> actions = new ArrayList<>();
        long step;
        try (DataInputStream data = new DataInputStream(new ByteArrayInputStream(all, HEADER, (int) length))) {
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
        } catch (java.io.EOFException e) {
            throw new IOException(source + ": the payload ends before the network's state does", e);
        }
        actions.forEach(Runnable::run);
        network.restoreStep(step);
    }

    private static List<Checkpointed> parts(Network network) {
        List<Checkpointed> parts = new ArrayList<>(network.populations());
        parts.addAll(network.projections());
        parts.addAll(network.monitors());
        return parts;
    }

    /** A hash of everything that fixes the shape and meaning of the state: sizes, models, parameters, synapses. */
    static long fingerprint(Network network) {
        CRC32 crc = new CRC32();
        StringBuilder text = new StringBuilder("dt=" + network.dt());
        for (Population p : network.populations()) {
            text.append('|').append(p.getClass().getSimpleName()).append(':').append(p.name()).append(':')
                    .append(p.size());
            if (p instanceof NeuronPopulation neurons) {
                text.append(':').append(neurons.model());
                for (SynapticInput in : neurons.synapticInputs()) {
                    text.append(';').append(in.getClass().getSimpleName()).append(':').append(in.name())
                            .append(':').append(in.description());
                }
            }
        }
        for (Projection p : network.projections()) {
            text.append("|P:").append(p.name()).append(':').append(p.synapseCount()).append(':')
                    .append(p.weight()).append(':').append(p.delaySteps()).append(':').append(p.plasticity());
            update(crc, p.csr().rowStart());
            update(crc, p.csr().targets());
        }
        for (var m : network.monitors()) {
            text.append("|M:").append(m.getClass().getSimpleName()).append(':').append(m.population().name());
        }
        crc.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return crc.getValue() ^ ((long) text.length() << 32);
    }

    private static void update(CRC32 crc, int[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
        buffer.asIntBuffer().put(values);
        crc.update(buffer.array());
    }
}
