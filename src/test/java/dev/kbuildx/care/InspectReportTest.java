package dev.kbuildx.care;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbuildx.buildkit.WorkerInfo;
import dev.kbuildx.driver.DriverDescription;
import dev.kbuildx.driver.DriverStatus;
import dev.kbuildx.platform.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InspectReportTest {
  private static final Platform AMD64 = Platform.parse("linux/amd64", "platforms");
  private static final Platform ARM64 = Platform.parse("linux/arm64", "platforms");
  private static final NodeInspection KUBE = new NodeInspection("kube0", DriverStatus.RUNNING,
      new DriverDescription("kubernetes", "kubernetes:///ci?deployment=kube0&namespace=ci", Map.of("replicas", "1"),
          List.of("--debug"), List.of("buildkitd.toml"),
          List.of(new DriverDescription.Pod("kube0-abc", "running", true))),
      List.of(ARM64), "v0.24.0",
      List.of(new WorkerInfo("w1", List.of(AMD64, ARM64), Map.of("org.mobyproject.buildkit.worker.executor", "oci"))),
      null);
  private static final NodeInspection DOWN = new NodeInspection("kube1", DriverStatus.RUNNING,
      DriverDescription.external("remote", "tcp://10.0.0.1:1234", Map.of()), List.of(), "", List.of(),
      "Connecting to the BuildKit daemon failed: tcp://10.0.0.1:1234 refused the connection");

  @Test
  void printsEachNodeAsBuildxDoesWithItsPodsAndConfig() {
    assertThat(new InspectReport("ci", List.of(KUBE, DOWN)).lines()).containsExactly(
        "Name:          ci",
        "Driver:        kubernetes, remote",
        "",
        "Nodes:",
        "Name:                  kube0",
        "Endpoint:              kubernetes:///ci?deployment=kube0&namespace=ci",
        "Driver Options:        replicas=\"1\"",
        "Status:                running",
        "BuildKit daemon flags: --debug",
        "BuildKit config:       buildkitd.toml",
        "BuildKit version:      v0.24.0",
        "Platforms:             linux/arm64*, linux/amd64",
        "Pods:                  kube0-abc (running, ready)",
        "Labels:",
        " org.mobyproject.buildkit.worker.executor: oci",
        "",
        "Name:                  kube1",
        "Endpoint:              tcp://10.0.0.1:1234",
        "Status:                error",
        "Error:                 Connecting to the BuildKit daemon failed: tcp://10.0.0.1:1234 refused the connection");
  }

  @Test
  void jsonNamesEveryFieldAndLeavesWhatIsUnknownNull() throws Exception {
    JsonNode json = new ObjectMapper().readTree(new InspectReport("ci", List.of(KUBE, DOWN)).json());

    assertThat(json.get("name").asText()).isEqualTo("ci");
    JsonNode kube = json.get("nodes").get(0);
    assertThat(kube.get("status").asText()).isEqualTo("running");
    assertThat(kube.get("driverOptions").get("replicas").asText()).isEqualTo("1");
    assertThat(kube.get("declaredPlatforms").get(0).asText()).isEqualTo("linux/arm64");
    assertThat(kube.get("platforms").get(1).asText()).isEqualTo("linux/arm64");
    assertThat(kube.get("pods").get(0).get("ready").asBoolean()).isTrue();
    assertThat(kube.get("workers").get(0).get("labels").size()).isEqualTo(1);
    JsonNode down = json.get("nodes").get(1);
    assertThat(down.get("status").asText()).isEqualTo("error");
    assertThat(down.get("error").asText()).contains("refused");
    assertThat(down.get("buildkitVersion").isNull()).isTrue();
  }
}
