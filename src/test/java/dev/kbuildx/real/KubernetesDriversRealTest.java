package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.ConnectedDaemon;
import dev.kbuildx.driver.DialTimeout;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.DriverStatus;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesDrivers;
import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import dev.kbuildx.driver.kubernetes.NodeSpec;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.CollectingLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes driver on the real cluster: status, one bootstrap for the whole builder, node order, dial. */
class KubernetesDriversRealTest {
  @TempDir Path dir;

  @Test
  void aDeclaredBuilderBootsOnceAndAnUndeclaredOneIsUsedAsTheClusterHoldsIt() {
    try (FreshNamespace namespace = FreshNamespace.create("drivers", dir);
        ClusterAccess access = ClusterAccess.connect(namespace.kubeconfig(), null)) {
      CollectingLog log = new CollectingLog();
      BuilderSpec declared = new BuilderSpec("drivers", List.of(node("zeta", "linux/amd64", Map.of()),
          node("alpha", "linux/arm64", Map.of("default-load", "true"))));

      List<Driver> drivers = KubernetesDrivers.forBuild(access, "drivers", declared, null, "context", log);
      assertThat(drivers).extracting(Driver::name).as("declaration order").containsExactly("zeta", "alpha");
      assertThat(drivers).extracting(Driver::info).containsOnly(DriverStatus.INACTIVE);

      new BuilderNodes(drivers, List.of(), DialTimeout.DEFAULT).bootstrapped();
      assertThat(drivers).extracting(Driver::info).containsOnly(DriverStatus.RUNNING);
      assertThat(log.messages()).filteredOn(line -> line.contains("bootstrapping")).as("one create for both nodes")
          .hasSize(1);

      List<Driver> existing = KubernetesDrivers.forBuild(access, "drivers", null, null, "context", log);
      assertThat(existing).extracting(Driver::name).as("by name, as stored").containsExactly("alpha", "zeta");
      assertThat(existing.get(0).platforms()).containsExactly(Platform.parse("linux/arm64", "platforms"));
      assertThat(existing.get(0).features().defaultLoad()).as("stored default-load").isTrue();
      assertThat(existing.get(1).features().defaultLoad()).isFalse();
      try (ConnectedDaemon daemon = existing.get(1).dial(DialTimeout.DEFAULT)) {
        assertThat(daemon.features().version()).startsWith("v0.24");
        assertThat(daemon.description()).isEqualTo("kubernetes builder drivers node zeta");
      }
    }
  }

  private static NodeSpec node(String name, String platform, Map<String, String> driverOptions) {
    return new NodeSpec(name, List.of(Platform.parse(platform, "platforms")),
        new KubernetesOptionsBuilder().setAll(driverOptions).build(), List.of(), BuildkitdConfig.NONE);
  }
}
