// Runs last, also after a failed invocation: checks the whole story, then stops the mock cluster.
import dev.kbuildx.it.BuildLog

def cluster = context.cluster
// Set in CI: the mock pods' buildctl dial-stdio then reaches the test engine's BuildKit (MockCluster).
def engine = System.getenv('KBUILDX_TEST_DOCKER_HOST')
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
    if (engine) {
        // Asked through the pod: the declared platform first, then what the engine's BuildKit detected.
        assert createRows[0] =~ /running\s+(v\S+\s+)?linux\/amd64\*, linux\// : afterCreate.text()
        afterCreate.doesNotContain('Failed to get status')
    }

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
    def armRow = appendRows.find { it.contains(' \\_ ci-arm-') }
    assert armRow && armRow.contains('linux/arm64*') && armRow.contains('linux/amd64*') : afterAppend.text()
    if (engine) {
        // ci0 declares nothing any more, so its row shows only what its BuildKit detected, unstarred.
        def ci0Row = appendRows.find { it.contains(' \\_ ci0-') }
        assert ci0Row =~ /running\s+(v\S+\s+)?linux\/amd64(,|$)/ : afterAppend.text()
        afterAppend.doesNotContain('Failed to get status')
    }

    // Nothing of the builder is left in the cluster.
    def client = cluster.client()
    assert client.apps().deployments().inNamespace('builds').withLabel('kbuildx.dev/builder', 'ci').list().items.isEmpty()
    assert client.apps().statefulSets().inNamespace('builds').withLabel('kbuildx.dev/builder', 'ci').list().items.isEmpty()
    assert client.configMaps().inNamespace('builds').list().items.findAll { it.metadata.name.startsWith('ci') }.isEmpty()
} finally {
    cluster?.close()
}
