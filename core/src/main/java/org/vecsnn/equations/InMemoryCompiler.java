package org.vecsnn.equations;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources in memory with the JDK's compiler and loads them in a class loader of their own; with a
 * disk cache ({@link #cacheDirectory()}), the class files of each set of sources are kept in one entry file, keyed by
 * a SHA-256 of the sources, the JDK's version, the library's version and the class files of every vecsnn class the
 * sources name (what the generated code links against), so that a later JVM loads them instead of starting javac.
 */
final class InMemoryCompiler {
    /** The system property (else the environment variable {@link #CACHE_ENV}) naming the disk cache's folder. */
    static final String CACHE_PROPERTY = "vecsnn.equations.cache";
    static final String CACHE_ENV = "VECSNN_EQUATIONS_CACHE";
    private static final String MAGIC = "vecsnn compiled classes 1";
    private static final Pattern VECSNN_CLASS = Pattern.compile("org\\.vecsnn(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*");

    private InMemoryCompiler() {}

    /** Loaded classes by simple name, and whether they came from the disk cache. */
    record Loaded(Map<String, Class<?>> classes, boolean fromDisk) {}

    /**
     * The disk cache's folder: the system property {@value #CACHE_PROPERTY}, else the environment variable
     * {@value #CACHE_ENV}; null (no disk cache, the default) if neither is set or it is blank.
     */
    static Path cacheDirectory() {
        String dir = System.getProperty(CACHE_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(CACHE_ENV);
        }
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    /** Classes of one source each (synapse statements, kinetic channel steps), by their hash-derived names. */
    private static final Map<String, Class<?>> SINGLE = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The class {@code name} compiled from {@code source}, compiled once per name in a JVM: the names are derived
     * from a hash of the source, so equal names mean equal sources.
     */
    static Class<?> compiled(String name, String source) {
        return SINGLE.computeIfAbsent(name, n -> compile(Map.of(n, source), false).classes().get(n));
    }

    /** Compiles {@code sources} (simple class name → source, package {@code vecsnn.generated}) and loads them. */
    static Loaded compile(Map<String, String> sources, boolean vector) {
        return compile(sources, vector, cacheDirectory());
    }

    /**
     * As {@link #compile(Map, boolean)}, with the disk cache in {@code cache} (null: none). An entry that cannot be
     * read, is damaged or was written for another key is ignored and replaced; an entry that cannot be written leaves
     * the compiled classes in use (the cache only saves time). Entries are written to a temporary file in the same
     * folder and renamed atomically, so another JVM reading or writing the same entry sees the old file or the new,
     * never a part.
     */
    static Loaded compile(Map<String, String> sources, boolean vector, Path cache) {
        String key = cache == null ? null : key(sources, Runtime.version().toString(), libraryVersion());
        Path entry = cache == null ? null : cache.resolve(key + ".classes");
        if (entry != null) {
            Map<String, byte[]> stored = read(entry, key);
            if (stored != null && stored.keySet().containsAll(sources.keySet().stream()
                    .map(n -> "vecsnn.generated." + n).toList())) {
                try {
                    return new Loaded(load(sources, stored), true);
                } catch (LinkageError | IllegalStateException e) {
                    // classes that do not define although the entry is intact and its key ours: compile, not fail
                }
            }
        }
        Map<String, byte[]> classes = javac(sources, vector);
        if (entry != null) {
            write(entry, key, classes);
        }
        return new Loaded(load(sources, classes), false);
    }

    /**
     * The cache key: a SHA-256 of the sources (in name order), the JDK's version, the library's and the class files
     * of the vecsnn classes the sources name (a changed core changes them, so stale kernels are never linked to it).
     */
    static String key(Map<String, String> sources, String jdk, String library) {
        MessageDigest d = sha256();
        TreeSet<String> linked = new TreeSet<>();
        for (String name : new TreeSet<>(sources.keySet())) {
            update(d, name);
            update(d, sources.get(name));
            Matcher m = VECSNN_CLASS.matcher(sources.get(name));
            while (m.find()) {
                linked.add(m.group());
            }
        }
        update(d, jdk);
        update(d, library);
        for (String c : linked) {
            update(d, c);
            // class files are resources no module encapsulates
            try (InputStream in = InMemoryCompiler.class.getResourceAsStream("/" + c.replace('.', '/') + ".class")) {
                d.update(in == null ? new byte[0] : in.readAllBytes());
            } catch (IOException e) {
                update(d, "unreadable");
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** The core's Implementation-Version (set in a released jar), or "unversioned". */
    private static String libraryVersion() {
        String v = InMemoryCompiler.class.getPackage().getImplementationVersion();
        return v == null ? "unversioned" : v;
    }

    private static void update(MessageDigest d, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        d.update(ByteBuffer.allocate(4).putInt(b.length).array());   // lengths first: no two lists hash alike
        d.update(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An entry: {@value #MAGIC}, the key, the number of classes, each class's binary name, length and bytes, then a
     * SHA-256 of all that. Null if it is missing, unreadable, damaged or another key's.
     */
    private static Map<String, byte[]> read(Path entry, String key) {
        byte[] all;
        try {
            all = Files.readAllBytes(entry);
        } catch (IOException e) {
            return null;
        }
        if (all.length < 32 || !Arrays.equals(sha256().digest(Arrays.copyOf(all, all.length - 32)),
                Arrays.copyOfRange(all, all.length - 32, all.length))) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 32))) {
            if (!in.readUTF().equals(MAGIC) || !in.readUTF().equals(key)) {
                return null;
            }
            int count = in.readInt();
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                classes.put(name, bytes);
            }
            return in.available() == 0 ? classes : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void write(Path entry, String key, Map<String, byte[]> classes) {
        Path temp = null;
        try {
            Files.createDirectories(entry.getParent());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(MAGIC);
                out.writeUTF(key);
                out.writeInt(classes.size());
                for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                    out.writeUTF(c.getKey());
                    out.writeInt(c.getValue().length);
                    out.write(c.getValue());
                }
                out.write(sha256().digest(bytes.toByteArray()));
            }
            temp = Files.createTempFile(entry.getParent(), entry.getFileName().toString(), ".part");
            Files.write(temp, bytes.toByteArray());
            try {
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException | SecurityException e) {
            // not written (a read-only or full disk): the classes compiled in memory serve this JVM all the same
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray .part file: harmless, no key ends in .part
                }
            }
        }
    }

    /** Defines the classes in a loader of their own and returns those of {@code sources}. */
    private static Map<String, Class<?>> load(Map<String, String> sources, Map<String, byte[]> classes) {
        Loader loader = new Loader(InMemoryCompiler.class.getClassLoader(), classes);
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (String name : sources.keySet()) {
            try {
                out.put(name, loader.loadClass("vecsnn.generated." + name));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("compiled class " + name + " not found", e);
            }
        }
        return out;
    }

    /** Compiles the sources with javac and returns the class files by binary name. */
    private static Map<String, byte[]> javac(Map<String, String> sources, boolean vector) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime (java.compiler): equation models are"
                    + " compiled at run time and need a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new LinkedHashMap<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///vecsnn/generated/" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
        JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("bytes:///" + className.replace('.', '/') + ".class"),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        classes.put(className, out);
                        return out;
                    }
                };
            }
        };
        List<String> options = new ArrayList<>(List.of("-classpath", classPath(), "-proc:none", "-g:none",
                "-Xlint:none", "-nowarn"));
        if (vector) {
            options.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
        if (!ok) {
            StringBuilder b = new StringBuilder("the generated kernel did not compile (a bug of the generator):");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    b.append("\n  line ").append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT));
                }
            }
            throw new IllegalStateException(b.toString());
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        classes.forEach((name, bytes) -> out.put(name, bytes.toByteArray()));
        return out;
    }

    /** The core's classes (a directory or a jar) and this JVM's class path. */
    private static String classPath() {
        String own;
        try {
            own = Path.of(InMemoryCompiler.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String path = System.getProperty("java.class.path", "");
        return path.isEmpty() ? own : own + File.pathSeparator + path;
    }

    private static final class Loader extends ClassLoader {
        private final Map<String, byte[]> classes;

        Loader(ClassLoader parent, Map<String, byte[]> classes) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
