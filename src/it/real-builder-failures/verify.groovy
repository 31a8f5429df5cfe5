// Runs last: each failure's message, what the cluster went through during the runs (ClusterHistory:
// objects created and deleted within one run), and that nothing is left.
import dev.kbuildx.it.BuildLog

def cluster = context.cluster
def history = context.history
def namespace = dev.kbuildx.real.RealCluster.namespaceOf(new File(basedir, 'kubeconfig').toPath())
try {
    def log = BuildLog.of(basedir)
    (1..10).each { log.invocation(it).containsInOrder('BUILD FAILURE') }
    // No run shows a stack trace or a library's exception at the default log level.
    assert log.lines(/^\tat |^Caused by: |(fabric8|okhttp|netty|grpc)\S*Exception/).isEmpty() : log.text()

    // 1: the file, the key, the value and the type, named before the cluster is touched.
    log.invocation(1).containsInOrder('invalid buildkitdConfig', 'bad-buildkitd.toml',
        '[worker.oci] gc = "maybe" is a string, but BuildKit expects a boolean', '<buildkitdConfig>',
        '-Dkbuildx.buildkitdConfig')
    assert history.deployments('badconfig').isEmpty() &&
        history.configMaps().every { it.metadata.labels?.get('kbuildx.dev/builder') == null } :
        'an invalid buildkitd.toml must not reach the cluster'

    // 2: the pod's image pull error, then the Deployment that create made is gone again.
    def missing = log.invocation(2)
    missing.containsInOrder('node missing of builder "broken" was not ready within 20 seconds',
        'Deployment "missing" in namespace "' + namespace + '"', 'pod missing-',
        'kbuildx-it/missing:1', 'were removed again')
    assert missing.text() =~ /ErrImagePull|ImagePullBackOff/ : missing.text()
    assert history.deployments('missing') : 'create should have applied the Deployment missing first'

    // 3-7: each goal names what was refused, where, and the RBAC page.
    def refusals = [3: 'cannot get resource "deployments"', 4: 'cannot list resource "deployments"',
                    5: 'cannot list resource "deployments"', 6: 'cannot list resource "deployments"',
                    7: 'cannot list resource "deployments"']
    refusals.each { run, refusal ->
        log.invocation(run).containsInOrder('system:serviceaccount:' + namespace + ':nobody', refusal,
            'in the namespace "' + namespace + '"', 'rbac.html')
        assert log.invocation(run).text().count('rbac.html') == 1 : 'the refusal is said once'
    }
    // 8: the server, its context and kubeconfig, the cause in plain words, what to do; each retry logged.
    def unreachable = log.invocation(8)
    unreachable.containsInOrder("Kubernetes API server ${context.unreachable} not reached (connection refused, attempt 1)",
        "cannot reach the Kubernetes API server ${context.unreachable} (context \"", 'unreachable.kubeconfig',
        'connection refused, retried for 3 s', '-Dkbuildx.connectTimeout', 'troubleshooting.html')

    // 9: the missing namespace, with the cluster and context, and how to create it; no Status dump.
    def missingNamespace = namespace + '-missing'
    log.invocation(9).containsInOrder("could not apply node badconfig of builder \"broken\" in namespace \"${missingNamespace}\":"
        + " namespace \"${missingNamespace}\" does not exist in cluster https://", '(context "',
        "create it with kubectl create namespace ${missingNamespace}", '-Dkbuildx.namespace').doesNotContain('Status(')
    assert cluster.client().namespaces().withName(missingNamespace).get() == null

    // 10: a server that never answers fails at the limit, named.
    log.invocation(10).containsInOrder("cannot reach the Kubernetes API server ${context.silentServer} (context \"",
        'silent.kubeconfig', 'timed out after 3 s', '-Dkbuildx.connectTimeout')
    // Neither fabric8 nor the JDK's HTTP client warns about the failed connections on its own.
    (8..10).each { assert log.invocation(it).lines(/^\[WARN/).isEmpty() : log.invocation(it).text() }

    // The token is in no log, in any run.
    log.doesNotContain(context.nobody.token())

    // Nothing of the builder is left in the namespace.
    def client = cluster.client()
    assert client.apps().deployments().inNamespace(namespace).list().items.isEmpty()
    assert client.apps().statefulSets().inNamespace(namespace).list().items.isEmpty()
    assert client.configMaps().inNamespace(namespace).withLabel('kbuildx.dev/builder').list().items.isEmpty()
} finally {
    context.silent?.close()
    history?.close()
    cluster?.deleteNamespace(namespace)
    cluster?.close()
}
