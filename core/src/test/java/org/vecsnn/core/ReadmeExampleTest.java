package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library example, taken from README.md as it stands, compiled against this build's classes alone (a
 * missing import or class fails here) and run: what a newcomer copies must compile and run.
 */
class ReadmeExampleTest {
    /** The first fenced java block of the README: the whole {@code QuickStart.java}. */
    static String readmeExample() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README.md has no ```java block");
        return block.group(1);
    }

    @Test
    void readmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
        String source = readmeExample();
        assertTrue(source.contains("public class QuickStart"), "the README's file is QuickStart.java");
        Path file = Files.writeString(dir.resolve("QuickStart.java"), source);
        Path classes = Path.of(Network.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        StringWriter messages = new StringWriter();
        boolean compiled = javac.getTask(messages, null, null,
                List.of("-classpath", classes.toString(), "-d", dir.toString(), "-Xlint:all", "-Werror"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file)).call();
        assertTrue(compiled, messages.toString());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            Method main = loader.loadClass("QuickStart").getMethod("main", String[].class);
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(stdout);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        Matcher line = Pattern.compile("(\\d+) spikes \\((\\d+) in the last 10 ms\\), [\\d.,]+ Hz; V of 2 cells sampled"
                + " (\\d+) times\\R").matcher(printed);
        assertTrue(line.matches(), printed);
        assertTrue(Integer.parseInt(line.group(1)) > 0, printed);
        assertTrue(Integer.parseInt(line.group(2)) > 0, printed);
        assertEquals(5100, Integer.parseInt(line.group(3)), printed);
    }
}
