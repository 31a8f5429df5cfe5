package dev.kbuildx.buildkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The types of the buildkitd.toml keys that BuildKit v0.24 knows. buildkitd refuses to start on a
 * value of the wrong type, which on a cluster shows only as pods that never become ready; checking
 * here fails before anything is applied. Unknown keys are accepted, as BuildKit's decoder ignores
 * them (and newer BuildKit versions add keys).
 */
final class BuildkitdConfigSchema {
  private static final int SHOWN_VALUE_LENGTH = 60;
  /** What Docker's RAMInBytes accepts, such as {@code 512MB}, {@code 1.5 GiB} or {@code 1024}. */
  private static final Pattern DISK_SIZE = Pattern.compile("(\\d+(\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?");
  private static final Pattern PERCENTAGE = Pattern.compile("[-+]?\\d+%");
  /** What Go's time.ParseDuration accepts, such as {@code 48h} or {@code 1h30m}, or whole seconds. */
  private static final Pattern DURATION = Pattern.compile("[-+]?(((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+|0|\\d+)");

  /** A value's type: {@link #mismatch} says what is wrong with a value, or null when it fits. */
  private interface Type {
    String mismatch(Section section, String key, JsonNode value);
  }

  /**
   * Where a key is: its table's dotted path, and how the message names that table, such as
   * {@code [worker.oci]} or {@code [[worker.oci.gcpolicy]] number 2}.
   */
  private record Section(String path, String header) {
    static final Section TOP = new Section("", "");

    String child(String key) {
      return path.isEmpty() ? quoted(key) : path + "." + quoted(key);
    }

    Section table(String key) {
      return new Section(child(key), "[" + child(key) + "]");
    }

    Section entry(String key, int number) {
      return new Section(child(key), "[[" + child(key) + "]] number " + number);
    }
  }

  /** A single value, such as a boolean. */
  private record Scalar(String expected, Predicate<JsonNode> accepts) implements Type {
    @Override
    public String mismatch(Section section, String key, JsonNode value) {
      return accepts.test(value) ? null : describe(section, key, value, expected);
    }
  }

  /** A list whose elements are all of one scalar type. */
  private record ListOf(Scalar element, String expected) implements Type {
    @Override
    public String mismatch(Section section, String key, JsonNode value) {
      return value.isArray() && allMatch(value, element.accepts()) ? null : describe(section, key, value, expected);
    }
  }

  /** A table whose known keys have known types; other keys are ignored. */
  private record Table(Map<String, Type> keys) implements Type {
    @Override
    public String mismatch(Section section, String key, JsonNode value) {
      if (!value.isObject()) {
        return describe(section, key, value, "a table");
      }
      return fields(section.table(key), value);
    }

    String fields(Section section, JsonNode table) {
      return first(table.properties().stream()
          .filter(field -> keys.containsKey(field.getKey()))
          .map(field -> keys.get(field.getKey()).mismatch(section, field.getKey(), field.getValue())));
    }
  }

  /** A table whose keys are free (registry hosts, labels), each value of one type. */
  private record MapOf(Type values) implements Type {
    @Override
    public String mismatch(Section section, String key, JsonNode value) {
      if (!value.isObject()) {
        return describe(section, key, value, "a table");
      }
      return first(value.properties().stream()
          .map(entry -> values.mismatch(section.table(key), entry.getKey(), entry.getValue())));
    }
  }

  /** An array of tables, such as {@code [[worker.oci.gcpolicy]]}. */
  private record TableArray(Table entry) implements Type {
    @Override
    public String mismatch(Section section, String key, JsonNode value) {
      String expected = "an array of tables ([[" + section.child(key) + "]])";
      if (!value.isArray() || !allMatch(value, JsonNode::isObject)) {
        return describe(section, key, value, expected);
      }
      return first(IntStream.range(0, value.size())
          .mapToObj(i -> entry.fields(section.entry(key, i + 1), value.get(i))));
    }
  }

  private static final Scalar BOOLEAN = new Scalar("a boolean (true or false, without quotes)", JsonNode::isBoolean);
  private static final Scalar STRING = new Scalar("a string in quotes", JsonNode::isTextual);
  private static final Scalar INTEGER = new Scalar("a whole number, without quotes",
      value -> value.isIntegralNumber() && value.canConvertToInt());
  private static final Scalar LONG = new Scalar("a whole number, without quotes",
      value -> value.isIntegralNumber() && value.canConvertToLong());
  private static final ListOf STRINGS = new ListOf(STRING, "a list of strings, such as [\"a\", \"b\"]");
  private static final Scalar DISK_SPACE = new Scalar(
      "a number of bytes, or a string such as \"512MB\" or \"10%\"",
      value -> value.isIntegralNumber() || value.isTextual()
          && (DISK_SIZE.matcher(value.asText()).matches() || PERCENTAGE.matcher(value.asText()).matches()));
  private static final Scalar DURATION_VALUE = new Scalar(
      "a number of seconds, or a string duration such as \"48h\"",
      value -> value.isIntegralNumber() || value.isTextual() && DURATION.matcher(value.asText()).matches());
  private static final Scalar ANY_TABLE = new Scalar("a table", JsonNode::isObject);

  private static final Table GC_POLICY = new Table(Map.of(
      "all", BOOLEAN,
      "filters", STRINGS,
      "keepDuration", DURATION_VALUE,
      "keepBytes", DISK_SPACE,
      "reservedSpace", DISK_SPACE,
      "maxUsedSpace", DISK_SPACE,
      "minFreeSpace", DISK_SPACE));

  /** The keys both workers share: garbage collection, networking and the basics. */
  private static final Map<String, Type> WORKER = Map.ofEntries(
      Map.entry("enabled", BOOLEAN),
      Map.entry("labels", new MapOf(STRING)),
      Map.entry("platforms", STRINGS),
      Map.entry("snapshotter", STRING),
      Map.entry("rootless", BOOLEAN),
      Map.entry("gc", BOOLEAN),
      Map.entry("gckeepstorage", DISK_SPACE),
      Map.entry("reservedSpace", DISK_SPACE),
      Map.entry("maxUsedSpace", DISK_SPACE),
      Map.entry("minFreeSpace", DISK_SPACE),
      Map.entry("gcpolicy", new TableArray(GC_POLICY)),
      Map.entry("networkMode", STRING),
      Map.entry("cniConfigPath", STRING),
      Map.entry("cniBinaryPath", STRING),
      Map.entry("cniPoolSize", INTEGER),
      Map.entry("bridgeName", STRING),
      Map.entry("bridgeSubnet", STRING),
      Map.entry("defaultCgroupParent", STRING),
      Map.entry("apparmor-profile", STRING),
      Map.entry("selinux", BOOLEAN),
      Map.entry("max-parallelism", INTEGER));

  private static final Table OCI_WORKER = new Table(with(WORKER, Map.of(
      "noProcessSandbox", BOOLEAN,
      "userRemapUnsupported", STRING,
      "binary", STRING,
      "proxySnapshotterPath", STRING,
      "isolateCgroups", BOOLEAN,
      "stargzSnapshotter", ANY_TABLE)));

  private static final Table CONTAINERD_WORKER = new Table(with(WORKER, Map.of(
      "address", STRING,
      "namespace", STRING,
      "runtime", new Table(Map.of("name", STRING, "path", STRING, "options", ANY_TABLE)))));

  private static final Table REGISTRY = new Table(Map.of(
      "mirrors", STRINGS,
      "http", BOOLEAN,
      "insecure", BOOLEAN,
      "ca", STRINGS,
      "keypair", new TableArray(new Table(Map.of("key", STRING, "cert", STRING))),
      "tlsconfigdir", STRINGS));

  private static final Table ROOT = new Table(Map.ofEntries(
      Map.entry("debug", BOOLEAN),
      Map.entry("trace", BOOLEAN),
      Map.entry("root", STRING),
      Map.entry("insecure-entitlements", STRINGS),
      Map.entry("provenanceEnvDir", STRING),
      Map.entry("log", new Table(Map.of("format", STRING, "level", STRING))),
      Map.entry("grpc", new Table(Map.of(
          "address", STRINGS,
          "debugAddress", STRING,
          "uid", INTEGER,
          "gid", INTEGER,
          "securityDescriptor", STRING,
          "tls", new Table(Map.of("cert", STRING, "key", STRING, "ca", STRING))))),
      Map.entry("otel", new Table(Map.of("socketPath", STRING))),
      Map.entry("cdi", new Table(Map.of("disabled", BOOLEAN, "specDirs", STRINGS, "autoAllowed", STRINGS))),
      Map.entry("worker", new Table(Map.of("oci", OCI_WORKER, "containerd", CONTAINERD_WORKER))),
      Map.entry("registry", new MapOf(REGISTRY)),
      Map.entry("dns", new Table(Map.of("nameservers", STRINGS, "options", STRINGS, "searchDomains", STRINGS))),
      Map.entry("history", new Table(Map.of("maxAge", DURATION_VALUE, "maxEntries", LONG))),
      Map.entry("frontend", new Table(Map.of(
          "dockerfile.v0", new Table(Map.of("enabled", BOOLEAN)),
          "gateway.v0", new Table(Map.of("enabled", BOOLEAN, "allowedRepositories", STRINGS))))),
      Map.entry("system", new Table(Map.of("platformsCacheMaxAge", DURATION_VALUE)))));

  private BuildkitdConfigSchema() {}

  /**
   * @param root the parsed buildkitd.toml
   * @return the first known key whose value has the wrong type, as a sentence naming the key, the
   *     value and the expected type; null when every known key has its type
   */
  static String firstMismatch(JsonNode root) {
    return ROOT.fields(Section.TOP, root);
  }

  /** The first mismatch; the stream is lazy, so checking stops there. */
  private static String first(Stream<String> mismatches) {
    return mismatches.filter(Objects::nonNull).findFirst().orElse(null);
  }

  private static boolean allMatch(JsonNode array, Predicate<JsonNode> test) {
    return StreamSupport.stream(array.spliterator(), false).allMatch(test);
  }

  private static Map<String, Type> with(Map<String, Type> shared, Map<String, Type> own) {
    Map<String, Type> all = new HashMap<>(shared);
    all.putAll(own);
    return Map.copyOf(all);
  }

  private static String describe(Section section, String key, JsonNode value, String expected) {
    String header = section.header().isEmpty() ? "" : section.header() + " ";
    String shown = value.toString();
    if (shown.length() > SHOWN_VALUE_LENGTH) {
      shown = shown.substring(0, SHOWN_VALUE_LENGTH) + "...";
    }
    return header + quoted(key) + " = " + shown + " is " + kind(value) + ", but BuildKit expects " + expected;
  }

  private static String kind(JsonNode value) {
    if (value.isTextual()) {
      return "a string";
    } else if (value.isBoolean()) {
      return "a boolean";
    } else if (value.isIntegralNumber()) {
      return value.canConvertToLong() ? "a whole number" : "a whole number too large";
    } else if (value.isNumber()) {
      return "a decimal number";
    } else if (value.isArray()) {
      return "a list";
    } else if (value.isObject()) {
      return "a table";
    }
    return "of another type";
  }

  /** Keys that are not bare (registry hosts, {@code dockerfile.v0}) in quotes, as TOML writes them. */
  private static String quoted(String key) {
    return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
  }
}
