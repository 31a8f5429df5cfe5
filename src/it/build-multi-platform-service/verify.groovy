// After mvn package: the service's image for linux/amd64 (node amd) and linux/arm64 (node arm) is one
// index in the registry under both tags, and build-result.json names exactly what the registry holds.
import dev.kbuildx.it.BuildLog
import dev.kbuildx.engine.RegistryHttp
import groovy.json.JsonSlurper
import java.security.MessageDigest
import java.util.jar.JarInputStream
import java.util.zip.GZIPInputStream

def registry = System.getenv('KBUILDX_TEST_REGISTRY')
assert registry : 'KBUILDX_TEST_REGISTRY is not set'
def repository = 'kbuildx-it/multi-platform-service'
def indexTypes = RegistryHttp.INDEX_TYPES
def manifestTypes = RegistryHttp.MANIFEST_TYPES
def content = new RegistryHttp(registry)
def sha256 = { byte[] bytes -> 'sha256:' + MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex() }
def json = { byte[] bytes -> new JsonSlurper().parse(bytes) }

/** The files of a gzipped tar layer, name to content (the ustar header: name at 0, octal size at 124). */
def layerFiles = { byte[] layer ->
    def tar = new GZIPInputStream(new ByteArrayInputStream(layer)).bytes
    def files = [:]
    int at = 0
    while (at + 512 <= tar.length && tar[at] != 0) {
        def name = new String(tar, at, 100, 'UTF-8').takeWhile { it != '\0' }
        def size = Long.parseLong(new String(tar, at + 124, 12, 'US-ASCII').replace('\0', '').trim() ?: '0', 8) as int
        files[name] = Arrays.copyOfRange(tar, at + 512, at + 512 + size)
        at += 512 + ((size + 511).intdiv(512)) * 512
    }
    files
}

BuildLog.of(basedir).invocation(1).containsInOrder(
    'maven-jar-plugin', 'build-multi-platform-service-1.0.jar',
    'kbuildx-maven-plugin', ':build (image)', 'BUILD SUCCESS')

def result = new JsonSlurper().parse(new File(basedir, 'target/kbuildx/build-result.json'))
def tags = ["${registry}/${repository}:1.0", "${registry}/${repository}:latest"]*.toString()
assert result.tags == tags
assert result.digest ==~ /sha256:[0-9a-f]{64}/
assert result.mediaType in indexTypes
// Each platform was built by the node declared for it.
assert result.manifests.collectEntries { [it.platform, it.node] } == ['linux/amd64': 'amd', 'linux/arm64': 'arm']
def built = result.manifests.collectEntries { [it.platform, it.digest] }
built.values().each { assert it ==~ /sha256:[0-9a-f]{64}/ }
assert built['linux/amd64'] != built['linux/arm64']

['1.0', 'latest'].each { tag ->
    def index = content.manifest(repository, tag)
    assert index.mediaType() == result.mediaType : "tag ${tag} is a ${index.mediaType()}, not the index build-result.json names"
    assert sha256(index.body()) == result.digest : "tag ${tag} is not the index build-result.json names"
    assert index.digest() == result.digest
    def listed = json(index.body()).manifests
    assert listed.size() == 2
    assert listed.collectEntries { ["${it.platform.os}/${it.platform.architecture}".toString(), it.digest] } == built
    listed.each { assert it.mediaType in manifestTypes }
}

built.each { platform, digest ->
    def manifest = content.manifest(repository, digest)
    assert sha256(manifest.body()) == digest
    def image = json(manifest.body())
    def config = json(content.blob(repository, image.config.digest))
    assert "${config.os}/${config.architecture}" == platform
    // FROM scratch and one COPY: a single layer holding the service's jar.
    assert image.layers.size() == 1
    def files = layerFiles(content.blob(repository, image.layers[0].digest))
    assert files.keySet() == ['app/', 'app/app.jar'] as Set
    new JarInputStream(new ByteArrayInputStream(files['app/app.jar'])).withCloseable { jar ->
        assert jar.manifest.mainAttributes.getValue('Main-Class') == 'dev.kbuildx.it.service.Main'
        def entries = []
        for (def entry = jar.nextJarEntry; entry != null; entry = jar.nextJarEntry) {
            entries << entry.name
        }
        assert entries.contains('dev/kbuildx/it/service/Main.class')
    }
}
true
