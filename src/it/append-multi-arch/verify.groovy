// Runs last, also after a failed invocation: ls shows both nodes with their platforms, and the
// build ran linux/amd64 on the amd64 node and linux/arm64 on the arm64 node. Stops the mock cluster.
import dev.kbuildx.it.BuildLog
import groovy.json.JsonSlurper

try {
    def log = BuildLog.of(basedir)
    (1..4).each { log.invocation(it).containsInOrder('BUILD SUCCESS') }

    def ls = log.invocation(3)
    def rows = ls.lines(/\\_ /)
    assert rows.size() == 2 : ls.text()
    assert rows.find { it.contains('multiarch-amd64-') }?.contains('linux/amd64*') : ls.text()
    assert rows.find { it.contains('multiarch-arm64-') }?.contains('linux/arm64*') : ls.text()

    def build = log.invocation(4)
    build.containsInOrder('on 2 nodes', 'multiarch-amd64 (linux/amd64)', 'multiarch-arm64 (linux/arm64)',
        'COPY hello.txt', 'BUILD SUCCESS')
    // Each node's progress is tagged with its name. Both nodes' pods reach the same test engine,
    // whose BuildKit may run a step the two solves share once and report it to one of them only,
    // so which node shows the COPY step is left open.
    assert build.lines(/^\[INFO\] \[multiarch-amd64\] /) : build.text()
    assert build.lines(/^\[INFO\] \[multiarch-arm64\] /) : build.text()
    def result = new JsonSlurper().parse(new File(basedir, 'target/kbuildx/build-result.json'))
    assert result.builder.contains('multiarch-amd64') && result.builder.contains('multiarch-arm64')
    // Nothing was pushed: this build only filled each node's cache.
    assert result.tags == []
} finally {
    context.cluster?.close()
}
true
