package dev.kbuildx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.logging.LogLevel;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * grpc-netty's HTTP/2 frame logger, with every level on as {@code mvn -X} turns them on, writes no
 * frame bytes once the silencer is installed; other Netty loggers and higher levels still log.
 */
class FrameLogSilencerTest {

  private static final String SECRET = "kbuildx-frame-secret-Vq8Lm3Xz6Tp1Wr4Kn9Hb2Jc7Gd5Fs0";
  private static final String CLIENT_FRAMES = "io.grpc.netty.NettyClientHandler";
  private static final String OTHER = "io.netty.channel.DefaultChannelPipeline";

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord logRecord) {
      records.add(logRecord);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private InternalLoggerFactory previous;

  @BeforeEach
  void everyLevelOn() {
    previous = InternalLoggerFactory.getDefaultFactory();
    InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    for (String name : List.of(CLIENT_FRAMES, OTHER)) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.ALL);
      logger.setUseParentHandlers(false);
      logger.addHandler(capture);
    }
  }

  @AfterEach
  void restore() {
    for (String name : List.of(CLIENT_FRAMES, OTHER)) {
      Logger logger = Logger.getLogger(name);
      logger.removeHandler(capture);
      logger.setUseParentHandlers(true);
      logger.setLevel(null);
    }
    InternalLoggerFactory.setDefaultFactory(previous);
  }

  @Test
  void withoutTheSilencerTheFrameLoggerDumpsTheSecretInHex() {
    logDataFrame();

    assertThat(records).anySatisfy(logged -> assertThat(logged.getMessage()).contains(hex(SECRET)));
  }

  @Test
  void theSilencerDropsFrameBytesAndKeepsEverythingElse() {
    FrameLogSilencer.install();
    FrameLogSilencer.install();

    logDataFrame();
    InternalLoggerFactory.getInstance(CLIENT_FRAMES).warn("a warning of the frame logger's name");
    InternalLoggerFactory.getInstance(OTHER).debug("an unrelated debug line");

    assertThat(records).extracting(LogRecord::getMessage)
        .containsExactly("a warning of the frame logger's name", "an unrelated debug line");
    assertThat(InternalLoggerFactory.getInstance(CLIENT_FRAMES).isDebugEnabled()).isFalse();
    assertThat(InternalLoggerFactory.getInstance(OTHER).isDebugEnabled()).isTrue();
  }

  /** What grpc-netty does for every DATA frame it sends, here with a message that carries the secret. */
  private static void logDataFrame() {
    Http2FrameLogger frames = new Http2FrameLogger(LogLevel.DEBUG, CLIENT_FRAMES);
    EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    try {
      ChannelHandlerContext context = channel.pipeline().firstContext();
      ByteBuf data = Unpooled.copiedBuffer("\n\u0006secret\u0012" + SECRET, StandardCharsets.UTF_8);
      frames.logData(Http2FrameLogger.Direction.OUTBOUND, context, 3, data, 0, false);
      data.release();
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  private static String hex(String text) {
    return ByteBufUtil.hexDump(text.getBytes(StandardCharsets.UTF_8));
  }
}
