// Runs last, also after a failed invocation: checks the whole story, then stops the mock cluster.
import dev.kbuildx.it.BuildLog

def cluster = context.cluster
try {
    def log = BuildLog.of(basedir)
    (1..8).each { log.invocation(it).containsInOrder('BUILD SUCCESS') }
    def nodeRows = { BuildLog run -> run.lines(/\\_ /) }

    // ls after create: header, builder row, one row for the pod of ci0.
    def afterCreate = log.invocation(2)
    afterCreate.containsInOrder('NAME/NODE', 'DRIVER/ENDPOINT', 'STATUS', 'BUILDKIT', 'PLATFORMS', 'ci', 'kubernetes')
    def createRows = nodeRows(afterCreate)
    assert createRows.size() == 1 : afterCreate.text()
    assert createRows[0] =~ /running/
    assert createRows[0].contains('linux/amd64')

    // ls in the other context's namespace: nothing; across all namespaces: the builder again.
    assert nodeRows(log.invocation(3)).isEmpty() : log.invocation(3).text()
    def everywhere = log.invocation(4)
    assert nodeRows(everywhere).size() == 1 : everywhere.text()
    everywhere.containsInOrder('NAME/NODE', 'ci', 'kubernetes')

    // ls after append: a row for each node; linux/amd64 belongs to ci-arm now.
    def afterAppend = log.invocation(6)
    def appendRows = nodeRows(afterAppend)
    assert appendRows.size() == 2 : afterAppend.text()
    assert appendRows.every { it =~ /running/ }
    def armRow = appendRows.find { it.contains('linux/arm64') }
    assert armRow && armRow.contains('linux/amd64') : afterAppend.text()

    // Nothing of the builder is left in the cluster.
    def client = cluster.client()
    assert client.apps().deployments().inNamespace('builds').withLabel('kbuildx.dev/builder', 'ci').list().items.isEmpty()
    assert client.apps().statefulSets().inNamespace('builds').withLabel('kbuildx.dev/builder', 'ci').list().items.isEmpty()
    assert client.configMaps().inNamespace('builds').list().items.findAll { it.metadata.name.startsWith('ci') }.isEmpty()
} finally {
    cluster?.close()
}
