package dev.kbuildx.it;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The log check of the -X integration test finds a secret in each way Netty or an HTTP header could print it. */
class SecretFormsTest {

  private static final String SECRET = "kbuildx-test-secret-Zr7Qm2Vx9Lk4Tp8Wn3Hc6Jd1Bf5Gs0";
  private static final Map<String, String> SECRETS = Map.of("test secret", SECRET);

  /** A gRPC message around the secret, at an offset that is no multiple of 3 or 16. */
  private static final byte[] PAYLOAD = ("\u0000\u0000\u0000\u0000\u0039\n\u0005token\u0012" + SECRET + "\u001a\u0002ok")
      .getBytes(StandardCharsets.UTF_8);

  @Test
  void findsTheSecretInNettysFrameLogAndHexDumpAndInBase64() {
    String frameLog = "[DEBUG] [id: 0x1] OUTBOUND DATA: streamId=3 padding=0 endStream=false length=61 bytes="
        + ByteBufUtil.hexDump(PAYLOAD);
    String prettyDump = ByteBufUtil.prettyHexDump(Unpooled.wrappedBuffer(PAYLOAD));
    String basicAuth = "Authorization: Basic " + Base64.getEncoder().encodeToString(("user:" + SECRET)
        .getBytes(StandardCharsets.UTF_8));
    String upper = ByteBufUtil.hexDump(PAYLOAD).toUpperCase();

    for (String log : new String[] {frameLog, prettyDump, basicAuth, upper, "value " + SECRET}) {
      assertThatThrownBy(() -> SecretForms.assertAbsent(log, SECRETS))
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("the log holds the test secret")
          .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain(SECRET));
    }
  }

  @Test
  void aLogWithoutTheSecretPasses() {
    String log = "[DEBUG] Secret token sent from the environment variable CI_TOKEN (53 bytes)\n"
        + ByteBufUtil.prettyHexDump(Unpooled.wrappedBuffer("unrelated payload of some length".getBytes(StandardCharsets.UTF_8)));

    assertThatCode(() -> SecretForms.assertAbsent(log, SECRETS)).doesNotThrowAnyException();
  }
}
