// After run 2: with the engine's cache emptied, BuildKit imported the cache from the image run 1
// pushed: the COPY and RUN steps were CACHED (the RUN step printed nothing), and the pushed image
// has run 1's very layers.
import dev.kbuildx.it.BuildLog
import groovy.json.JsonSlurper

def registry = System.getenv('KBUILDX_TEST_REGISTRY')
def image = "${registry}/kbuildx-it/registry-cache:1"
def runId = new File(basedir, 'run-id.txt').text.trim()
def run = BuildLog.of(basedir).invocation(2)
run.containsInOrder("importing cache manifest from ${image}", 'BUILD SUCCESS').doesNotContain("step ran for ${runId}")

// Progress lines read "#<vertex> <text>"; each Dockerfile step's vertex must end CACHED.
def vertexOf = { String step ->
    def lines = run.lines(/^\[INFO\] #\d+ \[\d+\/\d+\] ${step}/)
    assert lines : "run 2 has no step ${step}:\n${run.text()}"
    (lines[0] =~ /#(\d+) /)[0][1]
}
['COPY run-id.txt', 'RUN echo'].each { step ->
    def vertex = vertexOf(step)
    assert run.lines(/^\[INFO\] #${vertex} CACHED$/) : "step ${step} (#${vertex}) was not CACHED:\n${run.text()}"
    assert !run.lines(/^\[INFO\] #${vertex} DONE/) : "step ${step} (#${vertex}) ran:\n${run.text()}"
}

def result = new JsonSlurper().parse(new File(basedir, 'target/kbuildx/build-result.json'))
def connection = new URL("http://${registry}/v2/kbuildx-it/registry-cache/manifests/${result.digest}").openConnection()
connection.addRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json')
connection.addRequestProperty('Accept', 'application/vnd.oci.image.manifest.v1+json')
assert connection.responseCode == 200
def layers = new JsonSlurper().parse(connection.inputStream).layers*.digest
assert layers == new JsonSlurper().parse(new File(basedir, 'target/run-1-layers.json'))
true
