// Runs last, also after a failed invocation: ls saw the builder, rm removed it, and every request
// that created the builder or opened its pods' BuildKit carried the service-account token.
// Stops the mock cluster.
import dev.kbuildx.it.BuildLog

def cluster = context.cluster
try {
    def log = BuildLog.of(basedir)
    (1..3).each { log.invocation(it).containsInOrder('BUILD SUCCESS') }
    def ls = log.invocation(2)
    assert ls.lines(/\\_ ci-amd64-/).size() == 1 : ls.text()
    assert !cluster.client().apps().deployments().inNamespace('ci').withName('ci-amd64').get()

    def requests = cluster.takeRequests()
    def ours = requests.findAll {
        (it.method == 'POST' && it.path.startsWith('/apis/apps/v1/namespaces/ci/deployments'))
            || it.path.startsWith('/api/v1/namespaces/ci/pods/') && it.path.contains('/exec')
    }
    assert ours.any { it.method == 'POST' } : "no Deployment was created in namespace ci: ${requests*.path}"
    assert ours.any { it.path.contains('/exec') } : "no pod was asked for BuildKit: ${requests*.path}"
    ours.each {
        assert it.getHeader('Authorization') == 'Bearer kbuildx-it-service-account-token' : "${it.method} ${it.path}"
    }
} finally {
    cluster?.close()
}
true
