// The build ran on the standing daemon: it connected to the daemon's socket (and nothing else
// chose a Docker Engine), and the local exporter wrote the image's files. Stops the daemon.
import dev.kbuildx.it.BuildLog
import groovy.json.JsonSlurper
import java.nio.file.Files

def daemon = context.daemon
try {
    def endpoint = 'unix://' + daemon.socket
    def log = BuildLog.of(basedir)
    log.containsInOrder(endpoint, 'RUN echo', 'BUILD SUCCESS').doesNotContain('docker-engine')
    assert daemon.connections.get() > 0 : 'the build never connected to the standing daemon'

    assert new File(basedir, 'target/rootfs/message.txt').text == 'built on a standing daemon\n'
    def result = new JsonSlurper().parse(new File(basedir, 'target/kbuildx/build-result.json'))
    assert result.builder.contains(endpoint)
    assert result.tags == []
} finally {
    daemon?.server?.close()
    daemon?.acceptor?.join(10_000)
    if (daemon) {
        Files.deleteIfExists(daemon.socket)
        Files.deleteIfExists(daemon.directory)
    }
}
true
