package dev.kbuildx.bench;

import dev.kbuildx.bench.BenchSettings.ContextSize;
import dev.kbuildx.bench.ContextBuilds.Expected;
import dev.kbuildx.bench.SideBySideTable.Unit;
import dev.kbuildx.real.RealCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The cases on the real Kubernetes cluster, each contender with a builder named {@value #BUILDER} in a
 * fresh namespace of its own: kbuildx with the builder declared in its project's POM, buildx with the
 * kubernetes driver. Creating a two-pod builder until it is ready, {@code ls} of it, then with one
 * pod each: a cold upload and a rebuild with no change through the pod. Both namespaces are deleted
 * at the end.
 */
final class ClusterCases implements AutoCloseable {
  private static final String BUILDER = "bench";
  private static final int CHANGED_FILES = 10;
  private static final Duration POD_WAIT = Duration.ofMinutes(3);
  private static final int FLOOR_ATTEMPTS = 3;
  private static final List<Contender> CONTENDERS = List.of(Contender.KBUILDX, Contender.MVN_VALIDATE, Contender.BUILDX);

  private final BenchTools tools;
  private final BenchSettings settings;
  private final RealCluster cluster;
  private final LongSupplier freshContent;
  private final BenchTools.BuildxState buildx;
  private String kbuildxNamespace;
  private String buildxNamespace;
  private Path project;

  /** @param freshContent a new content variant per call, see {@link ContextTree#touch(int, long)} */
  ClusterCases(BenchTools tools, RealCluster cluster, LongSupplier freshContent) {
    this.tools = tools;
    this.settings = tools.settings();
    this.cluster = cluster;
    this.freshContent = freshContent;
    this.buildx = new BenchTools.BuildxState(settings.work().resolve("buildx/cluster"), cluster.kubeconfig());
  }

  void run(SideBySideTable table) throws Exception {
    kbuildxNamespace = cluster.createNamespace("bench-kbuildx");
    buildxNamespace = cluster.createNamespace("bench-buildx");
    project = KbuildxProject.write(settings.work().resolve("projects/cluster"), settings.pluginVersion(),
        configuration("${project.basedir}/" + RealCluster.PROJECT_KUBECONFIG));
    cluster.writeKubeconfig(project.resolve(RealCluster.PROJECT_KUBECONFIG), kbuildxNamespace);
    create(table);
    ls(table);
    onePodEach();
    ContextSize size = settings.size(new ContextSize(5_000, 50), new ContextSize(200, 2));
    ContextTree tree = tools.context(size);
    ContextBuilds builds = new ContextBuilds(tools, project, List.of(), null, buildx, BUILDER);
    try {
      coldThroughPod(builds, tree, table, size);
      noChangeThroughPod(builds, tree, table);
      noChangeThroughPodInWarmJvm(builds, tree, table);
    } finally {
      tree.restore(CHANGED_FILES);
    }
  }

  /** Creates a builder with two replicas until ready; each but the last is removed again, untimed. */
  private void create(SideBySideTable table) throws Exception {
    int repeat = settings.repeat();
    Repetitions.interleave("pod-create", repeat, CONTENDERS, (contender, name, repetition) -> {
      Measured run = switch (contender) {
        case KBUILDX -> tools.maven(name, project, "kbuildx:create", "-Dkbuildx.driver.replicas=2");
        case BUILDX -> tools.buildx(name, buildx, "create", "--name", BUILDER, "--driver", "kubernetes",
            "--driver-opt", "namespace=" + buildxNamespace + ",replicas=2", "--bootstrap");
        default -> tools.maven(name, project, "-q", "validate");
      };
      if (contender != Contender.MVN_VALIDATE) {
        checkReadyReplicas(namespaceOf(contender), 2, run);
        if (repetition < repeat - 1) {
          remove(contender);
        }
      }
      return run;
    }, table.add(1, "create a builder, replicas=2, until ready", "≤ 1.2× buildx", Unit.SECONDS), null);
  }

  private void ls(SideBySideTable table) throws Exception {
    Repetitions.interleave("pod-ls", settings.repeat(), CONTENDERS, (contender, name, repetition) -> {
      Measured run = switch (contender) {
        case KBUILDX -> tools.maven(name, project, "kbuildx:ls");
        case BUILDX -> tools.buildx(name, buildx, "ls");
        default -> tools.maven(name, project, "-q", "validate");
      };
      if (contender != Contender.MVN_VALIDATE) {
        checkListsPods(contender, run);
      }
      return run;
    }, table.add(2, "`ls` with one 2-pod builder", "kbuildx −mvn ≤ 0.50 s", Unit.SECONDS), null);
  }

  /** Untimed: kbuildx's builder scaled down by create with the POM's one replica; buildx's made anew. */
  private void onePodEach() throws Exception {
    tools.maven("pod-scale-down-kbuildx", project, "kbuildx:create");
    awaitPods(kbuildxNamespace, pods -> pods.size() == 1 && pods.stream().allMatch(ClusterCases::ready),
        "one ready pod");
    remove(Contender.BUILDX);
    tools.buildx("pod-create-one-buildx", buildx, "create", "--name", BUILDER, "--driver", "kubernetes",
        "--driver-opt", "namespace=" + buildxNamespace + ",replicas=1", "--bootstrap");
  }

  /**
   * Before each run the pod's copies of build contexts are pruned and some files get new content.
   * After kbuildx's run, a bare JVM moves the same files' bytes through an exec in the same pod
   * ({@link ExecUploadFloor}), for the floor of the case.
   */
  private void coldThroughPod(ContextBuilds builds, ContextTree tree, SideBySideTable table, ContextSize size)
      throws Exception {
    SideBySideTable.Row floor = table.add(14, "reference: a bare JVM moving the same " + size.volume()
        + " through a pod exec (fabric8, no gRPC)", "the floor of the cold case through a pod", Unit.SECONDS);
    Repetitions.interleave("pod-cold", settings.repeat(), CONTENDERS, (contender, name, repetition) -> {
      if (contender != Contender.MVN_VALIDATE) {
        String namespace = namespaceOf(contender);
        for (Pod pod : cluster.client().pods().inNamespace(namespace).list().getItems()) {
          tools.kubectl("pod-prune", cluster.kubeconfig(), "exec", "-n", namespace, pod.getMetadata().getName(),
              "--", "buildctl", "prune", "--filter", "type==source.local");
        }
        tree.touch(CHANGED_FILES, freshContent.getAsLong());
      }
      Measured run = builds.build(contender, name, tree, Expected.everything(tree));
      if (contender == Contender.KBUILDX) {
        execFloor(name + "-floor", tree).ifPresent(seconds -> floor.add(Contender.KBUILDX, seconds));
      }
      return run;
    }, table.add(6, "cold, " + size.volume() + " through a Kubernetes pod", "≤ 1.0× buildx", Unit.SECONDS), null);
  }

  /**
   * Seconds from the bare JVM's first line until the pod counted every byte. A run that fabric8's
   * WebSocket refused to write ("could not send", see {@link ExecUploadFloor}) is run again; when
   * every attempt is refused (a pod that reads slowly, as on a core of its own under
   * {@code -Dbench.split}), this repetition has no floor.
   */
  private OptionalDouble execFloor(String name, ContextTree tree) throws Exception {
    List<String> arguments = List.of(ExecUploadFloor.class.getName(),
        project.resolve(RealCluster.PROJECT_KUBECONFIG).toString(), kbuildxNamespace, tree.root().toString());
    for (int attempt = 1; attempt <= FLOOR_ATTEMPTS; attempt++) {
      try {
        Measured run = tools.java(name + "-" + attempt, arguments);
        double seconds = StartUpCase.answered(TimedCommands.output(run), run.log());
        System.out.printf(Locale.ROOT, "%-24s %-13s %7.2f s (attempt %d)%n", name, "bare JVM", seconds, attempt);
        return OptionalDouble.of(seconds);
      } catch (AssertionError e) {
        if (!e.getMessage().contains("could not send")) {
          throw e;
        }
      }
    }
    System.out.printf(Locale.ROOT, "%-24s %-13s not measured: fabric8 could not send in %d attempts%n", name,
        "bare JVM", FLOOR_ATTEMPTS);
    return OptionalDouble.empty();
  }

  private void noChangeThroughPod(ContextBuilds builds, ContextTree tree, SideBySideTable table) throws Exception {
    for (Contender contender : List.of(Contender.KBUILDX, Contender.BUILDX)) {
      builds.build(contender, "pod-no-change-warm-up-" + contender.name().toLowerCase(Locale.ROOT), tree, Expected.anything());
    }
    Repetitions.interleave("pod-no-change", settings.repeat(), CONTENDERS,
        (contender, name, repetition) -> builds.build(contender, name, tree, Expected.listingOnly(tree)),
        table.add(7, "no change, through a Kubernetes pod", "≤ 1.2× buildx", Unit.SECONDS), null);
  }

  /**
   * The same rebuild as the modules of one Maven run: kbuildx's work once its JVM has started. The
   * modules read the kubeconfig of the project above, whose folder is not theirs.
   */
  private void noChangeThroughPodInWarmJvm(ContextBuilds builds, ContextTree tree, SideBySideTable table)
      throws Exception {
    Path modules = KbuildxProject.write(settings.work().resolve("projects/cluster-modules"), settings.pluginVersion(),
        configuration(project.resolve(RealCluster.PROJECT_KUBECONFIG).toAbsolutePath().toString()),
        WarmModules.MODULES);
    ContextBuilds reactor = new ContextBuilds(tools, modules, List.of(), null, buildx, BUILDER);
    WarmModules.noChange("pod-no-change-modules", settings.repeat(), builds, reactor, tree, List.of(Contender.BUILDX),
        table.add(16, "reference: no change through a Kubernetes pod, in a warm JVM (modules built after "
            + "their parent in one `mvn` run)", "kbuildx's work without the JVM's start", Unit.SECONDS));
  }

  /** The plugin's configuration: the builder, declared with one node, in the cluster of {@code kubeconfig}. */
  private static String configuration(String kubeconfig) {
    return """
        <builder>%s</builder>
        <!-- The admin kubeconfig with its context on the benchmark's namespace. -->
        <kubeconfig>%s</kubeconfig>
        <nodes>
          <node>
            <name>%s0</name>
          </node>
        </nodes>
        """.formatted(BUILDER, kubeconfig, BUILDER);
  }

  /** Untimed: the contender's builder goes with its own command, and its pods are awaited gone. */
  private void remove(Contender contender) throws Exception {
    if (contender == Contender.KBUILDX) {
      tools.maven("pod-rm-kbuildx", project, "kbuildx:rm");
    } else {
      tools.buildx("pod-rm-buildx", buildx, "rm", BUILDER);
    }
    awaitPods(namespaceOf(contender), List::isEmpty, "no pod");
  }

  private String namespaceOf(Contender contender) {
    return contender == Contender.KBUILDX ? kbuildxNamespace : buildxNamespace;
  }

  private void checkReadyReplicas(String namespace, int replicas, Measured run) {
    List<Deployment> deployments = cluster.client().apps().deployments().inNamespace(namespace).list().getItems();
    boolean ready = deployments.size() == 1 && deployments.get(0).getStatus() != null
        && Integer.valueOf(replicas).equals(deployments.get(0).getStatus().getReadyReplicas());
    if (!ready) {
      throw new AssertionError("after create, " + namespace + " should hold one Deployment with " + replicas
          + " ready replicas, but holds " + deployments.stream().map(d -> d.getMetadata().getName() + " ("
              + (d.getStatus() == null ? "no status" : d.getStatus().getReadyReplicas() + " ready") + ")").toList()
          + "; see " + run.log());
    }
  }

  /** kbuildx names each pod; buildx shows a running row per pod under the node's name. */
  private void checkListsPods(Contender contender, Measured run) throws Exception {
    String output = TimedCommands.output(run);
    List<String> pods = cluster.client().pods().inNamespace(namespaceOf(contender)).list().getItems().stream()
        .map(pod -> pod.getMetadata().getName()).toList();
    boolean listed = contender == Contender.KBUILDX
        ? pods.size() == 2 && pods.stream().allMatch(output::contains)
        : output.lines().filter(line -> line.contains("\\_ " + BUILDER) && line.contains(" running ")).count() == 2;
    if (!listed) {
      throw new AssertionError(contender.label() + " ls should list the builder's 2 pods " + pods + "; see " + run.log());
    }
  }

  private void awaitPods(String namespace, Predicate<List<Pod>> condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + POD_WAIT.toNanos();
    List<Pod> pods = List.of();
    while (System.nanoTime() < deadline) {
      pods = cluster.client().pods().inNamespace(namespace).list().getItems();
      if (condition.test(pods)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(namespace + " should have held " + what + " within " + POD_WAIT.toMinutes()
        + " minutes, but holds " + pods.stream().map(pod -> pod.getMetadata().getName()).toList());
  }

  private static boolean ready(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
  }

  /** Deletes both namespaces (with the builders' workloads) and buildx's state. */
  @Override
  public void close() throws IOException {
    try {
      for (String namespace : new String[] {kbuildxNamespace, buildxNamespace}) {
        if (namespace != null) {
          cluster.deleteNamespace(namespace);
        }
      }
    } finally {
      buildx.delete();
    }
  }
}
