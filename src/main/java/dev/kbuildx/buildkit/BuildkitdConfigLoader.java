package dev.kbuildx.buildkit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.kbuildx.InvalidSettingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a buildkitd.toml and the registry certificates it refers to, so that all of them can be
 * mounted into the BuildKit pods: certificates are stored as {@code certs/<host>/<file>} and the
 * TOML is rewritten to point at their mounted copies under {@code /etc/buildkit}.
 */
public final class BuildkitdConfigLoader {
  static final String TOML = "buildkitd.toml";
  private static final String MOUNTED_AT = "/etc/buildkit/";
  /** buildx's limit per file; the files end up in ConfigMaps, which hold at most 1 MiB. */
  private static final int MAX_BYTES = 1024 * 1024;
  private static final String SETTING = "buildkitdConfig";
  private static final TomlMapper MAPPER = new TomlMapper();
  private static final String ACCEPTED = "expected a buildkitd.toml file of at most 1 MiB whose registry"
      + " ca = [\"path\", ...] and keypair = [{key = \"path\", cert = \"path\"}, ...] entries name readable"
      + " PEM files (relative paths are resolved against the TOML's folder)";

  private BuildkitdConfigLoader() {}

  public static BuildkitdConfig load(Path toml) {
    String given = toml.toString();
    String text = readText(toml, given, "the file");
    ObjectNode root;
    try {
      JsonNode parsed = MAPPER.readTree(text);
      root = parsed instanceof ObjectNode object ? object : MAPPER.createObjectNode();
    } catch (JacksonException e) {
      // Only the position: the parser's message may quote the file, which can hold credentials.
      String line = e.getLocation() == null ? "" : " (syntax error at line " + e.getLocation().getLineNr() + ")";
      throw invalid(given, "it is not valid TOML" + line);
    }
    String mismatch = BuildkitdConfigSchema.firstMismatch(root);
    if (mismatch != null) {
      // buildkitd would refuse the file and never start; better to fail before the cluster is touched.
      throw InvalidSettingException.setting(SETTING, given, mismatch);
    }

    SortedMap<String, String> files = new TreeMap<>();
    Path folder = toml.toAbsolutePath().getParent();
    boolean rewritten = false;
    JsonNode registries = root.path("registry");
    if (registries instanceof ObjectNode hosts) {
      for (Map.Entry<String, JsonNode> host : hosts.properties()) {
        if (host.getValue() instanceof ObjectNode registry) {
          rewritten |= copyCertificates(host.getKey(), registry, folder, given, files);
        }
      }
    }
    files.put(TOML, rewritten ? write(root) : text);
    return new BuildkitdConfig(files, allowsNetworkHost(root));
  }

  /** Copies one registry's ca and keypair files into {@code files}; true if the TOML changed. */
  private static boolean copyCertificates(
      String host, ObjectNode registry, Path folder, String given, SortedMap<String, String> files) {
    boolean rewritten = false;
    String directory = "certs/" + safe(host) + "/";
    // The schema check made ca a list of strings and keypair a list of tables of strings.
    if (registry.get("ca") instanceof ArrayNode paths) {
      for (int i = 0; i < paths.size(); i++) {
        paths.set(i, copy(paths.get(i), host, "ca", directory, folder, given, files));
        rewritten = true;
      }
    }
    if (registry.get("keypair") instanceof ArrayNode pairs) {
      for (JsonNode pair : pairs) {
        ObjectNode keypair = (ObjectNode) pair;
        for (String field : new String[] {"key", "cert"}) {
          if (keypair.has(field)) {
            keypair.set(field, copy(keypair.get(field), host, "keypair " + field, directory, folder, given, files));
            rewritten = true;
          }
        }
      }
    }
    return rewritten;
  }

  /** Stores one referenced file and returns the path buildkitd will find it at. */
  private static JsonNode copy(JsonNode reference, String host, String field, String directory, Path folder,
      String given, SortedMap<String, String> files) {
    if (reference.asText().isEmpty()) {
      throw invalid(given, "registry \"" + host + "\" has an empty " + field + " entry");
    }
    String written = reference.asText();
    Path file = folder.resolve(written);
    Path name = file.getFileName();
    if (name == null) {
      throw invalid(given, "registry \"" + host + "\" " + field + " \"" + written + "\" does not name a file");
    }
    String what = "registry \"" + host + "\" " + field + " \"" + written + "\"";
    String content = readText(file, given, what);
    String stored = directory + safe(name.toString());
    String previous = files.putIfAbsent(stored, content);
    if (previous != null && !previous.equals(content)) {
      throw invalid(given, what + " has the same file name as another certificate of that registry"
          + " but different content; rename one of them");
    }
    return MAPPER.getNodeFactory().textNode(MOUNTED_AT + stored);
  }

  private static boolean allowsNetworkHost(ObjectNode root) {
    JsonNode entitlements = root.path("insecure-entitlements");
    for (JsonNode entitlement : entitlements) {
      if ("network.host".equals(entitlement.asText())) {
        return true;
      }
    }
    return false;
  }

  /** Host and file names become path segments and ConfigMap keys, which allow only these characters. */
  private static String safe(String name) {
    return name.replaceAll("[^a-zA-Z0-9.-]", "_");
  }

  private static String write(ObjectNode root) {
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write back a TOML tree that was just parsed", e);
    }
  }

  /** Reads a UTF-8 text file of at most 1 MiB; {@code what} names it in errors (never its content). */
  private static String readText(Path file, String given, String what) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw invalid(given, what + " does not exist");
    } catch (IOException e) {
      throw invalid(given, what + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (bytes.length > MAX_BYTES) {
      throw invalid(given, what + " is larger than 1 MiB");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw invalid(given, what + " is not UTF-8 text");
    }
  }

  private static InvalidSettingException invalid(String given, String reason) {
    return InvalidSettingException.setting(SETTING, given, reason + "; " + ACCEPTED);
  }
}
