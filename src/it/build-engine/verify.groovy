// After the second run: the image's files were written to target/rootfs, the build args applied.
import dev.kbuildx.it.BuildLog
import groovy.json.JsonSlurper

BuildLog.of(basedir).invocation(2).containsInOrder('Dockerfile on docker-engine', 'BUILD SUCCESS')
assert new File(basedir, 'target/rootfs/message.txt').text == 'built by kbuildx\n'
assert new File(basedir, 'target/rootfs/hello.txt').text == 'hello from the context\n'

def result = new JsonSlurper().parse(new File(basedir, 'target/kbuildx/build-result.json'))
assert result.tags == ['kbuildx-it/build-engine:1']
assert result.digest == null
true
