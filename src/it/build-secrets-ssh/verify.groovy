// The three secrets reached their RUN step with the right values, the SSH agent's socket was
// mounted, and neither the secret values nor the key showed up in the log or the image's files.
import dev.kbuildx.it.BuildLog
import java.security.MessageDigest

def log = BuildLog.of(basedir)
log.containsInOrder('RUN --mount=type=secret', 'RUN --mount=type=ssh', 'BUILD SUCCESS')

def sha256 = { String value -> MessageDigest.getInstance('SHA-256').digest(value.getBytes('UTF-8')).encodeHex().toString() }
def npmrc = new File(basedir, 'secrets/npmrc').getText('UTF-8')
def values = [npmrc: npmrc, token: 'kbuildx-it-job-token', deploy: 'kbuildx-it-secret-value']
def expected = values.collect { id, value -> "${sha256(value)}  ${id}" }.join('\n') + '\n'
def rootfs = new File(basedir, 'target/rootfs')
assert new File(rootfs, 'secrets.sha256').text == expected
assert new File(rootfs, 'ssh.txt').text == 'ssh agent mounted\n'
assert !new File(rootfs, 'run/secrets/token').exists() : 'secret mounts must not stay in the image'

def key = new File(basedir, 'target/ssh/id_ed25519').text
def keyBody = key.readLines().findAll { !it.startsWith('-----') }.join('')
(values.values().collect { it.trim() } + [keyBody]).each { log.doesNotContain(it) }
rootfs.eachFileRecurse { file ->
    if (file.isFile() && file.length() < 1_000_000) {
        def text = file.getText('ISO-8859-1')
        values.values().each { assert !text.contains(it.trim()) : "${file} holds a secret value" }
    }
}
true
