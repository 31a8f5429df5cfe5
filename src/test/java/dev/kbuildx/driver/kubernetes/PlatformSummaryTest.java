package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.platform.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformSummaryTest {

  private static String truncated(String... platforms) {
    return PlatformSummary.format(List.of(platforms), true);
  }

  @Test
  void entriesStarTheDeclaredPlatformsAndAddDetectedOnesNotYetListed() {
    List<Platform> declared = Platform.parseList("linux/arm64,linux/amd64", "platforms");
    List<Platform> detected = Platform.parseList("linux/amd64,linux/386,linux/arm64,linux/386", "platforms");

    assertThat(PlatformSummary.entries(declared, detected))
        .containsExactly("linux/arm64*", "linux/amd64*", "linux/386");
    assertThat(PlatformSummary.entries(List.of(), detected)).containsExactly("linux/amd64", "linux/386", "linux/arm64");
  }

  @Test
  void fourOrFewerDistinctPlatformsAreListedInMajorOrder() {
    assertThat(truncated()).isEmpty();
    assertThat(truncated("linux/arm64*", "linux/386", "linux/amd64*"))
        .isEqualTo("linux/amd64*, linux/arm64*, linux/386");
  }

  @Test
  void aFifthGroupBecomesOneMore() {
    assertThat(truncated("linux/s390x*", "linux/ppc64le*", "linux/arm/v7*", "linux/arm64*", "linux/amd64*"))
        .isEqualTo("linux/amd64*, linux/arm64*, linux/arm/v7*, linux/ppc64le*, (1 more)");
  }

  @Test
  void platformsSharingOsArchAreGroupedAndCountedInFull() {
    assertThat(truncated("linux/amd64", "linux/arm/v7", "linux/arm/v6*", "linux/arm/v5", "linux/386"))
        .isEqualTo("linux/amd64, linux/arm* (+3), linux/386");
    assertThat(truncated("linux/amd64", "linux/amd64/v2", "linux/amd64/v3"))
        .isEqualTo("linux/amd64 (+3)");
  }

  @Test
  void collectionStopsAtTheFourthGroupEvenForItsLaterMembers() {
    assertThat(truncated("linux/amd64", "linux/arm64", "linux/arm/v7", "linux/ppc64le", "linux/ppc64le/power9"))
        .isEqualTo("linux/amd64, linux/arm64, linux/arm/v7, linux/ppc64le, (1 more)");
  }

  @Test
  void unknownArchitecturesFollowInAlphabeticalOrderUntilFourEntries() {
    assertThat(truncated("windows/amd64", "linux/loong64", "linux/amd64*", "freebsd/arm64", "darwin/arm64"))
        .isEqualTo("linux/amd64*, darwin/arm64, freebsd/arm64, linux/loong64, (1 more)");
  }

  @Test
  void otherGroupsOnlyFillUpToFourEntries() {
    // mips64le is not the major key mips64: it is collected in step (b) with 386 and loong64.
    assertThat(truncated("linux/mips64le", "linux/amd64", "linux/amd64/v2", "linux/386", "linux/arm64",
        "linux/riscv64", "linux/loong64"))
        .isEqualTo("linux/amd64 (+2), linux/arm64, linux/riscv64, linux/386, (2 more)");
  }

  @Test
  void typicalEmulatedWorkerListKeepsTheFourFirstMajorGroups() {
    assertThat(truncated("linux/amd64", "linux/amd64/v2", "linux/amd64/v3", "linux/arm64", "linux/riscv64",
        "linux/ppc64le", "linux/s390x", "linux/386", "linux/mips64le", "linux/mips64", "linux/arm/v7",
        "linux/arm/v6"))
        .isEqualTo("linux/amd64 (+3), linux/arm64, linux/arm (+2), linux/ppc64le, (5 more)");
  }

  @Test
  void unparseableEntriesAreOnlyCountedAsMore() {
    assertThat(truncated("linux/amd64*", "not a platform"))
        .isEqualTo("linux/amd64*, (1 more)");
  }

  @Test
  void withoutTruncationEverythingIsJoined() {
    assertThat(PlatformSummary.format(
        List.of("linux/amd64*", "linux/arm64*", "linux/arm/v7*", "linux/ppc64le*", "linux/s390x"), false))
        .isEqualTo("linux/amd64*, linux/arm64*, linux/arm/v7*, linux/ppc64le*, linux/s390x");
  }
}
