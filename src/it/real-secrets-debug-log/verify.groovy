// After both -X runs: each sent every secret (the builds would fail without them, and the debug log says
// so), Netty's own DEBUG logging was on, the quick compiler was kept to the second run's goal, both images are in their registries, and no secret or password
// appears anywhere in the log: not as text, not in hex (lower or upper case, contiguous or byte by byte),
// not in base64.
import dev.kbuildx.engine.TestEngine
import dev.kbuildx.it.BuildLog
import dev.kbuildx.it.SecretForms
import dev.kbuildx.real.RealCluster

def cluster = RealCluster.require()
try {
    def auth = TestEngine.requireAuthRegistry()
    def log = BuildLog.of(basedir)
    [1, 2].each { number ->
        log.invocation(number).containsInOrder('[DEBUG] -Dio.netty.',
            '[DEBUG] Secret file sent from', '[DEBUG] Secret env sent from', '[DEBUG] Secret server sent from',
            'BUILD SUCCESS')
    }
    log.invocation(1).containsInOrder("Registry credentials for ${auth.address()} from".toString())
        .doesNotContain("C2 compiler kept off")
    log.invocation(2).containsInOrder('kubernetes builder kbuildx node amd64')
    log.invocation(2).containsInOrder("[DEBUG] C2 compiler kept off while kbuildx goals run (2 compiler directives",
        "[DEBUG] C2 compiler back on", 'BUILD SUCCESS')

    def manifest = { String registry, String authorization ->
        def connection = new URL("http://${registry}/v2/kbuildx-it/secrets-debug-log/manifests/1").openConnection()
        connection.addRequestProperty('Accept', 'application/vnd.oci.image.index.v1+json')
        connection.addRequestProperty('Accept', 'application/vnd.oci.image.manifest.v1+json')
        connection.addRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json')
        if (authorization) {
            connection.setRequestProperty('Authorization', authorization)
        }
        connection.responseCode
    }
    assert manifest(auth.address(), 'Basic ' + "${auth.user()}:${auth.password()}".bytes.encodeBase64()) == 200
    assert manifest(cluster.podRegistry(), null) == 200

    def settings = new groovy.xml.XmlSlurper().parse(new File(basedir, 'settings-debug-log.xml'))
    SecretForms.assertAbsent(log.text(), [
        'environment secret': 'kbuildx-env-secret-7Qz3Vt9LmW2xR8pK4nY6bJ1cH5sD0fGa',
        'file secret': new File(basedir, 'secrets/file-secret.txt').text.trim(),
        'settings.xml server secret': settings.servers.server.find { it.id == 'kbuildx-it-debug-secret' }.password.text(),
        'registry password': auth.password(),
        'registry Basic credentials': "${auth.user()}:${auth.password()}".toString()])
} finally {
    cluster.deleteProjectNamespace(basedir)
    cluster.close()
}
true
