// After mvn package on the real cluster: both nodes ran as Deployments in the test's namespace, and the
// pod registry, which only the builder's buildkitd config marks as plain HTTP, holds one index under both
// tags with the amd64 and arm64 images that build-result.json names.
import dev.kbuildx.it.BuildLog
import dev.kbuildx.engine.RegistryHttp
import dev.kbuildx.real.RealCluster
import groovy.json.JsonSlurper
import java.security.MessageDigest

def cluster = RealCluster.require()
try {
    def namespace = RealCluster.namespaceOf(new File(basedir, 'kubeconfig').toPath())
    def deployments = cluster.client().apps().deployments().inNamespace(namespace).list().items
    assert deployments*.metadata*.name.sort() == ['amd64', 'arm64']
    def config = cluster.client().configMaps().inNamespace(namespace).withName('amd64-config').get()
    assert config?.data?.'buildkitd.toml'?.contains('http = true')

    def registry = cluster.podRegistry()
    def repository = 'kbuildx-it/real-multi-arch-service'
    def indexTypes = RegistryHttp.INDEX_TYPES
    def content = new RegistryHttp(registry)
    def sha256 = { byte[] bytes -> 'sha256:' + MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex() }

    BuildLog.of(basedir).invocation(1).containsInOrder('real-multi-arch-service-1.0.jar',
        "merging manifest list ${registry}/${repository}:1.0", 'BUILD SUCCESS')

    def result = new JsonSlurper().parse(new File(basedir, 'target/kbuildx/build-result.json'))
    assert result.tags == ["${registry}/${repository}:1.0", "${registry}/${repository}:latest"]*.toString()
    assert result.mediaType in indexTypes
    assert result.manifests.collectEntries { [it.platform, it.node] } == ['linux/amd64': 'amd64', 'linux/arm64': 'arm64']
    def built = result.manifests.collectEntries { [it.platform, it.digest] }

    ['1.0', 'latest'].each { tag ->
        def index = content.manifest(repository, tag)
        assert sha256(index.body()) == result.digest : "tag ${tag} is not the index build-result.json names"
        def listed = new JsonSlurper().parse(index.body()).manifests.findAll { it.platform.os != 'unknown' }
        assert listed.collectEntries { ["${it.platform.os}/${it.platform.architecture}".toString(), it.digest] } == built
    }
    built.each { platform, digest ->
        def image = new JsonSlurper().parse(content.manifest(repository, digest).body())
        def imageConfig = new JsonSlurper().parse(content.blob(repository, image.config.digest))
        assert "${imageConfig.os}/${imageConfig.architecture}" == platform
    }
} finally {
    cluster.deleteProjectNamespace(basedir)
    cluster.close()
}
true
