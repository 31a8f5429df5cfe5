package dev.kbuildx.real;

import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.TimeUnit;

/**
 * A volume for one claim of a StatefulSet on a cluster without a default StorageClass (the realstack
 * has no volume provisioner): a hostPath PersistentVolume reserved for that claim alone, so that the
 * claim binds, the pod starts and BuildKit really runs on it, and two tests can run side by side. On a
 * cluster with a default StorageClass nothing is created and its provisioner serves the claim.
 * {@link #close()} deletes the volume and empties its folder on the node.
 */
public final class HostPathVolume implements AutoCloseable {
  private static final String IMAGE = "moby/buildkit:buildx-stable-1";
  private static final long CLEANUP_SECONDS = 120;
  /** The node's folder that holds the volumes' folders. */
  private static final String PARENT = "/tmp";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  private HostPathVolume(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  /**
   * @param claim the claim's name, {@code <template>-<statefulset>-<ordinal>}
   * @return the volume, or null when a default StorageClass will provision one
   */
  public static HostPathVolume forClaim(KubernetesClient client, String namespace, String claim, String size) {
    boolean provisioned = client.storage().v1().storageClasses().list().getItems().stream()
        .anyMatch(c -> c.getMetadata().getAnnotations() != null && "true".equals(
            c.getMetadata().getAnnotations().get("storageclass.kubernetes.io/is-default-class")));
    if (provisioned) {
      return null;
    }
    // Volumes are cluster-wide: the namespace in the name keeps parallel tests apart.
    String name = namespace + "-" + claim;
    client.persistentVolumes().resource(new PersistentVolumeBuilder()
        .withNewMetadata().withName(name).addToLabels(RealCluster.TEST_LABEL, namespace).endMetadata()
        .withNewSpec()
        .addToCapacity("storage", new Quantity(size))
        .withAccessModes("ReadWriteOnce")
        .withPersistentVolumeReclaimPolicy("Retain")
        .withStorageClassName("")
        .withNewClaimRef().withNamespace(namespace).withName(claim).endClaimRef()
        .withNewHostPath().withPath(hostPath(name)).withType("DirectoryOrCreate").endHostPath()
        .endSpec().build()).create();
    return new HostPathVolume(client, namespace, name);
  }

  public String name() {
    return name;
  }

  /** Deletes the volume, then its folder on the node, with a pod of the BuildKit image the node already has. */
  @Override
  public void close() {
    client.persistentVolumes().withName(name).delete();
    Pod cleaner = new PodBuilder()
        .withNewMetadata().withName("cleanup-" + name.substring(Math.max(0, name.length() - 40))).endMetadata()
        .withNewSpec().withRestartPolicy("Never")
        .addNewContainer().withName("rm").withImage(IMAGE).withImagePullPolicy("IfNotPresent")
        .withCommand("rm", "-rf", "/parent/" + name)
        .addNewVolumeMount().withName("parent").withMountPath("/parent").endVolumeMount()
        .endContainer()
        .addNewVolume().withName("parent").withNewHostPath().withPath(PARENT).endHostPath().endVolume()
        .endSpec().build();
    client.pods().inNamespace(namespace).resource(cleaner).create();
    client.pods().inNamespace(namespace).withName(cleaner.getMetadata().getName()).waitUntilCondition(
        pod -> pod != null && pod.getStatus() != null
            && ("Succeeded".equals(pod.getStatus().getPhase()) || "Failed".equals(pod.getStatus().getPhase())),
        CLEANUP_SECONDS, TimeUnit.SECONDS);
  }

  private static String hostPath(String name) {
    return PARENT + "/" + name;
  }
}
