package org.vecsnn.sonata;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SONATA JSON configuration with its {@code manifest}: {@code $NAME} and {@code ${NAME}} in any string are
 * replaced by the manifest's value (which may use other entries; a cycle is refused; {@code configdir} is the file's
 * folder, as in BMTK), and relative paths are taken relative to the file's folder.
 */
final class JsonConfig {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");
    final Path file;
    final JsonNode root;
    private final Map<String, String> manifest = new HashMap<>();
    private final Map<String, String> resolved = new HashMap<>();

    JsonConfig(Path file) throws IOException {
        this.file = file;
        this.root = parse(file);
        manifest.put("configdir", file.toAbsolutePath().getParent().toString()); // BMTK's built-in entry
        JsonNode m = root.path("manifest");
        if (!m.isMissingNode() && !m.isObject()) {
            throw new SonataFormatException(file, "manifest", "must be an object of names and paths");
        }
        for (Map.Entry<String, JsonNode> e : m.properties()) {
            if (!e.getValue().isTextual()) {
                throw new SonataFormatException(file, "manifest." + e.getKey(), "must be a string, is "
                        + e.getValue());
            }
            manifest.put(e.getKey().replaceFirst("^\\$", ""), e.getValue().asText());
        }
    }

    static JsonNode parse(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SonataFormatException(file, "JSON", "file missing");
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new SonataFormatException(file, "JSON", "must be a JSON object, is " + root);
            }
            return root;
        } catch (JacksonException e) {
            throw new SonataFormatException(file, "JSON" + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ")"), "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (java.io.CharConversionException e) { // bytes in no encoding JSON allows
            throw new SonataFormatException(file, "JSON", "not valid JSON (" + e.getMessage() + ")");
        }
    }

    /** The string at {@code key} of {@code node} with the manifest applied; {@code where} names it in messages. */
    String text(JsonNode node, String key, String where) throws SonataFormatException {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual()) {
            throw new SonataFormatException(file, where + "." + key, "must be a string, is " + value);
        }
        return substitute(value.asText(), where + "." + key, new HashSet<>());
    }

    /** A path at {@code key}, relative to this file's folder unless absolute. */
    Path path(JsonNode node, String key, String where) throws SonataFormatException {
        Path p = Path.of(text(node, key, where));
        return p.isAbsolute() ? p : file.toAbsolutePath().getParent().resolve(p).normalize();
    }

    private String substitute(String text, String where, Set<String> visiting) throws SonataFormatException {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(value(name, where, visiting)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String value(String name, String where, Set<String> visiting) throws SonataFormatException {
        String done = resolved.get(name);
        if (done != null) {
            return done;
        }
        String raw = manifest.get(name);
        if (raw == null) {
            throw new SonataFormatException(file, where, "$" + name + " is not in the manifest (it has "
                    + manifest.keySet() + ")");
        }
        if (!visiting.add(name)) {
            throw new SonataFormatException(file, "manifest.$" + name, "refers to itself through " + visiting
                    + ": substitutions must not form a cycle");
        }
        String value = substitute(raw, "manifest.$" + name, visiting);
        visiting.remove(name);
        resolved.put(name, value);
        return value;
    }
}
