package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.options.GoBoolean;
import dev.kbuildx.options.GoDuration;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One option of the kubernetes driver, as data. Every form of the option is read from its row: the
 * buildx CSV key (in {@code <driverOpts>}, in {@code -Dkbuildx.driverOpts} and, as
 * {@code -Dkbuildx.driver.<key>}, one property per option), the typed element under a node's
 * {@code <driver>}, the parser, the value when unset and the text of the docs. Adding an option
 * takes a row here and its rendering, which reads the value with {@link KubernetesOptions#get}.
 *
 * @param <T> the parsed value; null stands for unset where the option has no default
 */
public final class KubernetesOption<T> {
  /** Prefix of the per-variable options {@code env.<NAME>}. */
  public static final String ENV_PREFIX = "env.";

  public static final KubernetesOption<String> IMAGE = scalar("image", "<image>",
      docs("the BuildKit image", "`" + KubernetesOptions.DEFAULT_IMAGE + "` (`"
          + KubernetesOptions.DEFAULT_ROOTLESS_IMAGE + "` when `rootless=true`)", "an image reference; empty keeps the default"),
      null, (key, value) -> OptionParsers.emptyToNull(value), Function.identity());
  public static final KubernetesOption<String> NAMESPACE = scalar("namespace", "<namespace>",
      docs("the namespace of the node's objects", "`-Dkbuildx.namespace`, else the kube context's namespace, else `default`",
          "a DNS label"),
      null, OptionParsers::namespace, Function.identity());
  public static final KubernetesOption<Integer> REPLICAS = scalar("replicas", "<replicas>",
      docs("the number of BuildKit pods", "`1`", "a whole number ≥ 1"), 1, OptionParsers::replicas, String::valueOf);
  public static final KubernetesOption<String> REQUESTS_CPU = quantity("requests.cpu", "<requests><cpu>",
      "the CPU request of the buildkitd container");
  public static final KubernetesOption<String> REQUESTS_MEMORY = quantity("requests.memory", "<requests><memory>",
      "the memory request of the buildkitd container");
  public static final KubernetesOption<String> REQUESTS_EPHEMERAL_STORAGE = quantity("requests.ephemeral-storage",
      "<requests><ephemeralStorage>", "the ephemeral-storage request of the buildkitd container");
  public static final KubernetesOption<String> LIMITS_CPU = quantity("limits.cpu", "<limits><cpu>",
      "the CPU limit of the buildkitd container; not below its request");
  public static final KubernetesOption<String> LIMITS_MEMORY = quantity("limits.memory", "<limits><memory>",
      "the memory limit of the buildkitd container; not below its request");
  public static final KubernetesOption<String> LIMITS_EPHEMERAL_STORAGE = quantity("limits.ephemeral-storage",
      "<limits><ephemeralStorage>", "the ephemeral-storage limit of the buildkitd container; not below its request");
  public static final KubernetesOption<String> PERSISTENT_VOLUME_CLAIM_STORAGE = quantity(
      "persistent-volume-claim.requests.storage", "<persistentVolumeClaimStorage>",
      "the size of a claim for BuildKit's state; makes the node a StatefulSet");
  public static final KubernetesOption<String> ROOT_VOLUME_MEMORY = quantity("buildkit-root-volume-memory",
      "<buildkitRootVolumeMemory>", "the size of a memory-backed volume for BuildKit's state");
  public static final KubernetesOption<SortedMap<String, String>> NODE_SELECTOR = entries(KeyValueOption.NODE_SELECTOR,
      "<nodeSelector>", docs("the node selector of the pods", "unset",
          "`key=value` pairs, comma-separated; label keys and values; empty clears a selector set before"));
  public static final KubernetesOption<SortedMap<String, String>> ANNOTATIONS = entries(KeyValueOption.ANNOTATIONS,
      "<annotations>", docs("extra annotations on the workload, pods and ConfigMaps", "unset",
          "`key=value` pairs; values may contain `=`; empty clears those set before"));
  public static final KubernetesOption<SortedMap<String, String>> LABELS = entries(KeyValueOption.LABELS,
      "<labels>", docs("extra labels on the workload and pods", "unset",
          "`key=value` pairs; label keys and values; empty clears those set before"));
  public static final KubernetesOption<List<TolerationSpec>> TOLERATIONS = new KubernetesOption<>("tolerations",
      "<tolerations>", docs("the tolerations of the pods", "unset", "`;`-separated tolerations of `,`-separated"
          + " `key`, `operator`, `value`, `effect`, `tolerationSeconds`"),
      List.of(), (key, value, current) -> List.copyOf(TolerationOptions.parse(value)),
      typed -> OptionParsers.tolerations((List<?>) typed),
      tolerations -> tolerations.isEmpty() ? null : TolerationOptions.format(tolerations));
  public static final KubernetesOption<String> SERVICE_ACCOUNT = scalar("serviceaccount", "<serviceAccount>",
      docs("the service account of the pods", "unset", "a DNS subdomain"), null, OptionParsers::subdomain,
      Function.identity());
  public static final KubernetesOption<String> SCHEDULER_NAME = scalar("schedulername", "<schedulerName>",
      docs("the scheduler of the pods", "unset", "a DNS subdomain"), null, OptionParsers::subdomain,
      Function.identity());
  public static final KubernetesOption<Duration> TIMEOUT = scalar("timeout", "<timeout>",
      docs("how long bootstrap waits for ready pods", "`120s`", "a positive Go duration: `90s`, `5m`, `1h30m`"),
      KubernetesOptions.DEFAULT_TIMEOUT, OptionParsers::timeout, GoDuration::format);
  public static final KubernetesOption<Boolean> ROOTLESS = bool("rootless", "<rootless>",
      "run BuildKit unprivileged");
  public static final KubernetesOption<LoadBalance> LOAD_BALANCE = scalar("loadbalance", "<loadBalance>",
      docs("the pod a build connects to", "`sticky`", "`sticky` or `random`"), LoadBalance.STICKY,
      OptionParsers::loadBalance, LoadBalance::optionValue);
  public static final KubernetesOption<Boolean> QEMU_INSTALL = bool("qemu.install", "<qemu><install>",
      "register QEMU emulators on the Kubernetes node with an init container");
  public static final KubernetesOption<String> QEMU_IMAGE = scalar("qemu.image", "<qemu><image>",
      docs("the image of the QEMU init container", "`" + KubernetesOptions.DEFAULT_QEMU_IMAGE + "`",
          "an image reference; empty keeps the default"),
      KubernetesOptions.DEFAULT_QEMU_IMAGE,
      (key, value) -> value.isEmpty() ? KubernetesOptions.DEFAULT_QEMU_IMAGE : value, Function.identity());
  public static final KubernetesOption<Boolean> DEFAULT_LOAD = bool("default-load", "<defaultLoad>",
      "load builds without outputs into the local Docker Engine");
  public static final KubernetesOption<Worker> WORKER = scalar("worker", "<worker>",
      docs("the BuildKit worker: its own (`oci`) or the Kubernetes node's containerd, whose `k8s.io` namespace then"
          + " holds the built images (see \"The containerd worker\" on this page)", "`oci`", "`oci` or `containerd`"),
      Worker.OCI, OptionParsers::worker, worker -> worker == Worker.OCI ? null : worker.optionValue());
  public static final KubernetesOption<String> CONTAINERD_SOCKET = nodePath("containerd.socket",
      "<containerd><socket>", "the containerd socket on the Kubernetes node, with `worker=containerd`",
      KubernetesOptions.DEFAULT_CONTAINERD_SOCKET);
  public static final KubernetesOption<String> CONTAINERD_ROOT = nodePath("containerd.root", "<containerd><root>",
      "containerd's root directory on the Kubernetes node, with `worker=containerd`",
      KubernetesOptions.DEFAULT_CONTAINERD_ROOT);
  public static final KubernetesOption<String> CONTAINERD_BUILDKIT_ROOT = nodePath("containerd.buildkit-root",
      "<containerd><buildkitRoot>", "the directory on the Kubernetes node under which BuildKit keeps its state, with"
          + " `worker=containerd`; it must be on a shared mount", KubernetesOptions.DEFAULT_CONTAINERD_BUILDKIT_ROOT);
  /** The family {@code env.<NAME>}: one variable per key, all held in one map. */
  public static final KubernetesOption<SortedMap<String, String>> ENV = new KubernetesOption<>(ENV_PREFIX + "<NAME>",
      "<env><NAME>", docs("an environment variable of the buildkitd container", "none",
          "an environment variable name and any value"),
      Collections.emptySortedMap(), OptionParsers::envEntry, typed -> OptionParsers.env((Map<?, ?>) typed), null);

  /** Every row, sorted by key. */
  public static final List<KubernetesOption<?>> ALL = List.<KubernetesOption<?>>of(IMAGE, NAMESPACE, REPLICAS,
          REQUESTS_CPU, REQUESTS_MEMORY, REQUESTS_EPHEMERAL_STORAGE, LIMITS_CPU, LIMITS_MEMORY,
          LIMITS_EPHEMERAL_STORAGE, PERSISTENT_VOLUME_CLAIM_STORAGE, ROOT_VOLUME_MEMORY, NODE_SELECTOR, ANNOTATIONS,
          LABELS, TOLERATIONS, SERVICE_ACCOUNT, SCHEDULER_NAME, TIMEOUT, ROOTLESS, LOAD_BALANCE, QEMU_INSTALL,
          QEMU_IMAGE, DEFAULT_LOAD, WORKER, CONTAINERD_SOCKET, CONTAINERD_ROOT, CONTAINERD_BUILDKIT_ROOT, ENV)
      .stream().sorted(Comparator.comparing(KubernetesOption::key)).toList();

  /** The text of the docs: what the option sets, its default and the values it accepts (Markdown). */
  public record Docs(String description, String defaultValue, String accepted) {}

  /** Reads the CSV form; {@code current} is the value so far, which only the {@code env.} family adds to. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(String key, String value, T current);
  }

  private final String key;
  private final String element;
  private final Docs docs;
  private final T unset;
  private final Parser<T> parser;
  private final Function<Object, T> typedParser;
  private final Function<T, String> describer;

  /**
   * @param typedParser reads the typed XML form when it is not a string (maps, lists)
   * @param describer the value as buildx would write it, null to leave it out; null for the {@code env.} family
   */
  private KubernetesOption(String key, String element, Docs docs, T unset, Parser<T> parser,
      Function<Object, T> typedParser, Function<T, String> describer) {
    this.key = key;
    this.element = element;
    this.docs = docs;
    this.unset = unset;
    this.parser = parser;
    this.typedParser = typedParser;
    this.describer = describer;
  }

  /** The key as written in the CSV form, {@code env.<NAME>} for the environment family. */
  public String key() {
    return key;
  }

  /** The typed element under {@code <driver>}, such as {@code <requests><cpu>}. */
  public String element() {
    return element;
  }

  /** The element that sets {@code key}: {@link #element()}, with the variable's name for {@code env.<NAME>}. */
  public String element(String key) {
    return isFamily() ? element.replace("<NAME>", "<" + key.substring(ENV_PREFIX.length()) + ">") : element;
  }

  /** The element names from {@code <driver>} down to the one that holds the value, such as [requests, cpu]. */
  public List<String> elementPath() {
    String path = isFamily() ? element.substring(0, element.indexOf('>') + 1) : element;
    return List.of(path.substring(1, path.length() - 1).split("><"));
  }

  public Docs docs() {
    return docs;
  }

  /** True for {@code env.<NAME>}, whose keys carry a name of the user's. */
  public boolean isFamily() {
    return describer == null;
  }

  /** The row of a CSV key, such as {@code replicas} or {@code env.FOO}. */
  public static KubernetesOption<?> forKey(String key, String value) {
    if (key.startsWith(ENV_PREFIX)) {
      return ENV;
    }
    return ALL.stream().filter(option -> option.key.equals(key)).findFirst().orElseThrow(() ->
        InvalidSettingException.driverOption(key, value, "unknown option of the kubernetes driver; accepted: "
            + String.join(", ", ALL.stream().map(KubernetesOption::key).toList())));
  }

  /** True when {@code key} names an option, {@code env.<NAME>} included. */
  public static boolean isKnown(String key) {
    return key.startsWith(ENV_PREFIX) || ALL.stream().anyMatch(option -> option.key.equals(key));
  }

  T unset() {
    return unset;
  }

  T parse(String key, String value, T current) {
    return parser.parse(key, value, current);
  }

  /** Reads the typed XML form: a (trimmed) string as the CSV form, or a map or list of the element's shape. */
  T parseTyped(Object value) {
    if (value instanceof String text) {
      return parse(key, text, unset);
    }
    return Objects.requireNonNull(typedParser, key + " has only a string form").apply(value);
  }

  /** Adds the value as buildx-style {@code key -> value} strings; leaves out what is unset. */
  @SuppressWarnings("unchecked")
  void describe(Object value, SortedMap<String, String> described) {
    if (isFamily()) {
      ((Map<String, String>) value).forEach((name, text) -> described.put(ENV_PREFIX + name, text));
      return;
    }
    String text = value == null ? null : describer.apply((T) value);
    if (text != null) {
      described.put(key, text);
    }
  }

  @Override
  public String toString() {
    return key;
  }

  private static Docs docs(String description, String defaultValue, String accepted) {
    return new Docs(description, defaultValue, accepted);
  }

  private static <T> KubernetesOption<T> scalar(String key, String element, Docs docs, T unset,
      BiFunction<String, String, T> parser, Function<T, String> describer) {
    return new KubernetesOption<>(key, element, docs, unset, (k, value, current) -> parser.apply(k, value), null,
        describer);
  }

  private static KubernetesOption<Boolean> bool(String key, String element, String description) {
    return scalar(key, element, docs(description, "`false`", "a boolean: " + GoBoolean.SPELLINGS), false,
        GoBoolean::parseDriverOption, String::valueOf);
  }

  private static KubernetesOption<String> quantity(String key, String element, String description) {
    return scalar(key, element, docs(description, "unset", "a Kubernetes quantity: `500m`, `2`, `512Mi`, `4G`"),
        null, OptionParsers::quantity, Function.identity());
  }

  /** An absolute path on the Kubernetes node; unset (null) stands for {@code defaultPath}. */
  private static KubernetesOption<String> nodePath(String key, String element, String description,
      String defaultPath) {
    return scalar(key, element, docs(description, "`" + defaultPath + "`",
        "an absolute path on the Kubernetes node; empty keeps the default"), null, OptionParsers::nodePath,
        Function.identity());
  }

  private static KubernetesOption<SortedMap<String, String>> entries(KeyValueOption rules, String element, Docs docs) {
    return new KubernetesOption<>(rules.optionKey(), element, docs, Collections.emptySortedMap(),
        (key, value, current) -> OptionParsers.entries(rules, value),
        typed -> OptionParsers.entries(rules, (Map<?, ?>) typed), OptionParsers::joined);
  }
}
