package dev.kbuildx.maven;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import java.io.File;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;

/**
 * The builder declaration that {@code create}, {@code append}, {@code build} and the care goals
 * ({@code inspect}, {@code du}, {@code prune}) share: the nodes and the settings applied to all of them.
 */
abstract class AbstractDeclarationMojo extends AbstractBuilderMojo {

  /**
   * The builder's nodes, typically declared once in a parent POM's {@code <pluginManagement>}.
   * Each {@code <node>} has an optional {@code <name>}, {@code <platforms>}, buildx's CSV
   * {@code <driverOpts>} and typed {@code <driver>} options. Without it, {@code create} and
   * {@code append} describe one node by {@code -Dkbuildx.node}, {@code -Dkbuildx.nodePlatforms}
   * and the driver option properties. {@code kbuildx:build} builds on these nodes, creating a
   * missing or not ready builder and awaiting it first; there a node may instead be a standing
   * buildkitd ({@code <endpoint>tcp://host:1234</endpoint>}) or a Docker Engine
   * ({@code <dockerHost>unix:///var/run/docker.sock</dockerHost>}), which kbuildx uses as they are.
   * The requested platforms are spread over the nodes by their declared platforms, as buildx does;
   * with more than one node involved, each node pushes its part and kbuildx merges them into one
   * index, pushed to every tag.
   *
   * @since 0.1.0
   */
  @Parameter
  protected List<NodeConfig> nodes;

  /**
   * Driver options in buildx's {@code --driver-opt} CSV form, applied on top of every node's own,
   * such as {@code namespace=ci,replicas=2,"nodeselector=kubernetes.io/arch=arm64"}. Single
   * options can also be given as {@code -Dkbuildx.driver.<option>=<value>}, which win over this.
   * With {@code kbuildx:build}'s {@code endpoint} they are the standing daemon's options instead:
   * {@code cacert}, {@code cert}, {@code key}, {@code servername} (TLS) and {@code default-load}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DRIVER_OPTS)
  protected String driverOpts;

  /**
   * Flags for buildkitd of the Kubernetes nodes that set none of their own, split like a shell
   * command line, such as {@code --debug}. {@code --allow-insecure-entitlement=network.host} is
   * added unless an entitlement flag is given or buildkitd.toml allows {@code network.host}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.BUILDKITD_FLAGS)
  protected String buildkitdFlags;

  /**
   * A buildkitd.toml to mount into the BuildKit pods of the Kubernetes nodes that set none of their
   * own. Registry certificates it references are mounted too.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.BUILDKITD_CONFIG)
  protected File buildkitdConfig;

  /** The goal's execution: expressions in {@code <driver>} elements are evaluated as in its parameters. */
  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  protected MojoExecution mojoExecution;

  /** Evaluates {@code ${...}} in the text of {@code <driver>} elements, as Maven does for parameters. */
  protected UnaryOperator<String> expressions() {
    PluginParameterExpressionEvaluator evaluator = new PluginParameterExpressionEvaluator(session, mojoExecution);
    return text -> {
      try {
        Object value = evaluator.evaluate(text);
        return value == null ? "" : value.toString();
      } catch (ExpressionEvaluationException e) {
        throw InvalidSettingException.setting(SettingKey.NODE_DRIVER.key(), text,
            "the expression cannot be evaluated: " + e.getMessage());
      }
    };
  }
}
