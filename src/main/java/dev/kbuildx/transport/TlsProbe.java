package dev.kbuildx.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Asks an endpoint whether it speaks TLS: sends a TLS client hello on a fresh stream and looks at the
 * first byte of the answer, which is a TLS handshake or alert record for a TLS server. A cleartext
 * client only learns that the daemon hung up, which is how a TLS daemon answers an HTTP/2 preface.
 */
final class TlsProbe {
  private static final int HANDSHAKE_RECORD = 0x16;
  private static final int ALERT_RECORD = 0x15;
  private static final Duration LIMIT = Duration.ofSeconds(5);

  private TlsProbe() {}

  /** False also when the endpoint cannot be reached or does not answer in time. */
  static boolean answersTls(ByteStreamConnector connector) {
    AtomicReference<ByteStream> opened = new AtomicReference<>();
    Future<Boolean> answer = LocalTransport.blockingIo().submit(() -> {
      try (ByteStream stream = connector.open()) {
        opened.set(stream);
        stream.output().write(clientHello());
        stream.output().flush();
        int first = stream.input().read();
        return first == HANDSHAKE_RECORD || first == ALERT_RECORD;
      }
    });
    try {
      return answer.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return false;
    } catch (TimeoutException e) {
      // A blocked read only ends when its stream closes.
      closeQuietly(opened.get());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void closeQuietly(ByteStream stream) {
    try {
      if (stream != null) {
        stream.close();
      }
    } catch (IOException e) {
      // The probe has its answer: no TLS in time.
    }
  }

  private static byte[] clientHello() throws IOException {
    try {
      SSLEngine engine = SSLContext.getDefault().createSSLEngine();
      engine.setUseClientMode(true);
      ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
      engine.beginHandshake();
      engine.wrap(ByteBuffer.allocate(0), hello);
      hello.flip();
      byte[] bytes = new byte[hello.remaining()];
      hello.get(bytes);
      return bytes;
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("the JDK offers no TLS", e);
    }
  }
}
