// After run 2: the registry refused the wrong password; the failure says so and names the image.
// Neither run logged a password, plain, encrypted or in a Basic authorization.
import dev.kbuildx.it.BuildLog
import groovy.xml.XmlSlurper

def registry = System.getenv('KBUILDX_TEST_AUTH_REGISTRY')
def user = System.getenv('KBUILDX_TEST_AUTH_REGISTRY_USER')
def password = System.getenv('KBUILDX_TEST_AUTH_REGISTRY_PASSWORD')
def image = "${registry}/kbuildx-it/encrypted-settings:1"

def log = BuildLog.of(basedir)
def run = log.invocation(2)
run.containsInOrder("pushing ${image} through the Docker Engine", 'BUILD FAILURE',
    "could not push ${image}: unauthorized")
def failure = run.lines(/^\[ERROR\] Failed to execute goal .*kbuildx-maven-plugin.*:build/)
assert failure && failure[0].contains('unauthorized')

def xml = { String file -> new XmlSlurper().parse(new File(basedir, file)) }
def encrypted = ['settings-encrypted.xml', 'settings-wrong-password.xml'].collect { xml(it).servers.server.password.text() }
encrypted << xml('settings-security.xml').master.text()
encrypted.each { assert it ==~ /\{.+\}/ }
def plain = [password, 'kbuildx-it-wrong-password', 'kbuildx-it-master']
def basic = plain.take(2).collect { "${user}:${it}".bytes.encodeBase64().toString() }
// Also without the braces: a message might quote the encrypted value's content.
(plain + basic + encrypted + encrypted.collect { it[1..-2] }).each { log.doesNotContain(it) }
true
