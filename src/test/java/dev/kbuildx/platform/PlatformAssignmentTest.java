package dev.kbuildx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformAssignmentTest {

  private final List<String> askedForWorkers = new ArrayList<>();

  private static NodePlatforms node(String name, String platforms) {
    return new NodePlatforms(name, Platform.parseList(platforms, "platforms"));
  }

  private static List<Platform> platforms(String platforms) {
    return Platform.parseList(platforms, "platforms");
  }

  private static NodeAssignment assignment(String node, String platforms) {
    return new NodeAssignment(node, platforms(platforms));
  }

  /** Assigns with nodes whose workers report no platforms beyond the declared ones. */
  private List<NodeAssignment> assign(String requested, NodePlatforms... nodes) {
    return assign(requested, Map.of(), nodes);
  }

  private List<NodeAssignment> assign(String requested, Map<String, String> workers, NodePlatforms... nodes) {
    return PlatformAssignment.assign(List.of(nodes), platforms(requested), node -> {
      askedForWorkers.add(node.name());
      return platforms(workers.getOrDefault(node.name(), ""));
    });
  }

  @Test
  void exactDeclaredMatchesNeedNoWorkerPlatforms() {
    assertThat(assign("linux/arm64,linux/amd64", node("a", "linux/amd64"), node("b", "linux/arm64")))
        .containsExactly(assignment("b", "linux/arm64"), assignment("a", "linux/amd64"));
    assertThat(askedForWorkers).isEmpty();
  }

  @Test
  void platformsAreComparedInNormalisedForm() {
    assertThat(assign("linux/arm64,linux/amd64/v1,linux/arm",
        node("a", "linux/x86_64"), node("b", "linux/arm64/v8"), node("c", "linux/arm/v7")))
        .containsExactly(
            assignment("b", "linux/arm64"), assignment("a", "linux/amd64"), assignment("c", "linux/arm/v7"));
    assertThat(askedForWorkers).isEmpty();
  }

  @Test
  void theEarliestNodeWinsAmongEqualMatches() {
    assertThat(assign("linux/amd64", node("a", "linux/amd64"), node("b", "linux/amd64")))
        .containsExactly(assignment("a", "linux/amd64"));
    assertThat(assign("linux/386", node("a", "linux/amd64"), node("b", "linux/amd64")))
        .containsExactly(assignment("a", "linux/386"));
  }

  @Test
  void armV7PrefersTheArmV8NodeOverTheArm64Node() {
    assertThat(assign("linux/arm/v7", node("a", "linux/arm64"), node("b", "linux/arm/v8")))
        .containsExactly(assignment("b", "linux/arm/v7"));
    assertThat(askedForWorkers).containsExactly("a", "b");
  }

  @Test
  void anExactMatchBeatsAnEarlierCompatibleOne() {
    // riscv64 matches nothing, so the compatible pass runs and re-matches arm/v7 too.
    assertThat(assign("linux/arm/v7,linux/riscv64", node("a", "linux/arm/v8"), node("b", "linux/arm/v7")))
        .containsExactly(assignment("b", "linux/arm/v7"), assignment("a", "linux/riscv64"));
  }

  @Test
  void theCloserCompatiblePlatformBeatsAnEarlierNode() {
    assertThat(assign("linux/arm/v5", node("a", "linux/arm/v7"), node("b", "linux/arm/v6")))
        .containsExactly(assignment("b", "linux/arm/v5"));
    assertThat(assign("linux/amd64", node("a", "linux/amd64/v2"), node("b", "linux/amd64/v3")))
        .containsExactly(assignment("a", "linux/amd64"));
  }

  @Test
  void amd64LevelsBuildLowerLevels() {
    assertThat(assign("linux/amd64/v2", node("a", "linux/arm64"), node("b", "linux/amd64/v3")))
        .containsExactly(assignment("b", "linux/amd64/v2"));
    assertThat(assign("linux/amd64/v3", node("a", "linux/arm64"), node("b", "linux/amd64/v2")))
        .containsExactly(assignment("a", "linux/amd64/v3"));
  }

  @Test
  void arm64NodesBuildArmV7ButArmV7NodesNotArm64() {
    assertThat(assign("linux/arm/v7", node("a", "linux/amd64"), node("b", "linux/arm64")))
        .containsExactly(assignment("b", "linux/arm/v7"));
    assertThat(assign("linux/arm64", node("a", "linux/amd64"), node("b", "linux/arm/v7")))
        .containsExactly(assignment("a", "linux/arm64"));
  }

  @Test
  void i386GoesToTheAmd64NodeInTheCompatiblePass() {
    assertThat(assign("linux/386", node("a", "linux/arm64"), node("b", "linux/amd64")))
        .containsExactly(assignment("b", "linux/386"));
    assertThat(askedForWorkers).containsExactly("a", "b");
  }

  @Test
  void workerPlatformsCountInTheCompatiblePass() {
    assertThat(assign("linux/riscv64", Map.of("b", "linux/arm64,linux/riscv64"),
        node("a", "linux/amd64"), node("b", "linux/arm64")))
        .containsExactly(assignment("b", "linux/riscv64"));
  }

  @Test
  void theCompatiblePassReMatchesEveryPlatform() {
    // amd64 matched b strictly, but a's emulated amd64 comes first once all platforms count.
    assertThat(assign("linux/amd64,linux/riscv64", Map.of("a", "linux/arm64,linux/amd64,linux/riscv64"),
        node("a", "linux/arm64"), node("b", "linux/amd64")))
        .containsExactly(assignment("a", "linux/amd64,linux/riscv64"));
  }

  @Test
  void platformsOfOneNodeAreRecombinedInOrderOfFirstAppearance() {
    assertThat(assign("linux/arm64,linux/amd64,linux/arm/v7",
        node("a", "linux/amd64"), node("b", "linux/arm64,linux/arm/v7")))
        .containsExactly(assignment("b", "linux/arm64,linux/arm/v7"), assignment("a", "linux/amd64"));
  }

  @Test
  void platformsNoNodeCanBuildGoToTheFirstNode() {
    assertThat(assign("linux/arm64,linux/s390x,linux/amd64", node("a", "linux/amd64"), node("b", "linux/arm64")))
        .containsExactly(assignment("b", "linux/arm64"), assignment("a", "linux/s390x,linux/amd64"));
    assertThat(assign("linux/s390x", node("a", ""), node("b", "linux/arm64")))
        .containsExactly(assignment("a", "linux/s390x"));
  }

  @Test
  void anEmptyRequestBuildsOnTheFirstNodeForItsDefaultPlatform() {
    assertThat(assign("", node("a", "linux/arm64"), node("b", "linux/amd64")))
        .containsExactly(new NodeAssignment("a", List.of()));
    assertThat(askedForWorkers).isEmpty();
  }

  @Test
  void aBuilderWithoutNodesIsRefused() {
    assertThatThrownBy(() -> assign("linux/amd64")).isInstanceOf(IllegalArgumentException.class);
  }
}
