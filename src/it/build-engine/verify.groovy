// After the second run: the image's files were written to target/rootfs, the build args applied,
// SOURCE_DATE_EPOCH taken from project.build.outputTimestamp and the settings.xml server's secret served.
import dev.kbuildx.it.BuildLog
import groovy.json.JsonSlurper
import java.security.MessageDigest

BuildLog.of(basedir).invocation(2).containsInOrder('Dockerfile on docker-engine', 'BUILD SUCCESS')
assert new File(basedir, 'target/rootfs/message.txt').text == 'built by kbuildx\n'
assert new File(basedir, 'target/rootfs/hello.txt').text == 'hello from the context\n'
// 2023-01-01T00:00:00Z
assert new File(basedir, 'target/rootfs/epoch').text == '1672531200\n'
def secretDigest = MessageDigest.getInstance('SHA-256').digest('kbuildx-it-secret-value'.getBytes('UTF-8'))
assert new File(basedir, 'target/rootfs/token.sha256').text == secretDigest.encodeHex().toString() + '\n'

def result = new JsonSlurper().parse(new File(basedir, 'target/kbuildx/build-result.json'))
// The tags name images; the local output is not one, so no tag applies to it.
assert result.tags == []
assert result.digest == null
BuildLog.of(basedir).invocation(2).containsInOrder('Built the outputs; wrote')
true
