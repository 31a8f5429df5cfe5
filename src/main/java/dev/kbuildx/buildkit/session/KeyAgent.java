package dev.kbuildx.buildkit.session;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An agent in memory holding the keys of key files, as buildx serves {@code --ssh id=<key file>}: it
 * lists its keys and signs with them, and refuses everything else (adding, removing, locking,
 * extensions), so a build can use the keys but never change or read them.
 */
final class KeyAgent implements SshAgent {
  private final List<AgentKey> keys;
  private final String description;

  KeyAgent(List<AgentKey> keys, String description) {
    this.keys = List.copyOf(keys);
    this.description = description;
  }

  /** Loads every key of every file; fails naming the first file that cannot be used. */
  static KeyAgent load(List<Path> files) {
    List<AgentKey> keys = new ArrayList<>();
    for (Path file : files) {
      keys.addAll(SshKeyFile.read(file));
    }
    String names = files.stream().map(Path::toString).collect(Collectors.joining(", "));
    return new KeyAgent(keys, (files.size() == 1 ? "key file " : "key files ") + names);
  }

  @Override
  public Conversation open() {
    return new Conversation() {
      @Override
      public byte[] answer(byte[] request) {
        return KeyAgent.this.answer(request);
      }

      @Override
      public void close() {
        // Nothing is held per conversation.
      }
    };
  }

  @Override
  public String description() {
    return description;
  }

  byte[] answer(byte[] request) {
    try {
      SshWire.Reader reader = new SshWire.Reader(request);
      int type = reader.readByte();
      if (type == AgentMessages.REQUEST_IDENTITIES) {
        return identities();
      }
      if (type == AgentMessages.SIGN_REQUEST) {
        return sign(reader.readString(), reader.readString(), reader.remaining() >= 4 ? (int) reader.readUint32() : 0);
      }
    } catch (SshWire.MalformedException e) {
      // A request we cannot read gets the same answer as one we do not serve.
    }
    return AgentMessages.failure();
  }

  private byte[] identities() {
    SshWire.Writer writer = new SshWire.Writer().writeByte(AgentMessages.IDENTITIES_ANSWER).writeUint32(keys.size());
    for (AgentKey key : keys) {
      writer.writeString(key.publicKeyBlob()).writeText(key.comment());
    }
    return writer.toByteArray();
  }

  private byte[] sign(byte[] publicKeyBlob, byte[] data, int flags) {
    for (AgentKey key : keys) {
      if (key.matches(publicKeyBlob)) {
        try {
          return new SshWire.Writer().writeByte(AgentMessages.SIGN_RESPONSE).writeString(key.sign(data, flags))
              .toByteArray();
        } catch (GeneralSecurityException e) {
          return AgentMessages.failure();
        }
      }
    }
    return AgentMessages.failure();
  }
}
