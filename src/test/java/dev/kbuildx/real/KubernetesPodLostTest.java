package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.progress.CollectingLog;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The BuildKit pod of a Kubernetes node is deleted while it builds: a clear failure, then the next build works. */
class KubernetesPodLostTest {
  /** The host's static busybox: RUN needs a program, and the pods cannot pull a base image. */
  private static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final String RUNNING = "the step is running now";
  private static final Duration STEP_START = Duration.ofMinutes(3);

  @TempDir Path dir;
  @RegisterExtension final LibraryLogWatch libraryLog = new LibraryLogWatch();

  @Test
  void aPodDeletedMidBuildFailsThatBuildClearlyAndTheNextBuildUsesItsReplacement() throws Exception {
    try (FreshNamespace namespace = FreshNamespace.create("pod-deleted", dir)) {
      CollectingLog log = new CollectingLog();
      ClusterBuilds builds = new ClusterBuilds(namespace.kubeconfig(),
          ClusterBuilds.oneNode("victim", "victim0", Map.of()), Map.of(), dir.resolve("work"), log);
      Path context = Files.createDirectories(dir.resolve("context"));
      Files.copy(BUSYBOX, context.resolve("busybox"));
      Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n"
          + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo " + RUNNING + "; /bin/busybox sleep 600\"]\n");

      CompletableFuture<?> slowBuild = CompletableFuture.supplyAsync(
          () -> builds.build(DockerfileBuild.builder(context).noCache(true).build()));
      awaitLine(log, RUNNING, slowBuild);
      String pod = onlyPod(namespace).getMetadata().getName();
      namespace.cluster().client().pods().inNamespace(namespace.name()).withName(pod).withGracePeriod(0).delete();

      assertThatThrownBy(() -> slowBuild.get(2, TimeUnit.MINUTES))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(KbuildxException.class)
          .hasMessageMatching(Pattern.quote("The build on the BuildKit daemon failed: the connection to pod " + pod
              + " in namespace " + namespace.name() + " failed: pod " + pod) + " (is being|was) deleted, so the"
              + " connection to it was lost( \\(buildctl dial-stdio exited with code \\d+\\))?" + Pattern.quote(
              "; build again to use the node's other or replacement pod. Check that the BuildKit daemon runs and is"
              + " reachable (its log tells why it stopped), then build again"));

      Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n"
          + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo rebuilt > /rebuilt.txt\"]\n");
      Path out = dir.resolve("out");
      builds.build(DockerfileBuild.builder(context).output("type=local,dest=" + out).build());

      assertThat(Files.readString(out.resolve("rebuilt.txt"))).isEqualTo("rebuilt\n");
      assertThat(onlyPod(namespace).getMetadata().getName()).isNotEqualTo(pod);
    }
  }

  /** Polls the build's progress for a line its RUN step prints once it runs. */
  private static void awaitLine(CollectingLog log, String fragment, CompletableFuture<?> build)
      throws InterruptedException, ExecutionException {
    Instant deadline = Instant.now().plus(STEP_START);
    while (log.lines.stream().noneMatch(line -> line.contains(fragment))) {
      if (build.isDone()) {
        build.get();
        throw new AssertionError("the build ended before its RUN step printed: " + log.lines);
      }
      assertThat(Instant.now()).as("the RUN step starts within %s", STEP_START).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  private static Pod onlyPod(FreshNamespace namespace) {
    List<Pod> pods = namespace.cluster().client().pods().inNamespace(namespace.name()).withLabel("app", "victim0").list().getItems()
        .stream().filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
    assertThat(pods).hasSize(1);
    return pods.get(0);
  }
}
