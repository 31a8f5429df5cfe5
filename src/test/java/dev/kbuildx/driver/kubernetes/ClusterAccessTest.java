package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kbuildx.InvalidSettingException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class ClusterAccessTest {
  private static final String KUBECONFIG = """
      apiVersion: v1
      kind: Config
      current-context: one
      clusters:
      - name: c1
        cluster: {server: "https://one.example:6443"}
      - name: c2
        cluster: {server: "https://two.example:6443"}
      contexts:
      - name: one
        context: {cluster: c1, user: u, namespace: builds}
      - name: two
        context: {cluster: c2, user: u}
      users:
      - name: u
        user: {token: not-a-real-token}
      """;

  KubernetesClient client;

  @TempDir
  Path dir;
  private Path kubeconfig;

  @BeforeEach
  void writeKubeconfig() throws IOException {
    kubeconfig = Files.writeString(dir.resolve("config"), KUBECONFIG);
  }

  @Test
  void anExplicitKubeconfigUsesItsCurrentContext() {
    try (ClusterAccess access = ClusterAccess.connect(kubeconfig, null)) {
      assertThat(access.client().getMasterUrl()).hasToString("https://one.example:6443/");
      assertThat(access.defaultNamespace()).isEqualTo("builds");
    }
  }

  @Test
  void aContextWithoutNamespaceUsesDefault() {
    try (ClusterAccess access = ClusterAccess.connect(kubeconfig, "two")) {
      assertThat(access.client().getMasterUrl()).hasToString("https://two.example:6443/");
      assertThat(access.defaultNamespace()).isEqualTo("default");
    }
  }

  @Test
  void anUnknownContextNamesTheKnownOnes() {
    assertThatThrownBy(() -> ClusterAccess.connect(kubeconfig, "three"))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("kubeContext");
          assertThat(e.value()).isEqualTo("three");
          assertThat(e.accepted()).isEqualTo("the kubeconfig defines the contexts one, two");
        });
  }

  @Test
  void aMissingOrBrokenKubeconfigIsRejected() throws IOException {
    assertThatThrownBy(() -> ClusterAccess.connect(dir.resolve("absent"), null))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.setting()).isEqualTo("kubeconfig"));
    Path broken = Files.writeString(dir.resolve("broken"), "{{{ token: secret");
    assertThatThrownBy(() -> ClusterAccess.connect(broken, null))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("kubeconfig");
          assertThat(e.getMessage()).doesNotContain("secret");
        });
  }

  @Test
  void dryRunsReadTheNamespaceWithoutConnecting() {
    assertThat(ClusterAccess.namespaceWithoutCluster(kubeconfig, null)).isEqualTo("builds");
    assertThat(ClusterAccess.namespaceWithoutCluster(kubeconfig, "two")).isEqualTo("default");
  }

  @Test
  void theStandardSearchHonoursTheKubeconfigProperty() {
    assumeTrue(System.getenv("KUBERNETES_SERVICE_HOST") == null, "inside a pod the service account is found");
    String previous = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
    try {
      System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
      assertThat(ClusterAccess.namespaceWithoutCluster(null, "two")).isEqualTo("default");
      System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, dir.resolve("absent").toString());
      assertThat(ClusterAccess.namespaceWithoutCluster(null, null)).isNull();
      assertThatThrownBy(() -> ClusterAccess.namespaceWithoutCluster(null, "one"))
          .hasMessageContaining("no kubeconfig with contexts was found");
    } finally {
      if (previous == null) {
        System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
      } else {
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previous);
      }
    }
  }

  @Test
  void wrapsAnExistingClient() {
    ClusterAccess access = ClusterAccess.of(client);

    assertThat(access.client()).isSameAs(client);
    assertThat(access.defaultNamespace()).isEqualTo(client.getNamespace());
  }

  @Test
  void buildsInOneJvmShareOneClientPerKubeconfigUntilTheFileChanges() throws IOException {
    KubernetesClient kept;
    try (ClusterAccess first = ClusterAccess.connect(kubeconfig, null)) {
      kept = first.client();
    }
    assertThat(kept.getHttpClient().isClosed()).as("kept for the next build").isFalse();
    ClusterAccess build = ClusterAccess.connect(kubeconfig, null);
    assertThat(build.client()).isSameAs(kept);
    ClusterAccess connection = build.share();
    build.close();

    Files.writeString(kubeconfig, KUBECONFIG + "# edited\n");
    try (ClusterAccess afterEdit = ClusterAccess.connect(kubeconfig, null)) {
      assertThat(afterEdit.client()).isNotSameAs(kept);
    }
    assertThat(kept.getHttpClient().isClosed()).as("a connection still uses it").isFalse();
    connection.close();
    assertThat(kept.getHttpClient().isClosed()).isTrue();
    assertThatThrownBy(connection::share).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aWrappedClientClosesWithItsLastHandle() {
    KubernetesClient own = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
        .withConfig(client.getConfiguration()).build();
    ClusterAccess access = ClusterAccess.of(own);
    ClusterAccess shared = access.share();

    access.close();
    assertThat(own.getHttpClient().isClosed()).isFalse();
    shared.close();
    assertThat(own.getHttpClient().isClosed()).isTrue();
  }
}
