package dev.kbuildx.maven;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.buildkit.BuildkitdConfigLoader;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.docker.DockerDriver;
import dev.kbuildx.driver.kubernetes.BuilderNames;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.BuildkitdFlags;
import dev.kbuildx.driver.kubernetes.KubernetesOptions;
import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import dev.kbuildx.driver.kubernetes.NodeSpec;
import dev.kbuildx.driver.remote.RemoteDriver;
import dev.kbuildx.driver.remote.RemoteEndpoint;
import dev.kbuildx.driver.remote.RemoteOptions;
import dev.kbuildx.options.DriverOptionsCsv;
import dev.kbuildx.platform.Platform;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * Turns the builder settings of the POM and the command line into core {@link NodeSpec}s.
 *
 * <p>Precedence for a node's driver options, lowest first: the node's {@code <driverOpts>} CSV,
 * its typed {@code <driver>} elements, the top-level {@code <driverOpts>} / {@code -Dkbuildx.driverOpts},
 * then each {@code -Dkbuildx.driver.<key>}. Command-line settings thus override the POM for every
 * node. When the POM declares no {@code <nodes>}, one node is described by {@code -Dkbuildx.node}
 * and {@code -Dkbuildx.nodePlatforms}.
 */
final class BuilderDeclaration {
  /** The setting key of a node's platforms, kept apart from the build's target platforms. */
  static final String NODE_PLATFORMS = SettingKey.NODE_PLATFORMS.key();

  private final String builder;
  private final List<NodeConfig> declaredNodes;
  private final String node;
  private final String platforms;
  private final String driverOpts;
  private final Map<String, String> driverProperties;
  private final String buildkitdFlags;
  private final File buildkitdConfig;
  private final UnaryOperator<String> expressions;

  /** @param expressions evaluates Maven's expressions in the text of {@code <driver>} elements */
  BuilderDeclaration(String builder, List<NodeConfig> declaredNodes, String node, String platforms,
      String driverOpts, Map<String, String> driverProperties, String buildkitdFlags, File buildkitdConfig,
      UnaryOperator<String> expressions) {
    this.builder = BuilderNames.builder(builder);
    this.declaredNodes = declaredNodes == null ? List.of() : declaredNodes;
    this.node = blankToNull(node);
    this.platforms = blankToNull(platforms);
    this.driverOpts = driverOpts;
    this.driverProperties = driverProperties;
    this.buildkitdFlags = buildkitdFlags;
    this.buildkitdConfig = buildkitdConfig;
    this.expressions = expressions;
  }

  String builderName() {
    return builder;
  }

  /**
   * The nodes {@code create} applies: every declared node, or only the one named by
   * {@code -Dkbuildx.node}; without declared nodes, the command-line node.
   */
  BuilderSpec toCreate() {
    if (declaredNodes.isEmpty()) {
      String name = node == null ? BuilderNames.defaultNodeName(builder, 0) : node;
      return new BuilderSpec(builder, List.of(commandLineNode(name)));
    }
    List<NodeSpec> nodes = declaredSpecs();
    if (node != null) {
      nodes = List.of(select(nodes, BuilderNames.node(node)));
    } else if (platforms != null && nodes.size() > 1) {
      throw InvalidSettingException.setting(NODE_PLATFORMS, platforms,
          "-D" + PropertyNames.NODE_PLATFORMS + " applies to one node; the POM declares " + nodes.size()
              + ", so name one with -D" + PropertyNames.NODE);
    }
    return new BuilderSpec(builder, nodes);
  }

  /**
   * The node {@code append} adds to a builder whose nodes are {@code existing}: the declared node
   * named by {@code -Dkbuildx.node}, or the command-line node, by default named after the first
   * free index.
   */
  NodeSpec toAppend(Set<String> existing) {
    if (!declaredNodes.isEmpty()) {
      if (node == null) {
        throw InvalidSettingException.setting(SettingKey.NODE.key(), "",
            "the POM declares " + declaredNodes.size() + " nodes; name the one to append with -D" + PropertyNames.NODE);
      }
      return select(declaredSpecs(), BuilderNames.node(node));
    }
    String name = node;
    for (int i = 0; name == null; i++) {
      String candidate = BuilderNames.defaultNodeName(builder, i);
      if (!existing.contains(candidate)) {
        name = candidate;
      }
    }
    return commandLineNode(name);
  }

  private NodeSpec commandLineNode(String name) {
    return spec(name, platforms == null ? List.of() : List.of(platforms), null, null, buildkitdFlags, buildkitdConfig);
  }

  /**
   * The declared nodes that are standing daemons or Docker Engines, which only {@code build} uses;
   * empty when the declared nodes are Kubernetes nodes.
   *
   * @param environment the process environment; a Docker Engine node replaces its {@code DOCKER_HOST}
   * @param baseDirectory what relative TLS file names are resolved against
   */
  List<Driver> standingNodes(Map<String, String> environment, Path baseDirectory) {
    if (declaredNodes.stream().noneMatch(NodeConfig::isStanding)) {
      return List.of();
    }
    List<Driver> nodes = new ArrayList<>();
    Map<Platform, String> owners = new HashMap<>();
    for (int i = 0; i < declaredNodes.size(); i++) {
      NodeConfig declared = declaredNodes.get(i);
      String name = BuilderNames.node(nodeName(declared, i));
      if (!declared.isStanding()) {
        throw InvalidSettingException.setting(SettingKey.NODE.key(), name, "a builder's nodes are either all Kubernetes nodes or all"
            + " standing daemons (<endpoint>) and Docker Engines (<dockerHost>); this node has neither");
      }
      if (declared.getDriver() != null) {
        throw InvalidSettingException.setting(SettingKey.NODE.key(), name, "<driver> sets Kubernetes options, which a standing"
            + " daemon or Docker Engine node does not take");
      }
      List<Platform> parsed = platformsOf(declared.getPlatforms());
      claim(owners, parsed, name);
      if (nodes.stream().anyMatch(node -> node.name().equals(name))) {
        throw InvalidSettingException.setting(SettingKey.NODE.key(), name, "node names must be unique within a builder");
      }
      nodes.add(standingNode(declared, name, parsed, environment, baseDirectory));
    }
    return nodes;
  }

  private Driver standingNode(NodeConfig declared, String name, List<Platform> parsed,
      Map<String, String> environment, Path baseDirectory) {
    if (declared.getEndpoint() != null && declared.getDockerHost() != null) {
      throw InvalidSettingException.setting(SettingKey.NODE_ENDPOINT.key(), declared.getEndpoint(), "node " + name + " is either a"
          + " standing daemon (<endpoint>) or a Docker Engine (<dockerHost>), not both");
    }
    if (declared.getDockerHost() != null) {
      if (declared.getDriverOpts() != null && !declared.getDriverOpts().isBlank()) {
        throw InvalidSettingException.setting(SettingKey.DRIVER_OPTS.key(), declared.getDriverOpts(), "node " + name
            + " is a Docker Engine, which takes no driver options");
      }
      Map<String, String> engine = new HashMap<>(environment);
      engine.put("DOCKER_HOST", declared.getDockerHost());
      return new DockerDriver(name, parsed, engine, false);
    }
    RemoteOptions options = RemoteOptions.parse(DriverOptionsCsv.parse(declared.getDriverOpts()), baseDirectory);
    return new RemoteDriver(name, parsed, RemoteEndpoint.parse(declared.getEndpoint(), options.tls()),
        options.defaultLoad());
  }

  private String nodeName(NodeConfig declared, int index) {
    return declared.getName() == null || declared.getName().isBlank()
        ? BuilderNames.defaultNodeName(builder, index) : declared.getName().trim();
  }

  private static List<Platform> platformsOf(List<String> platformSpecs) {
    List<Platform> parsed = new ArrayList<>();
    for (String platformSpec : platformSpecs) {
      Platform.parseList(platformSpec, NODE_PLATFORMS).stream().filter(p -> !parsed.contains(p)).forEach(parsed::add);
    }
    return List.copyOf(parsed);
  }

  /** A platform may belong to one node only: the builder would otherwise pick one at random. */
  private static void claim(Map<Platform, String> owners, List<Platform> platforms, String node) {
    for (Platform platform : platforms) {
      String owner = owners.putIfAbsent(platform, node);
      if (owner != null) {
        throw InvalidSettingException.setting(NODE_PLATFORMS, platform.toString(),
            "a platform may belong to one node only, but nodes " + owner + " and " + node + " both declare it");
      }
    }
  }

  private List<NodeSpec> declaredSpecs() {
    List<NodeSpec> specs = new ArrayList<>();
    Map<Platform, String> owners = new HashMap<>();
    for (int i = 0; i < declaredNodes.size(); i++) {
      NodeConfig declared = declaredNodes.get(i);
      String name = nodeName(declared, i);
      if (declared.isStanding()) {
        throw InvalidSettingException.setting(SettingKey.NODE.key(), name, "this node is a standing daemon or Docker Engine,"
            + " which kbuildx:build uses but kbuildx:create and kbuildx:append do not manage; they take Kubernetes"
            + " nodes only");
      }
      List<String> nodePlatforms = platforms != null && declaredNodes.size() == 1
          ? List.of(platforms) : declared.getPlatforms();
      NodeSpec spec = spec(name, nodePlatforms, declared.getDriverOpts(), declared.getDriver(),
          declared.getBuildkitdFlags() != null ? declared.getBuildkitdFlags() : buildkitdFlags,
          declared.getBuildkitdConfig() != null ? declared.getBuildkitdConfig() : buildkitdConfig);
      if (specs.stream().anyMatch(s -> s.name().equals(spec.name()))) {
        throw InvalidSettingException.setting(SettingKey.NODE.key(), name, "node names must be unique within a builder");
      }
      claim(owners, spec.platforms(), spec.name());
      specs.add(spec);
    }
    return specs;
  }

  private NodeSpec select(List<NodeSpec> specs, String name) {
    return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
        InvalidSettingException.setting(SettingKey.NODE.key(), name, "the POM declares only the nodes "
            + specs.stream().map(NodeSpec::name).toList()));
  }

  private NodeSpec spec(String name, List<String> platformSpecs, String nodeCsv, PlexusConfiguration typed,
      String flags, File config) {
    String nodeName = BuilderNames.node(name);
    KubernetesOptionsBuilder options = new KubernetesOptionsBuilder();
    options.setAll(DriverOptionsCsv.parse(nodeCsv));
    if (typed != null) {
      DriverElements.applyTo(typed, expressions, options);
    }
    options.setAll(DriverOptionsCsv.parse(driverOpts));
    options.setAll(driverProperties);
    KubernetesOptions built = options.build();
    List<Platform> parsed = platformsOf(platformSpecs);
    BuildkitdConfig buildkitd = config == null ? BuildkitdConfig.NONE : BuildkitdConfigLoader.load(config.toPath());
    return new NodeSpec(nodeName, parsed, built,
        BuildkitdFlags.resolve(flags, buildkitd, built.rootless()), buildkitd);
  }

  /** The {@code -Dkbuildx.driver.<key>} entries of the given properties, keyed by option. */
  static Map<String, String> driverProperties(Map<?, ?> properties) {
    Map<String, String> options = new TreeMap<>();
    properties.forEach((key, value) -> {
      String name = String.valueOf(key);
      if (name.startsWith(PropertyNames.DRIVER_OPTION_PREFIX)) {
        options.put(name.substring(PropertyNames.DRIVER_OPTION_PREFIX.length()), String.valueOf(value));
      }
    });
    return options;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
