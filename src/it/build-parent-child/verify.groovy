// After run 2: each module's image was written to its own target/rootfs, with its own jar and,
// in alpha, the file its RUN step wrote from the inherited build arguments.
import dev.kbuildx.it.BuildLog
import groovy.json.JsonSlurper
import java.util.zip.ZipFile

BuildLog.of(basedir).invocation(2).containsInOrder(
    'Skipping kbuildx:build for pom packaging', 'alpha/Dockerfile on docker-engine',
    'beta/Dockerfile on docker-engine', 'BUILD SUCCESS')

def entries = { File jar ->
    assert jar.isFile() : "${jar} is missing"
    new ZipFile(jar).withCloseable { zip -> zip.entries().collect { it.name } }
}

assert new File(basedir, 'alpha/target/rootfs/app/greeting.txt').text == 'hello from the parent to alpha\n'
assert entries(new File(basedir, 'alpha/target/rootfs/app/alpha.jar')).contains('alpha.txt')
// FROM scratch: the jar is the only file.
assert new File(basedir, 'beta/target/rootfs').list() as List == ['beta.jar']
assert entries(new File(basedir, 'beta/target/rootfs/beta.jar')).contains('beta.txt')

['alpha', 'beta'].each { module ->
    def result = new JsonSlurper().parse(new File(basedir, "${module}/target/kbuildx/build-result.json"))
    // The tags name images; the local output is not one.
    assert result.tags == []
    assert result.digest == null
}
true
