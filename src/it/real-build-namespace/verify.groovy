// Both builds ran on the node in its own namespace, and the image they pushed is in the pod registry.
import dev.kbuildx.it.BuildLog
import dev.kbuildx.real.PodRegistry
import dev.kbuildx.real.RealCluster
import groovy.json.JsonSlurper

def cluster = RealCluster.require()
def properties = new Properties()
new File(basedir, 'cluster.properties').withInputStream { properties.load(it) }
def nodeNamespace = properties.nodeNamespace
def contextNamespace = RealCluster.namespaceOf(new File(basedir, 'kubeconfig').toPath())
try {
    def log = BuildLog.of(basedir)
    log.invocation(1).containsInOrder('bootstrapping', 'BUILD SUCCESS')
    log.invocation(2).containsInOrder('BUILD SUCCESS').doesNotContain('bootstrapping')

    def deployment = cluster.client().apps().deployments().inNamespace(nodeNamespace).withName('kube0').get()
    assert deployment != null: "no Deployment kube0 in the node's namespace ${nodeNamespace}"
    assert deployment.status.readyReplicas == 1
    assert cluster.client().apps().deployments().inNamespace(contextNamespace).list().items.isEmpty():
            "the context's namespace ${contextNamespace} must stay empty"

    def result = new JsonSlurper().parse(new File(basedir, 'target/kbuildx/build-result.json'))
    def registry = new PodRegistry(cluster.podRegistry())
    assert registry.manifest('kbuildx-it/real-build-namespace', '1').digest() == result.digest
    assert registry.files('kbuildx-it/real-build-namespace', '1') == ['hello.txt': "built in the node's namespace\n"]
} finally {
    cluster.deleteNamespace(nodeNamespace)
    cluster.deleteProjectNamespace(basedir)
    cluster.close()
}
true
