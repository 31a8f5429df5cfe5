package dev.kbuildx.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.buildkit.BuildkitdConfigLoader;
import dev.kbuildx.registry.RegistryHostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildkitdRegistriesTest {

  private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  @TempDir
  Path folder;

  @Test
  void readsHttpInsecureCaFilesAndMirrorsOfEachRegistrySection() throws IOException {
    Files.writeString(folder.resolve("company-ca.pem"), CA);
    BuildkitdConfig config = load("first.toml", """
        debug = true
        [registry."10.244.0.1:5001"]
          http = true
        [registry."registry.company.example"]
          insecure = true
          ca = ["company-ca.pem"]
        [registry."docker.io"]
          mirrors = ["mirror.company.example", "hub.company.example/dockerhub"]
        """);

    var registries = BuildkitdRegistries.of(List.of(config));

    assertThat(registries.forHost("10.244.0.1:5001")).isEqualTo(new RegistryHostConfig(true, false, List.of(), List.of()));
    assertThat(registries.forHost("registry.company.example"))
        .isEqualTo(new RegistryHostConfig(null, true, List.of(CA), List.of()));
    assertThat(registries.forHost("registry-1.docker.io").mirrors())
        .containsExactly("mirror.company.example", "hub.company.example/dockerhub");
    assertThat(registries.forHost("ghcr.io")).isEqualTo(RegistryHostConfig.DEFAULT);
  }

  @Test
  void theFirstNodeWithASectionForAHostDecidesIt() throws IOException {
    BuildkitdConfig first = load("first.toml", """
        [registry."shared.example"]
          http = false
        """);
    BuildkitdConfig second = load("second.toml", """
        [registry."shared.example"]
          http = true
        [registry."only-second.example"]
          http = true
        """);

    var registries = BuildkitdRegistries.of(List.of(BuildkitdConfig.NONE, first, second));

    assertThat(registries.forHost("shared.example").http()).isFalse();
    assertThat(registries.forHost("only-second.example").http()).isTrue();
  }

  private BuildkitdConfig load(String name, String toml) throws IOException {
    return BuildkitdConfigLoader.load(Files.writeString(folder.resolve(name), toml));
  }
}
