package dev.kbuildx.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Byte streams over connected sockets: TCP (possibly TLS) sockets and unix-domain socket channels. */
public final class SocketStreams {
  private SocketStreams() {}

  public static ByteStream of(Socket socket) throws IOException {
    InputStream input = socket.getInputStream();
    OutputStream output = socket.getOutputStream();
    return ByteStream.of(input, output, socket);
  }

  /**
   * A stream over a blocking socket channel. It reads and writes the channel directly, since the
   * JDK's {@code Channels.newInputStream} holds a lock during a blocking read that its output
   * stream also needs, which would stop writes while the daemon is silent.
   */
  public static ByteStream of(SocketChannel channel) {
    InputStream input = new ChunkInputStream() {
      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        return length == 0 ? 0 : channel.read(ByteBuffer.wrap(bytes, offset, length));
      }
    };
    OutputStream output = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
    };
    return ByteStream.of(input, output, channel);
  }
}
