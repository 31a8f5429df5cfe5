package dev.kbuildx.driver.kubernetes;

import java.util.function.BooleanSupplier;
import dev.kbuildx.Await;
import dev.kbuildx.options.HumanDuration;
import dev.kbuildx.progress.CollectingLog;
import static dev.kbuildx.driver.kubernetes.KubeFixtures.NAMESPACE;
import static dev.kbuildx.driver.kubernetes.KubeFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ReadinessWaiterTest {
  KubernetesClient client;

  private final CollectingLog log = new CollectingLog();
  private final SteppingClock clock = new SteppingClock();

  @Test
  void returnsOncePodsBecomeReady() throws Exception {
    RenderedNode kube0 = applied(node("kube", "kube0", Map.of("replicas", "2"), ""));
    CompletableFuture<Void> kubelet = CompletableFuture.runAsync(() -> {
      // Ready only once the waiter has seen the pods not ready.
      awaitQuietly("the waiter waits for the pods", () -> log.messages().stream().anyMatch(m -> m.startsWith("waiting")));
      client.apps().deployments().inNamespace(NAMESPACE).withName("kube0")
          .editStatus(d -> new DeploymentBuilder(d).editOrNewStatus().withReadyReplicas(2).endStatus().build());
    });
    // Real time, short polls: the status changes on another thread while the waiter polls.
    ReadinessWaiter waiter = new ReadinessWaiter(client, Clock.systemUTC(), duration -> Thread.sleep(20));

    waiter.await(List.of(kube0), log);

    kubelet.get(10, TimeUnit.SECONDS);
    assertThat(log.messages()).containsExactly(
        "waiting for 2 pods of node kube0 to be ready, timeout: 2 minutes",
        "node kube0 is ready");
  }

  @Test
  void explainsWhatEachPodIsStuckOn() {
    RenderedNode kube0 = applied(node("kube", "kube0", Map.of("replicas", "2", "timeout", "30s"), ""));
    pod("kube0-5d8c-abcde", new PodStatusBuilder()
        .withPhase("Pending")
        .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
        .addNewContainerStatus().withName("buildkitd").withReady(false)
        .withNewState().withNewWaiting().withReason("ImagePullBackOff")
        .withMessage("Back-off pulling image \"moby/buildkit:nope\"").endWaiting().endState()
        .endContainerStatus()
        .build());
    pod("kube0-5d8c-fghij", new PodStatusBuilder()
        .withPhase("Pending")
        .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
        .withMessage("0/3 nodes are available: 3 Insufficient cpu.").endCondition()
        .build());
    warning("Pod", "kube0-5d8c-fghij", "FailedScheduling", "0/3 nodes are available: 3 Insufficient cpu.",
        "2026-01-01T10:00:00Z");
    warning("Pod", "kube0-5d8c-abcde", "Failed", "Failed to pull image \"moby/buildkit:nope\": not found",
        "2026-01-01T10:00:01Z");
    AtomicInteger polls = new AtomicInteger();
    ReadinessWaiter waiter = new ReadinessWaiter(client, clock, duration -> {
      polls.incrementAndGet();
      clock.advance(duration);
    });

    assertThatThrownBy(() -> waiter.await(List.of(kube0), log))
        .isInstanceOf(BootstrapTimeoutException.class)
        .hasMessage("""
            node kube0 of builder "kube" was not ready within 30 seconds: 0 of 2 pods ready \
            (Deployment "kube0" in namespace "ci")
              pod kube0-5d8c-abcde: phase Pending; container buildkitd waiting: ImagePullBackOff: \
            Back-off pulling image "moby/buildkit:nope"
                Warning Failed: Failed to pull image "moby/buildkit:nope": not found
              pod kube0-5d8c-fghij: phase Pending; not scheduled: Unschedulable: 0/3 nodes are available: \
            3 Insufficient cpu.
                Warning FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu.""");
    // Often at first, then every second until the timeout.
    long fastPolls = ReadinessWaiter.FIRST_POLLS_FOR.dividedBy(ReadinessWaiter.FIRST_POLL_INTERVAL);
    long slowPolls = Duration.ofSeconds(30).minus(ReadinessWaiter.FIRST_POLLS_FOR).dividedBy(ReadinessWaiter.POLL_INTERVAL);
    assertThat(polls).hasValue(Math.toIntExact(fastPolls + slowPolls));
    assertThat(log.messages()).containsExactly("waiting for 2 pods of node kube0 to be ready, timeout: 30 seconds");
  }

  @Test
  void withoutPodsReportsTheWarningsOfTheReplicaSet() {
    RenderedNode kube0 = applied(node("kube", "kube0", Map.of("timeout", "5s"), ""));
    client.apps().replicaSets().inNamespace(NAMESPACE).resource(new ReplicaSetBuilder()
        .withNewMetadata().withName("kube0-7d9f").addToLabels("app", "kube0").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "kube0").endSelector().endSpec()
        .build()).create();
    warning("ReplicaSet", "kube0-7d9f", "FailedCreate",
        "pods \"kube0-7d9f-x2\" is forbidden: exceeded quota: compute, requested: cpu=2, used: cpu=8, limited: cpu=8",
        "2026-01-01T10:00:00Z");
    warning("ReplicaSet", "other-1234", "FailedCreate", "not about this node", "2026-01-01T10:00:00Z");
    ReadinessWaiter waiter = new ReadinessWaiter(client, clock, clock::advance);

    assertThatThrownBy(() -> waiter.await(List.of(kube0), log))
        .isInstanceOf(BootstrapTimeoutException.class)
        .hasMessageContaining("0 of 1 pods ready")
        .hasMessageContaining("no pods exist")
        .hasMessageContaining("Warning FailedCreate: pods \"kube0-7d9f-x2\" is forbidden: exceeded quota: compute")
        .hasMessageContaining("(ReplicaSet/kube0-7d9f)")
        .hasMessageNotContaining("not about this node");
  }

  @Test
  void aTimeoutShorterThanAPollStillChecksTheNode() {
    RenderedNode ready = applied(node("kube", "kube0", Map.of("timeout", "50ms"), ""));
    RenderedNode notReady = applied(node("kube", "kube1", Map.of("timeout", "50ms"), ""));
    client.apps().deployments().inNamespace(NAMESPACE).withName("kube0")
        .editStatus(d -> new DeploymentBuilder(d).editOrNewStatus().withReadyReplicas(1).endStatus().build());
    AtomicInteger pauses = new AtomicInteger();
    ReadinessWaiter waiter = new ReadinessWaiter(client, clock, duration -> {
      pauses.incrementAndGet();
      clock.advance(duration);
    });

    waiter.await(List.of(ready), log);
    assertThat(pauses).hasValue(0);
    assertThatThrownBy(() -> waiter.await(List.of(notReady), log))
        .isInstanceOf(BootstrapTimeoutException.class)
        .hasMessageStartingWith("node kube1 of builder \"kube\" was not ready within Less than a second: 0 of 1 pods ready");
  }

  @Test
  void oldReadyPodsDoNotCountBeforeTheControllerSawTheUpdate() {
    RenderedNode kube0 = applied(node("kube", "kube0", Map.of(), ""));
    client.apps().deployments().inNamespace(NAMESPACE).withName("kube0").editStatus(d -> new DeploymentBuilder(d)
        .editOrNewStatus().withReadyReplicas(1).withUpdatedReplicas(0).endStatus().build());

    assertThat(ReadinessWaiter.isReady(client.apps().deployments().inNamespace(NAMESPACE).withName("kube0").get()))
        .isFalse();
    assertThat(ReadinessWaiter.isReady(new DeploymentBuilder((Deployment) kube0.workload())
        .editMetadata().withGeneration(3L).endMetadata()
        .withNewStatus().withReadyReplicas(1).withUpdatedReplicas(1).withObservedGeneration(2L).endStatus()
        .build())).isFalse();
  }

  @Test
  void aRolloutIsNotReadyWhileAPodOfTheOldVersionIsLeft() {
    RenderedNode kube0 = applied(node("kube", "kube0", Map.of("replicas", "2"), ""));
    // As seen on a real cluster: both new pods ready, the last old one not yet scaled down.
    Deployment rolling = new DeploymentBuilder((Deployment) kube0.workload())
        .editMetadata().withGeneration(2L).endMetadata()
        .withNewStatus().withObservedGeneration(2L).withReplicas(3).withUpdatedReplicas(2).withReadyReplicas(3)
        .endStatus().build();

    assertThat(ReadinessWaiter.isReady(rolling)).isFalse();
    assertThat(ReadinessWaiter.isReady(new DeploymentBuilder(rolling)
        .editStatus().withReplicas(2).withReadyReplicas(2).endStatus().build())).isTrue();
  }

  @Test
  void humanDurationsReadLikeBuildx() {
    assertThat(HumanDuration.of(Duration.ofMillis(500))).isEqualTo("Less than a second");
    assertThat(HumanDuration.of(Duration.ofSeconds(1))).isEqualTo("1 second");
    assertThat(HumanDuration.of(Duration.ofSeconds(45))).isEqualTo("45 seconds");
    assertThat(HumanDuration.of(Duration.ofSeconds(90))).isEqualTo("About a minute");
    assertThat(HumanDuration.of(Duration.ofSeconds(120))).isEqualTo("2 minutes");
    assertThat(HumanDuration.of(Duration.ofMinutes(60))).isEqualTo("About an hour");
    assertThat(HumanDuration.of(Duration.ofHours(5))).isEqualTo("5 hours");
    assertThat(HumanDuration.of(Duration.ofDays(3))).isEqualTo("3 days");
  }

  private RenderedNode applied(RenderedNode node) {
    new BuilderApplier(client, new CollectingLog()).apply(List.of(node));
    return node;
  }

  private void pod(String name, PodStatus status) {
    Pod pod = client.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
        .withNewMetadata().withName(name).addToLabels("app", "kube0").endMetadata()
        .withNewSpec().addNewContainer().withName("buildkitd").withImage("moby/buildkit:nope").endContainer().endSpec()
        .build()).create();
    pod.setStatus(status);
    client.pods().inNamespace(NAMESPACE).resource(pod).updateStatus();
  }

  private void warning(String kind, String name, String reason, String message, String time) {
    client.v1().events().inNamespace(NAMESPACE).resource(new EventBuilder()
        .withNewMetadata().withGenerateName(name + ".").endMetadata()
        .withType("Warning").withReason(reason).withMessage(message).withLastTimestamp(time)
        .withNewInvolvedObject().withKind(kind).withName(name).withNamespace(NAMESPACE).endInvolvedObject()
        .build()).create();
  }

  private static void awaitQuietly(String what, BooleanSupplier condition) {
    try {
      Await.until(what, Duration.ofSeconds(10), condition);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A clock that only moves when told, so that timeouts pass without waiting. */
  private static final class SteppingClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
