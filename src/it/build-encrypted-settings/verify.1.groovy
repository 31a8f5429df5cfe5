// After run 1: the image is in the registry that requires basic auth, pushed with the password that
// settings.xml holds encrypted.
import dev.kbuildx.it.BuildLog
import groovy.json.JsonSlurper
import java.security.MessageDigest

def registry = System.getenv('KBUILDX_TEST_AUTH_REGISTRY')
def user = System.getenv('KBUILDX_TEST_AUTH_REGISTRY_USER')
def password = System.getenv('KBUILDX_TEST_AUTH_REGISTRY_PASSWORD')
assert registry && user && password : 'the KBUILDX_TEST_AUTH_REGISTRY variables are not set'
def image = "${registry}/kbuildx-it/encrypted-settings:1"

def run = BuildLog.of(basedir).invocation(1)
run.containsInOrder("pushing ${image} through the Docker Engine", "pushed ${image}@sha256:", "Built ${image}",
    'BUILD SUCCESS')

def result = new JsonSlurper().parse(new File(basedir, 'target/kbuildx/build-result.json'))
assert result.tags == [image.toString()]
assert result.digest ==~ /sha256:[0-9a-f]{64}/

def manifest = { String authorization ->
    def connection = new URL("http://${registry}/v2/kbuildx-it/encrypted-settings/manifests/1").openConnection()
    connection.addRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json')
    connection.addRequestProperty('Accept', 'application/vnd.oci.image.manifest.v1+json')
    if (authorization) {
        connection.setRequestProperty('Authorization', authorization)
    }
    connection
}
// The registry does require the credentials.
assert manifest(null).responseCode == 401
def answer = manifest('Basic ' + "${user}:${password}".bytes.encodeBase64())
assert answer.responseCode == 200
def body = answer.inputStream.withCloseable { it.bytes }
assert answer.getHeaderField('Docker-Content-Digest') == result.digest
assert 'sha256:' + MessageDigest.getInstance('SHA-256').digest(body).encodeHex() == result.digest
true
