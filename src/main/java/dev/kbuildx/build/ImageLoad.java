package dev.kbuildx.build;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.buildkit.Output;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.engine.EngineApi;
import dev.kbuildx.progress.ProgressLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Loading the built image into the local Docker Engine, as {@code docker buildx build --load}: a
 * builder other than the engine's own exports a docker tarball, which the Engine API then loads.
 */
public final class ImageLoad {
  /** The setting key of the load flag. */
  public static final String LOAD = SettingKey.LOAD.key();

  private final LoadTarget target;
  private final Path workDirectory;
  private final Supplier<EngineApi> engine;

  /**
   * @param explicit the user asked to load into the Docker Engine
   * @param workDirectory where the tarball waits for the engine, e.g. {@code target/kbuildx}
   * @param engine the local Docker Engine, only reached when an image is loaded
   */
  public ImageLoad(boolean explicit, Path workDirectory, Supplier<EngineApi> engine) {
    this(explicit ? LoadTarget.DOCKER : LoadTarget.NONE, workDirectory, engine);
  }

  /** @param target where the user asked to load; a load into the cluster never reaches the Docker Engine */
  public ImageLoad(LoadTarget target, Path workDirectory, Supplier<EngineApi> engine) {
    this.target = target;
    this.workDirectory = workDirectory;
    this.engine = engine;
  }

  /**
   * Whether the image goes to the Docker Engine.
   *
   * @param nodeDefault the node's {@code default-load} applies: it is set and the build has no output
   */
  boolean requested(boolean nodeDefault) {
    return target == LoadTarget.DOCKER || target == LoadTarget.NONE && nodeDefault;
  }

  /** Refuses, before any node is started or dialled, a load into the cluster that none of {@code nodes} can do. */
  public void checkBuilder(List<Driver> nodes) {
    if (intoCluster()) {
      ClusterLoad.checkBuilder(nodes);
    }
  }

  /** The load setting's value, as users write it. */
  String value() {
    return target.value();
  }

  /** Whether the image is stored in the runtime of the Kubernetes node that builds it. */
  boolean intoCluster() {
    return target == LoadTarget.CLUSTER;
  }

  /** A docker tarball output named with {@code tags}, in a fresh file of the work directory. */
  Output.DockerArchive tarball(List<String> tags) {
    try {
      Files.createDirectories(workDirectory);
    } catch (IOException e) {
      throw new KbuildxException("cannot create " + workDirectory + " for the image to load: " + e.getMessage(), e);
    }
    return new Output.DockerArchive(workDirectory.resolve("load-" + UUID.randomUUID() + ".tar"), tags, Map.of());
  }

  /** Loads the tarball into the engine and deletes it. */
  void load(Output.DockerArchive tarball, ProgressLog log) {
    try {
      EngineApi local = engine.get();
      List<String> loaded = local.load(tarball.destination());
      log.info("Loaded " + (loaded.isEmpty() ? "the image" : String.join(", ", loaded)) + " into the Docker Engine at "
          + local.endpoint());
    } finally {
      try {
        Files.deleteIfExists(tarball.destination());
      } catch (IOException e) {
        throw new KbuildxException("cannot delete " + tarball.destination() + " after loading it: " + e.getMessage(), e);
      }
    }
  }
}
