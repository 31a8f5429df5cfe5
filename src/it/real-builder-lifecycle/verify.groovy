// Runs last, also after a failed run: what the cluster held after each run, then the namespace goes.
import dev.kbuildx.it.BuildLog
import io.fabric8.kubernetes.api.model.ConfigMap

def cluster = context.cluster
def history = context.history
def namespace = dev.kbuildx.real.RealCluster.namespaceOf(new File(basedir, 'kubeconfig').toPath())
try {
    def log = BuildLog.of(basedir)
    (1..6).each { log.invocation(it).containsInOrder('BUILD SUCCESS') }
    def client = cluster.client()
    def env = { d -> d.spec.template.spec.containers[0].env?.find { it.name == 'KBUILDX_IT' }?.value }
    def ready = { d -> d.status?.readyReplicas == d.spec.replicas && d.status?.updatedReplicas == d.spec.replicas &&
        d.status?.observedGeneration == d.metadata.generation }

    // 1: one Deployment real0 with the builder's labels, that had two ready pods.
    def real0 = history.deployments('real0')
    assert real0 : 'create should have made the Deployment real0'
    def first = real0[0]
    assert first.metadata.labels['app.kubernetes.io/managed-by'] == 'kbuildx'
    assert first.metadata.labels['kbuildx.dev/builder'] == 'real'
    assert first.metadata.labels['kbuildx.dev/node'] == 'real0'
    assert first.spec.replicas == 2
    assert real0.any { it.metadata.generation == 1 && ready(it) } : 'real0 never had 2 ready pods before the update'
    def podsOf = { String app, String value ->
        history.pods().findAll { it.metadata.labels['app'] == app && dev.kbuildx.real.ClusterHistory.isReady(it) &&
            it.spec.containers[0].env?.find { e -> e.name == 'KBUILDX_IT' }?.value == value }
            .collect { it.metadata.name }.unique()
    }
    def firstPods = podsOf('real0', null)
    assert firstPods.size() == 2 : "two ready pods of real0 before the update, saw ${firstPods}"

    // 2: ls lists exactly those pods, running BuildKit v0.24.
    def rows = { BuildLog run -> run.lines(/\\_ /) }
    def firstRows = rows(log.invocation(2))
    assert firstRows.size() == 2 : log.invocation(2).text()
    firstPods.each { pod -> assert firstRows.any { it.contains(" \\_ ${pod} ") } : "no ls row for ${pod}:\n" + log.invocation(2).text() }
    firstRows.each { assert it =~ /\srunning\s+v0\.24\.\d+\s/ : log.invocation(2).text() }

    // 3: the same Deployment object (one uid), updated in place and rolled out to two new ready pods.
    assert real0*.metadata*.uid.unique().size() == 1 : 'create must update real0, not replace it'
    assert real0.any { it.metadata.generation > 1 && env(it) == 'reconciled' && ready(it) } :
        'the changed env never reached 2 ready pods of real0'
    log.invocation(3).containsInOrder('node real0: ', 'KBUILDX_IT', 'updated Deployment')
    def updatedPods = podsOf('real0', 'reconciled')
    assert updatedPods.size() == 2 : "two ready pods with the changed env, saw ${updatedPods}"

    // 4: the second node, with the builder's labels, ready.
    def real1 = history.deployments('real1')
    assert real1 : 'append should have made the Deployment real1'
    assert real1[0].metadata.labels['kbuildx.dev/builder'] == 'real'
    assert real1[0].metadata.labels['kbuildx.dev/node'] == 'real1'
    assert real1.any { ready(it) } : 'real1 never became ready'
    def real1Pods = history.readyPods('real1')
    assert real1Pods.size() == 1

    // 5: ls shows the pods of both nodes, the updated ones of real0.
    def bothRows = rows(log.invocation(5))
    assert bothRows.size() == 3 : log.invocation(5).text()
    (updatedPods + real1Pods).each { pod -> assert bothRows.any { it.contains(" \\_ ${pod} ") } : log.invocation(5).text() }
    bothRows.each { assert it =~ /\srunning\s+v0\.24\.\d+\s/ : log.invocation(5).text() }

    // 6: nothing of the builder is left; its ConfigMap existed before.
    assert history.states(ConfigMap, null).any { it.metadata.labels?.get('kbuildx.dev/builder') == 'real' }
    def labelled = { it.inNamespace(namespace).withLabel('kbuildx.dev/builder', 'real').list().items }
    assert labelled(client.apps().deployments()).isEmpty()
    assert labelled(client.apps().statefulSets()).isEmpty()
    assert labelled(client.configMaps()).isEmpty()
} finally {
    history?.close()
    cluster?.deleteNamespace(namespace)
    cluster?.close()
}
