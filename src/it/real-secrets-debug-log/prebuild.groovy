// The test's namespace and kubeconfig, the builder's buildkitd config (the pod registry serves plain
// HTTP), and a base image with a shell in both registries the builds pull from: the one that requires
// basic auth (so that the standing daemon asks the build for the password) and the pod registry.
import dev.kbuildx.engine.TestEngine
import dev.kbuildx.real.RealCluster
import dev.kbuildx.registry.CredentialSource
import dev.kbuildx.registry.RegistryClient
import dev.kbuildx.registry.RegistryConfig
import dev.kbuildx.registry.RegistryCredentials
import dev.kbuildx.registry.RegistryHostConfig
import dev.kbuildx.registry.RegistryRepository
import groovy.json.JsonSlurper

def engine = TestEngine.require()
def auth = TestEngine.requireAuthRegistry()
def path = 'kbuildx-it/secrets-debug-log-base'
def base = "${engine.registry()}/${path}:1"
engine.tagImage(TestEngine.BASE_IMAGE, base)
engine.pushImage(base)

RealCluster.forProject(basedir, 'secrets-log').withCloseable { cluster ->
    new File(basedir, 'buildkitd.toml').text = "[registry.\"${cluster.podRegistry()}\"]\n  http = true\n"
    def credentials = [
        lookup: { String host -> host == auth.address()
            ? Optional.of(new RegistryCredentials(auth.user(), auth.password())) : Optional.empty() },
        description: { 'the test registry user' }] as CredentialSource
    def client = new RegistryClient(credentials, new RegistryConfig(
        [(cluster.podRegistry()): new RegistryHostConfig(true, false, [], [])]))
    def from = new RegistryRepository(engine.registry(), path)
    def manifest = client.fetchManifest(from, '1')
    def image = new JsonSlurper().parse(manifest.bytes())
    [auth.address(), cluster.podRegistry()].each { registry ->
        def to = new RegistryRepository(registry, path)
        ([image.config] + image.layers).each { client.copyBlob(from, to, it.digest, it.size as long) }
        client.pushManifest(to, '1', manifest.mediaType(), manifest.bytes())
    }
}
true
