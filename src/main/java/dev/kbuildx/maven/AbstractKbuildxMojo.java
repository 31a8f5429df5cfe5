package dev.kbuildx.maven;

import dev.kbuildx.ClusterApiException;
import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.ClusterCalls;
import dev.kbuildx.jvm.QuickCompilation;
import dev.kbuildx.progress.ProgressLog;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Settings every goal shares: how to reach the cluster, and skipping. Subclasses only
 * translate parameters; the work is done by the core.
 */
abstract class AbstractKbuildxMojo extends AbstractMojo {

  /**
   * Namespace where the builder lives, and where {@code ls}, {@code append} and {@code rm} look
   * for it. A node's {@code namespace} driver option wins over it. Defaults to the namespace of
   * the kube context, else {@code default}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.NAMESPACE)
  protected String namespace;

  /**
   * Kubeconfig file to use instead of the standard resolution ({@code KUBECONFIG}, then
   * {@code ~/.kube/config}, then the in-cluster service account).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.KUBECONFIG)
  protected File kubeconfig;

  /**
   * Context of the kubeconfig to use instead of its current context.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.KUBE_CONTEXT)
  protected String kubeContext;

  /**
   * How many seconds kbuildx waits for the Kubernetes API server or a BuildKit daemon to answer
   * before it gives up and names the one that did not. Raise it for a cluster behind a slow VPN.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CONNECT_TIMEOUT, defaultValue = "10")
  protected int connectTimeout;

  /**
   * Lets only the JVM's quick compiler (C1) compile code while the goal runs, leaving the JDK's
   * ciphers to the optimising one (C2). A goal lasts seconds, and C2 would spend several seconds of
   * CPU on code that runs for one of them, on the cores the build needs. Methods that first became
   * hot during the goal keep the quick compiler's code for the rest of the Maven run. Not applied in
   * a parallel build ({@code -T}), where other plugins run beside the goal. Set it to {@code false}
   * to leave the JVM's compilers as they are; see the FAQ.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.QUICK_COMPILATION, defaultValue = "true")
  protected boolean quickCompilation;

  /**
   * Skips the goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  protected boolean skip;

  /** The running build, for command-line properties. */
  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    // With -X and timestamps, this line and the build's "Connected to" line time the plugin's start-up.
    getLog().debug("kbuildx goal started");
    if (skip) {
      getLog().info("Skipping kbuildx because " + PropertyNames.SKIP + " is true");
      return;
    }
    try (QuickCompilation compilation = quickCompilation()) {
      ClusterCalls.<MojoExecutionException, MojoFailureException>run(this::run);
    } catch (InvalidSettingException e) {
      throw new MojoFailureException(SettingLocations.message(e), e);
    } catch (ClusterApiException e) {
      throw new MojoExecutionException(e.getMessage(), causeToShow(e));
    } catch (KbuildxException e) {
      throw new MojoFailureException(e.getMessage(), causeToShow(e));
    }
  }

  /** The compilers' span for this goal, or null when they are left as they are. */
  private QuickCompilation quickCompilation() {
    if (!quickCompilation) {
      return null;
    }
    if (session != null && session.getRequest().getDegreeOfConcurrency() > 1) {
      getLog().debug("JVM compilers left as they are: other plugins run beside kbuildx in a parallel build");
      return null;
    }
    return QuickCompilation.start(getLog()::debug);
  }

  /**
   * The error as the cause, only with {@code -e} or {@code -X}: Maven appends the message of every
   * cause to the one it prints, and a library's own (fabric8's request dump, gRPC's status) does not
   * belong there. kbuildx's messages already say what failed and why.
   */
  private Throwable causeToShow(KbuildxException e) {
    return session != null && session.getRequest().isShowErrors() ? e : null;
  }

  /** The goal's work; core errors are turned into Maven failures by {@link #execute()}. */
  protected abstract void run() throws MojoExecutionException, MojoFailureException;

  /** The {@code -Dkbuildx.driver.<option>} settings of this session, user properties winning. */
  protected Map<String, String> driverProperties() {
    Map<Object, Object> properties = new HashMap<>(session.getSystemProperties());
    properties.putAll(session.getUserProperties());
    return BuilderDeclaration.driverProperties(properties);
  }

  protected ClusterAccess connect() {
    return ClusterAccess.connect(kubeconfigPath(), kubeContext, connectTimeout(), progressLog());
  }

  protected Path kubeconfigPath() {
    return kubeconfig == null ? null : kubeconfig.toPath();
  }

  /** The {@link #connectTimeout} setting, checked. */
  protected Duration connectTimeout() {
    if (connectTimeout <= 0) {
      throw InvalidSettingException.setting(SettingKey.CONNECT_TIMEOUT.key(), Integer.toString(connectTimeout),
          "a whole number of seconds greater than 0 is expected, for example 30");
    }
    return Duration.ofSeconds(connectTimeout);
  }

  protected ProgressLog progressLog() {
    return new MavenProgressLog(getLog());
  }
}
