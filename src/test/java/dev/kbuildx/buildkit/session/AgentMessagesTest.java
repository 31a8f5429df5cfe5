package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class AgentMessagesTest {
  private final AgentMessages messages = new AgentMessages();

  @Test
  void collectsWholeMessagesFromChunksOfAnySize() {
    byte[] first = AgentMessages.frame(new byte[] {11});
    byte[] second = AgentMessages.frame(new byte[] {13, 1, 2, 3});

    assertThat(messages.add(ByteString.copyFrom(first, 0, 2))).isEmpty();
    assertThat(messages.add(ByteString.copyFrom(first, 2, 3).concat(ByteString.copyFrom(second, 0, 6))))
        .containsExactly(new byte[] {11});
    assertThat(messages.add(ByteString.copyFrom(second, 6, 2))).containsExactly(new byte[] {13, 1, 2, 3});
    assertThat(messages.add(ByteString.copyFrom(first).concat(ByteString.copyFrom(first))))
        .containsExactly(new byte[] {11}, new byte[] {11});
  }

  @Test
  void refusesEmptyAndOversizedMessages() {
    assertThatThrownBy(() -> messages.add(ByteString.copyFrom(new byte[] {0, 0, 0, 0})))
        .isInstanceOf(SshWire.MalformedException.class)
        .hasMessage("an agent message of 0 bytes");
    assertThatThrownBy(() -> new AgentMessages().add(ByteString.copyFrom(new byte[] {0, 4, 0, 1})))
        .hasMessage("an agent message of 262145 bytes");
  }
}
