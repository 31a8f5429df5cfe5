// After run 1: the RUN step executed; the pushed image carries the inline cache in its config.
// Its layers are kept for run 2 to compare.
import dev.kbuildx.it.BuildLog
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

def registry = System.getenv('KBUILDX_TEST_REGISTRY')
def runId = new File(basedir, 'run-id.txt').text.trim()
def run = BuildLog.of(basedir).invocation(1)
run.containsInOrder('RUN echo', "step ran for ${runId}", 'BUILD SUCCESS')

def result = new JsonSlurper().parse(new File(basedir, 'target/kbuildx/build-result.json'))
def get = { String path ->
    def connection = new URL("http://${registry}/v2/kbuildx-it/registry-cache/${path}").openConnection()
    connection.addRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json')
    connection.addRequestProperty('Accept', 'application/vnd.oci.image.manifest.v1+json')
    assert connection.responseCode == 200 : "GET ${path} answered ${connection.responseCode}"
    new JsonSlurper().parse(connection.inputStream)
}
def manifest = get("manifests/${result.digest}")
def config = get("blobs/${manifest.config.digest}")
assert config['moby.buildkit.cache.v0'] : 'the image config has no inline build cache'
new File(basedir, 'target/run-1-layers.json').text = JsonOutput.toJson(manifest.layers*.digest)
true
