package dev.kbuildx.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Connections to a unix-domain socket ({@code unix:///path}), with the JDK's own support. */
public final class UnixSocketConnector implements ByteStreamConnector {
  private final Path socket;

  public UnixSocketConnector(Path socket) {
    this.socket = socket;
  }

  @Override
  public ByteStream open() throws IOException {
    return SocketStreams.of(connect(socket, endpoint()));
  }

  /** A connected channel; failures name the endpoint and say whether the socket exists at all. */
  public static SocketChannel connect(Path socket, String endpoint) throws IOException {
    if (!Files.exists(socket)) {
      throw new IOException("cannot connect to " + endpoint + ": the socket does not exist");
    }
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
      return channel;
    } catch (IOException e) {
      channel.close();
      throw new IOException("cannot connect to " + endpoint + ": " + TcpConnector.describe(e), e);
    }
  }

  @Override
  public String endpoint() {
    return "unix://" + socket;
  }

  public Path socket() {
    return socket;
  }
}
