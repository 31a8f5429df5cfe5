package dev.kbuildx.buildkit.session;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The framing and message numbers of the SSH agent protocol (draft-miller-ssh-agent): each message
 * is a {@code uint32} length followed by that many bytes, the first of which is the message type.
 * Collects the bytes of a stream, which arrive in chunks of any size, into whole messages.
 */
final class AgentMessages {
  static final int FAILURE = 5;
  static final int REQUEST_IDENTITIES = 11;
  static final int IDENTITIES_ANSWER = 12;
  static final int SIGN_REQUEST = 13;
  static final int SIGN_RESPONSE = 14;
  /** OpenSSH's agent refuses longer messages; so do we, rather than buffering without bound. */
  static final int MAX_LENGTH = 256 * 1024;

  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  /** Adds a chunk and returns the bodies of the messages it completed, in order. */
  List<byte[]> add(ByteString chunk) {
    pending.writeBytes(chunk.toByteArray());
    byte[] buffered = pending.toByteArray();
    List<byte[]> messages = new ArrayList<>();
    int offset = 0;
    while (buffered.length - offset >= 4) {
      long length = lengthAt(buffered, offset);
      if (length == 0 || length > MAX_LENGTH) {
        throw new SshWire.MalformedException("an agent message of " + length + " bytes");
      }
      if (buffered.length - offset - 4 < length) {
        break;
      }
      messages.add(Arrays.copyOfRange(buffered, offset + 4, offset + 4 + (int) length));
      offset += 4 + (int) length;
    }
    pending.reset();
    pending.write(buffered, offset, buffered.length - offset);
    return messages;
  }

  /** A message body with its length in front, ready to send. */
  static byte[] frame(byte[] body) {
    return new SshWire.Writer().writeString(body).toByteArray();
  }

  /** The one-byte answer to a request an agent does not or may not serve. */
  static byte[] failure() {
    return new byte[] {FAILURE};
  }

  static long lengthAt(byte[] bytes, int offset) {
    return ((bytes[offset] & 0xffL) << 24) | ((bytes[offset + 1] & 0xffL) << 16)
        | ((bytes[offset + 2] & 0xffL) << 8) | (bytes[offset + 3] & 0xffL);
  }
}
