package dev.kbuildx.build;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.DockerfileSolver;
import dev.kbuildx.buildkit.Output;
import dev.kbuildx.buildkit.SolveResults;
import dev.kbuildx.driver.ConnectedDaemon;
import dev.kbuildx.engine.EngineApi;
import dev.kbuildx.engine.PushedImage;
import dev.kbuildx.progress.ProgressLog;
import dev.kbuildx.registry.CredentialsChain;
import dev.kbuildx.registry.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A build on a Docker Engine's BuildKit, as buildx's docker driver runs it: the engine's image
 * exporter stores the image in the engine (which is also what loading means there), and a push
 * goes through the Engine API afterwards, because that exporter cannot push.
 */
final class EngineBuild {
  static final String PUSH = SettingKey.PUSH.key();

  private final ConnectedDaemon daemon;
  private final CredentialsChain credentials;
  private final ProgressLog log;

  EngineBuild(ConnectedDaemon daemon, CredentialsChain credentials, ProgressLog log) {
    this.daemon = daemon;
    this.credentials = credentials;
    this.log = log;
  }

  /** Builds, then pushes every name of the pushed image outputs; returns the pushed manifests, name by name. */
  Pushed buildAndPush(DockerfileBuild build, boolean loading, String sharedKey) {
    List<String> toPush = new ArrayList<>();
    List<Output> outputs = new ArrayList<>();
    for (Output output : build.outputs()) {
      if (output instanceof Output.Image image && (image.push() || image.pushByDigest())) {
        toPush.addAll(image.names());
        outputs.add(new Output.Image(image.names(), false, false, false, image.options()));
      } else {
        outputs.add(output);
      }
    }
    if (loading && outputs.stream().noneMatch(Output.Image.class::isInstance)) {
      outputs.add(Output.Image.of(List.of(), false));
    }
    SolveResults results = new DockerfileSolver(daemon.channel(), daemon.features(), credentials, log)
        .solve(build.forNode(build.platforms(), outputs, false), sharedKey).results();
    EngineApi engine = daemon.dockerEngine().orElseThrow();
    List<PushedImage> pushed = new ArrayList<>();
    for (String name : toPush) {
      pushed.add(push(engine, name));
    }
    return new Pushed(results, pushed);
  }

  /** Pushes one name of the engine's images, with the credentials kbuildx found for its registry. */
  PushedImage push(EngineApi engine, String name) {
    String host = ImageReference.parse(name, PUSH).domain();
    Optional<CredentialsChain.Match> match = credentials.find(host);
    log.info("pushing " + name + " through the Docker Engine at " + engine.endpoint());
    try {
      PushedImage image = engine.push(name, match.map(CredentialsChain.Match::credentials), log::debug);
      log.info("pushed " + image.reference() + "@" + image.digest());
      return image;
    } catch (KbuildxException e) {
      // Say where the credentials came from (never what they are): the usual fix is there.
      throw new KbuildxException(e.getMessage() + " (" + credentials.origin(host, match) + ")", e);
    }
  }

  /** What the solve reported, and the manifests pushed after it. */
  record Pushed(SolveResults results, List<PushedImage> images) {}
}
