// Runs last: the StatefulSet was ready on a bound claim, rm kept the claim, rm -Dkbuildx.removeVolumes took it.
import dev.kbuildx.it.BuildLog
import java.util.concurrent.TimeUnit

def cluster = context.cluster
def history = context.history
def namespace = dev.kbuildx.real.RealCluster.namespaceOf(new File(basedir, 'kubeconfig').toPath())
def claim = 'buildkitd-cache0-0'
try {
    def log = BuildLog.of(basedir)
    (1..3).each { log.invocation(it).containsInOrder('BUILD SUCCESS') }
    def client = cluster.client()

    // 1: a StatefulSet, no Deployment, its pod ready, its claim bound.
    def sets = history.statefulSets('cache0')
    assert sets : 'create should have made the StatefulSet cache0'
    assert history.deployments('cache0').isEmpty()
    assert sets[0].metadata.labels['kbuildx.dev/builder'] == 'cache'
    assert sets[0].spec.volumeClaimTemplates*.metadata*.name == ['buildkitd']
    assert sets.any { it.status?.readyReplicas == 1 } : 'cache0 never had a ready pod'
    assert history.readyPods('cache0') == ['cache0-0']
    assert history.claims(claim).any { it.status?.phase == 'Bound' } : "the claim ${claim} was never bound"

    // 2: the plain rm says which claim it kept; the claim outlived the StatefulSet and the ConfigMap.
    log.invocation(2).containsInOrder('deleted StatefulSet "cache0"', 'kept 1 persistent volume claims', claim)
    log.invocation(2).doesNotContain('deleted PersistentVolumeClaim')

    // 3: rm -Dkbuildx.removeVolumes deleted the claim. Its deletion completes once the pod is gone.
    log.invocation(3).containsInOrder('deleted PersistentVolumeClaim "' + claim + '"')
    client.persistentVolumeClaims().inNamespace(namespace).withName(claim)
        .waitUntilCondition({ it == null }, 2, TimeUnit.MINUTES)
    def labelled = { it.inNamespace(namespace).withLabel('kbuildx.dev/builder', 'cache').list().items }
    assert labelled(client.apps().statefulSets()).isEmpty()
    assert labelled(client.configMaps()).isEmpty()
} finally {
    history?.close()
    try {
        context.volume?.close()
    } finally {
        cluster?.deleteNamespace(namespace)
        cluster?.close()
    }
}
