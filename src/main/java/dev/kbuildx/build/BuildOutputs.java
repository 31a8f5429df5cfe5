package dev.kbuildx.build;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.Output;
import dev.kbuildx.registry.ImageReference;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a build's result goes, from the tags, the push flag and buildx-style outputs, as
 * {@code docker buildx build -t ... [--push] [-o ...]} decides it: without outputs, tags make an
 * image output (pushed with {@code push}); with outputs, tags name the image outputs that have no
 * name; with neither, or with {@code type=cacheonly}, the build only fills the cache.
 */
public final class BuildOutputs {
  static final String TAGS = SettingKey.TAGS.key();
  static final String PUSH = SettingKey.PUSH.key();

  private BuildOutputs() {}

  /** Adds the outputs to {@code build}; relative destinations are resolved against {@code baseDirectory}. */
  public static void apply(DockerfileBuild.Builder build, Path baseDirectory, List<String> tags, boolean push,
      List<String> outputs) {
    List<String> names = tags.stream().map(String::trim).filter(tag -> !tag.isEmpty()).toList();
    names.forEach(tag -> ImageReference.parse(tag, TAGS));
    if (outputs.isEmpty()) {
      if (!names.isEmpty()) {
        build.output(Output.Image.of(names, push));
      } else if (push) {
        throw InvalidSettingException.setting(PUSH, "true", "pushing needs at least one image name in tags");
      }
      return;
    }
    if (push) {
      throw InvalidSettingException.setting(PUSH, "true", outputs.stream().anyMatch(Output::cacheOnly)
          ? "push and a type=cacheonly output cannot be used together, as in buildx: cacheonly exports nothing"
              + " to push; drop one of them"
          : "push applies to the image that tags name when no outputs are set; with outputs, push with an output"
              + " such as type=registry,name=registry.example.com/app:1");
    }
    for (String spec : outputs) {
      if (Output.cacheOnly(spec)) {
        build.output(spec);
        continue;
      }
      Output output = Output.parse(spec, baseDirectory);
      build.output(output instanceof Output.Image image && image.names().isEmpty() && !names.isEmpty()
          ? new Output.Image(names, image.push(), image.pushByDigest(), image.insecure(), image.options())
          : output);
    }
  }
}
