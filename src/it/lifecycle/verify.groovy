// Runs last, also after a failed invocation: checks the whole story, then stops the mock cluster.
import dev.kbuildx.it.BuildLog

def cluster = context.cluster
try {
    def log = BuildLog.of(basedir)
    (1..6).each { log.invocation(it).containsInOrder('BUILD SUCCESS') }

    // ls after create: header, builder row, one row per pod of ci0.
    def ls1 = log.invocation(2)
    ls1.containsInOrder('NAME/NODE', 'DRIVER/ENDPOINT', 'STATUS', 'BUILDKIT', 'PLATFORMS', 'ci', 'kubernetes')
    def ls1Nodes = ls1.lines(/\\_ /)
    assert ls1Nodes.size() == 1 : ls1.text()
    assert ls1Nodes[0] =~ /running/
    assert ls1Nodes[0].contains('linux/amd64')

    // ls after append: a row for each node; linux/amd64 belongs to ci-arm now.
    def ls2 = log.invocation(4)
    def ls2Nodes = ls2.lines(/\\_ /)
    assert ls2Nodes.size() == 2 : ls2.text()
    assert ls2Nodes.every { it =~ /running/ }
    def armRow = ls2Nodes.find { it.contains('ci-arm') || it.contains('linux/arm64') }
    assert armRow && armRow.contains('linux/amd64') : ls2.text()

    // Nothing of the builder is left in the cluster; its pods went with their Deployments.
    def client = cluster.client()
    assert client.apps().deployments().inNamespace('builds').withLabel('kbuildx.dev/builder', 'ci').list().items.isEmpty()
    assert client.apps().statefulSets().inNamespace('builds').withLabel('kbuildx.dev/builder', 'ci').list().items.isEmpty()
    assert client.configMaps().inNamespace('builds').list().items.findAll { it.metadata.name.startsWith('ci') }.isEmpty()
} finally {
    cluster?.close()
}
