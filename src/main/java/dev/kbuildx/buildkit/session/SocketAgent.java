package dev.kbuildx.buildkit.session;

import dev.kbuildx.KbuildxException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * The user's running ssh-agent, reached through its Unix socket ({@code $SSH_AUTH_SOCK} for
 * {@code default}). Like BuildKit's own client, it passes on only listing keys and signing, and
 * answers every other request (adding or removing keys, locking, extensions) with a failure, so a
 * build cannot change the user's agent.
 */
final class SocketAgent implements SshAgent {
  private final Path socket;

  SocketAgent(Path socket) {
    this.socket = socket;
  }

  @Override
  public Conversation open() {
    SocketChannel channel;
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
      } catch (IOException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw new KbuildxException("cannot connect to the ssh-agent socket " + socket + ": " + e.getMessage(), e);
    }
    return new SocketConversation(channel);
  }

  @Override
  public String description() {
    return "agent socket " + socket;
  }

  /** One connection to the agent; the protocol is strictly one answer per request. */
  private final class SocketConversation implements Conversation {
    private final SocketChannel channel;

    SocketConversation(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public byte[] answer(byte[] request) {
      int type = request[0] & 0xff;
      if (type != AgentMessages.REQUEST_IDENTITIES && type != AgentMessages.SIGN_REQUEST) {
        return AgentMessages.failure();
      }
      try {
        writeFully(ByteBuffer.wrap(AgentMessages.frame(request)));
        byte[] header = readFully(4);
        long length = AgentMessages.lengthAt(header, 0);
        if (length == 0 || length > AgentMessages.MAX_LENGTH) {
          throw new KbuildxException("the ssh-agent at " + socket + " answered a message of " + length + " bytes");
        }
        return readFully((int) length);
      } catch (IOException e) {
        throw new KbuildxException("the ssh-agent at " + socket + " failed: " + e.getMessage(), e);
      }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }

    private byte[] readFully(int length) throws IOException {
      ByteBuffer buffer = ByteBuffer.allocate(length);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          throw new IOException("it closed the connection");
        }
      }
      return buffer.array();
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // Closing is best effort: the conversation is over either way.
      }
    }
  }
}
