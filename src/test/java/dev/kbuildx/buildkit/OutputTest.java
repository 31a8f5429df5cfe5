package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTest {
  @TempDir
  Path base;

  @Test
  void readsAnImageWithSeveralQuotedNamesAndPushFlags() {
    Output output = Output.parse(
        "type=image,\"name=registry.example.com/app:1.0,registry.example.com/app:latest\",push=true,"
            + "push-by-digest=false,registry.insecure=1,compression=zstd", base);

    assertThat(output).isEqualTo(new Output.Image(
        List.of("registry.example.com/app:1.0", "registry.example.com/app:latest"), true, false, true,
        Map.of("compression", "zstd")));
    assertThat(output.exporterType()).isEqualTo("image");
    assertThat(output.exporterAttrs()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "name", "registry.example.com/app:1.0,registry.example.com/app:latest",
        "push", "true",
        "registry.insecure", "true",
        "compression", "zstd"));
  }

  @Test
  void registryTypeIsAPushedImage() {
    Output output = Output.parse("type=registry,name=localhost:5000/app", base);

    assertThat(output.exporterType()).isEqualTo("image");
    assertThat(output.exporterAttrs()).containsExactlyInAnyOrderEntriesOf(Map.of("name", "localhost:5000/app",
        "push", "true"));
  }

  @Test
  void anEmptyBooleanMeansTrueAsBuildkitReadsIt() {
    Output.Image image = (Output.Image) Output.parse("type=image,name=app,push=", base);

    assertThat(image.push()).isTrue();
  }

  @Test
  void keysAreCaseInsensitive() {
    Output.Image image = (Output.Image) Output.parse("TYPE=image,Name=app,PUSH=true", base);

    assertThat(image.names()).containsExactly("app");
    assertThat(image.push()).isTrue();
  }

  @Test
  void fileOutputsResolveTheirDestinationAndDoNotSendIt() {
    Output oci = Output.parse("type=oci,dest=out/image.tar,name=app:1", base);
    Output docker = Output.parse("type=docker,dest=" + base.resolve("d.tar"), base);
    Output tar = Output.parse("type=tar,dest=fs.tar,platform-split=false", base);

    assertThat(oci).isEqualTo(new Output.OciArchive(base.resolve("out/image.tar"), List.of("app:1"), Map.of()));
    assertThat(oci.exporterAttrs()).containsExactlyEntriesOf(Map.of("name", "app:1"));
    assertThat(docker).isEqualTo(new Output.DockerArchive(base.resolve("d.tar"), List.of(), Map.of()));
    assertThat(docker.exporterAttrs()).isEmpty();
    assertThat(tar).isEqualTo(new Output.Tarball(base.resolve("fs.tar"), Map.of("platform-split", "false")));
    assertThat(tar.exporterType()).isEqualTo("tar");
    assertThat(tar.exporterAttrs()).containsExactlyEntriesOf(Map.of("platform-split", "false"));
  }

  @Test
  void aBareValueIsALocalDirectoryLikeBuildx() {
    Output output = Output.parse("build/out", base);

    assertThat(output).isEqualTo(new Output.LocalDirectory(base.resolve("build/out"), Map.of()));
    assertThat(output.exporterType()).isEqualTo("local");
    assertThat(((Output.ToClient) output).destination()).isEqualTo(base.resolve("build/out"));
  }

  @Test
  void localKeepsItsOptions() {
    Output output = Output.parse("type=local,dest=out,platform-split=false", base);

    assertThat(output.exporterAttrs()).containsExactlyEntriesOf(Map.of("platform-split", "false"));
  }

  @Test
  void refusesWhatCannotWork() throws IOException {
    Files.createDirectory(base.resolve("dir"));
    Files.writeString(base.resolve("file"), "x");

    assertRefused("name=app", "type is required");
    assertRefused("type=image,push=true", "pushing needs at least one image name");
    assertRefused("type=image,name=App", "must be lower-case");
    assertRefused("type=image,name=app,push=yes", "push=yes is not a boolean");
    assertRefused("type=image,name=app,dest=x.tar", "an image output has no dest");
    assertRefused("type=oci", "dest is required");
    assertRefused("type=oci,dest=x,tar=false", "tar=false needs a client-side content store");
    assertRefused("type=tar,dest=dir", "is a directory");
    assertRefused("type=local,dest=file", "is a file");
    assertRefused("type=s3", "unknown type s3");
    assertRefused("-", "standard output is the build log");
    assertRefused("", "expected type=image");
    assertRefused("type=image,\"name=a", "a quoted field is not closed; fields are key=value");
  }

  @Test
  void cacheOnlyIsRecognisedAndTakesNoOtherField() {
    assertThat(Output.cacheOnly("type=cacheonly")).isTrue();
    assertThat(Output.cacheOnly(" type=cacheonly ")).isTrue();
    assertThat(Output.cacheOnly("type=local,dest=out")).isFalse();
    assertThat(Output.cacheOnly("cacheonly")).isFalse();
    assertThatThrownBy(() -> Output.cacheOnly("type=cacheonly,dest=out,mode=max"))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo(SettingKey.OUTPUTS.key());
          assertThat(e.getMessage()).contains("type=cacheonly exports nothing, so it takes no other field;"
              + " remove dest, mode");
        });
  }

  private void assertRefused(String spec, String reason) {
    assertThatThrownBy(() -> Output.parse(spec, base))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo(SettingKey.OUTPUTS.key());
          assertThat(e.getMessage()).contains(reason);
        });
  }
}
