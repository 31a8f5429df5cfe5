// A standing BuildKit daemon for the test, at a unix socket of its own. The test engine's BuildKit
// is reachable only through the Docker API (POST /grpc, upgraded to h2c), not as a buildkitd
// socket, so each connection to this socket is upgraded on the engine and then piped both ways:
// what the build talks to is plain BuildKit gRPC, as with buildkitd's own socket. The socket lives
// in a short temporary directory because unix socket paths are limited to about 100 bytes.
// verify.groovy stops it.
import java.nio.ByteBuffer
import java.nio.channels.ServerSocketChannel
import java.nio.channels.SocketChannel
import java.net.StandardProtocolFamily
import java.net.UnixDomainSocketAddress
import java.nio.file.Files
import java.util.concurrent.atomic.AtomicInteger

def dockerHost = System.getenv('KBUILDX_TEST_DOCKER_HOST')
assert dockerHost?.startsWith('unix://') : 'KBUILDX_TEST_DOCKER_HOST must name the test engine\'s unix socket'
def engineSocket = UnixDomainSocketAddress.of(dockerHost.substring('unix://'.length()))

def directory = Files.createTempDirectory('kbx-daemon')
def socket = directory.resolve('buildkitd.sock')
def server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
server.bind(UnixDomainSocketAddress.of(socket))
def connections = new AtomicInteger()

/** Copies until the source ends, then ends the target's output so the other side sees the end too. */
def pump = { SocketChannel from, SocketChannel to ->
    def buffer = ByteBuffer.allocate(64 * 1024)
    try {
        while (from.read(buffer) >= 0) {
            buffer.flip()
            while (buffer.hasRemaining()) {
                to.write(buffer)
            }
            buffer.clear()
        }
    } catch (IOException ignored) {
        // The other side closed; closing both channels below ends the connection.
    } finally {
        try { to.shutdownOutput() } catch (IOException ignored) { }
    }
}

/** Asks the engine to hand the connection to its BuildKit, as the Docker CLI does for buildx. */
def upgrade = { SocketChannel engine ->
    def request = 'POST /grpc HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 0\r\n\r\n'
    def bytes = ByteBuffer.wrap(request.getBytes('ISO-8859-1'))
    while (bytes.hasRemaining()) {
        engine.write(bytes)
    }
    // The answer's head, byte by byte, so that no byte of the HTTP/2 stream behind it is consumed.
    def head = new StringBuilder()
    def one = ByteBuffer.allocate(1)
    while (!head.toString().endsWith('\r\n\r\n')) {
        one.clear()
        if (engine.read(one) < 0) {
            throw new IOException("the engine closed the connection after: ${head}")
        }
        head.append((char) (one.get(0) & 0xff))
    }
    if (!head.toString().startsWith('HTTP/1.1 101')) {
        throw new IOException("the engine refused the upgrade: ${head.readLines()[0]}")
    }
}

def acceptor = Thread.startDaemon('standing-daemon-accept') {
    while (server.isOpen()) {
        SocketChannel client
        try {
            client = server.accept()
        } catch (IOException closed) {
            break
        }
        connections.incrementAndGet()
        Thread.startDaemon('standing-daemon-connection') {
            SocketChannel engine = null
            try {
                engine = SocketChannel.open(engineSocket)
                upgrade(engine)
                def toEngine = Thread.startDaemon('standing-daemon-up') { pump(client, engine) }
                pump(engine, client)
                toEngine.join()
            } catch (IOException e) {
                System.err.println("standing daemon: ${e.message}")
            } finally {
                engine?.close()
                client.close()
            }
        }
    }
}

context.daemon = [server: server, acceptor: acceptor, directory: directory, socket: socket, connections: connections]
context.userProperties['buildkitd.endpoint'] = 'unix://' + socket
true
