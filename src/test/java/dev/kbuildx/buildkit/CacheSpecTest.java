package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheSpecTest {
  @TempDir
  Path base;

  @Test
  void aBareReferenceIsARegistryImport() {
    assertThat(CacheSpec.parseImport("registry.example.com/app:cache", base))
        .isEqualTo(new CacheSpec.Registry("registry.example.com/app:cache", Map.of()));
  }

  @Test
  void readsRegistryImportsAndExportsWithTheirOptions() {
    assertThat(CacheSpec.parseImport("type=registry,ref=host:5000/app:cache", base))
        .isEqualTo(new CacheSpec.Registry("host:5000/app:cache", Map.of()));

    CacheSpec export =
        CacheSpec.parseExport("type=registry,ref=host:5000/app:cache,mode=max,image-manifest=true", base);

    assertThat(export).isEqualTo(new CacheSpec.Registry("host:5000/app:cache",
        Map.of("mode", "max", "image-manifest", "true")));
    assertThat(export.type()).isEqualTo("registry");
  }

  @Test
  void readsLocalCachesRelativeToTheBase() {
    assertThat(CacheSpec.parseImport("type=local,src=cache", base))
        .isEqualTo(new CacheSpec.Local(base.resolve("cache"), Map.of()));
    assertThat(CacheSpec.parseExport("type=local,dest=cache,mode=max", base))
        .isEqualTo(new CacheSpec.Local(base.resolve("cache"), Map.of("mode", "max")));
  }

  @Test
  void readsInline() {
    CacheSpec inline = CacheSpec.parseExport("type=inline", base);

    assertThat(inline).isEqualTo(new CacheSpec.Inline());
    assertThat(inline.type()).isEqualTo("inline");
  }

  @Test
  void refusesWhatCannotWork() {
    assertRefusedImport("type=inline", "imported from the image that carries it");
    assertRefusedImport("type=gha", "unsupported type gha");
    assertRefusedImport("type=registry", "ref is required");
    assertRefusedImport("Registry.example.com/App", "must be lower-case");
    assertRefusedImport("", "expected an image reference");
    assertRefusedExport("host/app:cache", "expected type=registry");
    assertRefusedExport("type=registry,ref=app,mode=all", "mode must be min or max");
    assertRefusedExport("type=inline,mode=max", "only holds mode=min");
    assertRefusedExport("type=inline,ref=app", "unknown field ref");
    assertRefusedExport("type=local", "dest is required");
  }

  private void assertRefusedImport(String spec, String reason) {
    assertThatThrownBy(() -> CacheSpec.parseImport(spec, base))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo(SettingKey.CACHE_FROM.key());
          assertThat(e.getMessage()).contains(reason);
        });
  }

  private void assertRefusedExport(String spec, String reason) {
    assertThatThrownBy(() -> CacheSpec.parseExport(spec, base))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo(SettingKey.CACHE_TO.key());
          assertThat(e.getMessage()).contains(reason);
        });
  }
}
