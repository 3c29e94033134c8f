package org.vecsnn.equations;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

/** Compiles generated sources in memory with the JDK's compiler and loads them in a class loader of their own. */
final class InMemoryCompiler {
    private InMemoryCompiler() {}

    /** Compiles {@code sources} (simple class name → source, package {@code vecsnn.generated}) and loads them. */
    static Map<String, Class<?>> compile(Map<String, String> sources, boolean vector) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime (java.compiler): equation models are"
                    + " compiled at run time and need a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
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
        Loader loader = new Loader(InMemoryCompiler.class.getClassLoader(), classes);
        Map<String, Class<?>> out = new HashMap<>();
        for (String name : sources.keySet()) {
            try {
                out.put(name, loader.loadClass("vecsnn.generated." + name));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("compiled class " + name + " not found", e);
            }
        }
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
        private final Map<String, ByteArrayOutputStream> classes;

        Loader(ClassLoader parent, Map<String, ByteArrayOutputStream> classes) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            ByteArrayOutputStream bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] b = bytes.toByteArray();
            return defineClass(name, b, 0, b.length);
        }
    }
}
