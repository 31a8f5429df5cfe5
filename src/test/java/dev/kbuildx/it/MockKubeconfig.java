package dev.kbuildx.it;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kubeconfig that points the forked integration-test builds at the mock cluster. It has two
 * contexts on the same server so tests can switch namespace by context: the current one
 * ({@value #CONTEXT}, namespace {@value #NAMESPACE}) and {@value #OTHER_CONTEXT} (namespace
 * {@value #OTHER_NAMESPACE}).
 */
public final class MockKubeconfig {
  public static final String CONTEXT = "kbuildx-it";
  public static final String NAMESPACE = "builds";
  public static final String OTHER_CONTEXT = "kbuildx-it-other";
  public static final String OTHER_NAMESPACE = "other-builds";

  private static final String CLUSTER = "kbuildx-it";
  private static final String USER = "kbuildx-it";

  private MockKubeconfig() {}

  /** Writes the kubeconfig for the API server at {@code serverUrl} to {@code file}. */
  public static Path write(Path file, String serverUrl) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, Serialization.asYaml(forServer(serverUrl)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the mock cluster kubeconfig " + file, e);
    }
  }

  static Config forServer(String serverUrl) {
    // The mock server's certificate is self-signed, as is common for test clusters.
    return new ConfigBuilder()
        .withApiVersion("v1")
        .withKind("Config")
        .addNewCluster().withName(CLUSTER)
            .withNewCluster().withServer(serverUrl).withInsecureSkipTlsVerify(true).endCluster()
        .endCluster()
        .addNewUser().withName(USER).withNewUser().withToken("kbuildx-it-token").endUser().endUser()
        .addNewContext().withName(CONTEXT)
            .withNewContext().withCluster(CLUSTER).withUser(USER).withNamespace(NAMESPACE).endContext()
        .endContext()
        .addNewContext().withName(OTHER_CONTEXT)
            .withNewContext().withCluster(CLUSTER).withUser(USER).withNamespace(OTHER_NAMESPACE)
            .endContext()
        .endContext()
        .withCurrentContext(CONTEXT)
        .build();
  }
}
