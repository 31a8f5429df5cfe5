// After mvn package: the image is in the k8s.io namespace of the node's containerd under its fully
// qualified name, build-result.json says which node and pod hold it, and a pod pinned to that node
// starts it with imagePullPolicy Never and prints the expected line, so no registry was involved.
import dev.kbuildx.it.BuildLog
import dev.kbuildx.real.NodeContainerd
import dev.kbuildx.real.RealCluster
import groovy.json.JsonSlurper
import io.fabric8.kubernetes.api.model.PodBuilder
import java.util.concurrent.TimeUnit

def image = 'docker.io/kbuildx-it/no-registry:1.0'
def cluster = RealCluster.require()
def containerd = NodeContainerd.require()
def namespace = RealCluster.namespaceOf(new File(basedir, 'kubeconfig').toPath())
try {
    BuildLog.of(basedir).invocation(1).containsInOrder('real-load-cluster-1.0.jar',
        "Loaded ${image} into containerd (namespace k8s.io) of Kubernetes node", 'BUILD SUCCESS')
    assert containerd.images().contains(image)

    def result = new JsonSlurper().parse(new File(basedir, 'target/kbuildx/build-result.json'))
    assert result.cluster.images == [image]
    assert result.cluster.namespace == namespace
    def node = result.cluster.nodes[0]
    def nodeNames = cluster.client().nodes().list().items*.metadata*.name
    assert result.cluster.nodes == [node] && node in nodeNames
    assert result.cluster.nodesWithoutImage == nodeNames - node
    def builderPod = cluster.client().pods().inNamespace(namespace).withName(result.cluster.pod).get()
    assert builderPod.spec.nodeName == node

    // The short name resolves to the fully qualified one, as a Deployment's image would.
    def app = new PodBuilder().withNewMetadata().withName('app').endMetadata().withNewSpec()
        .withRestartPolicy('Never').withTerminationGracePeriodSeconds(0L)
        .withNodeSelector(['kubernetes.io/hostname': node])
        .addNewContainer().withName('app').withImage('kbuildx-it/no-registry:1.0').withImagePullPolicy('Never')
        .endContainer().endSpec().build()
    def pods = cluster.client().pods().inNamespace(namespace)
    pods.resource(app).create()
    def running = pods.withName('app').waitUntilCondition({ it?.status?.phase in ['Running', 'Succeeded', 'Failed'] },
        120, TimeUnit.SECONDS)
    assert running.status.phase == 'Running' : "the app pod did not start: ${running.status}"
    def expected = 'no-registry image, Main-Class: dev.kbuildx.it.hello.Main'
    def deadline = System.currentTimeMillis() + 60_000
    while (!pods.withName('app').getLog().contains(expected) && System.currentTimeMillis() < deadline) {
        Thread.sleep(200)
    }
    assert pods.withName('app').getLog().contains(expected)
} finally {
    containerd.removeBuilders(cluster.client(), namespace)
    containerd.removeImages([image])
    cluster.close()
}
true
