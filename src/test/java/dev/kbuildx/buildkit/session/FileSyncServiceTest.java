package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import dev.kbuildx.Await;
import dev.kbuildx.buildkit.proto.fsutil.Packet;
import dev.kbuildx.buildkit.proto.fsutil.Packet.PacketType;
import dev.kbuildx.buildkit.proto.fsutil.Stat;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSyncServiceTest {
  private static final int CHUNK = DiffCopySender.CHUNK_SIZE;

  @TempDir
  Path context;
  private FileSyncService service;
  private LocalGrpcServer server;

  @BeforeEach
  void start() throws IOException {
    service = new FileSyncService(Map.of("context", context, "missing", context.resolve("missing")));
    server = new LocalGrpcServer(service);
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.stop();
  }

  @Test
  void listsInWalkOrderAndNumbersEveryEntry() throws Exception {
    file("a/b", "in a");
    file("a.txt", "next to a");
    FakeDiffCopyReceiver daemon = open();

    List<Stat> listing = daemon.listing();

    assertThat(listing).extracting(Stat::getPath).containsExactly("a", "a/b", "a.txt");
    assertThat(listing).extracting(Stat::getUid, Stat::getGid).containsOnly(tuple(0, 0));
    daemon.request(2);
    daemon.request(1);
    assertThat(daemon.files(List.of(1, 2))).containsOnly(entry(1, "in a"), entry(2, "next to a"));
    finish(daemon);
  }

  @Test
  void sendsModesSizesTimesAndLinks() throws Exception {
    Path tool = file("bin/tool", "#!/bin/sh\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(context.resolve("latest"), Path.of("bin/tool"));
    Files.setPosixFilePermissions(context.resolve("bin"), PosixFilePermissions.fromString("rwxr-xr-x"));
    FakeDiffCopyReceiver daemon = open();

    List<Stat> listing = daemon.listing();

    assertThat(listing).extracting(Stat::getPath, Stat::getMode, Stat::getSize, Stat::getLinkname).containsExactly(
        tuple("bin", 0x800001ED, 0L, ""),
        tuple("bin/tool", 0750, 10L, ""),
        tuple("latest", 0x080001FF, 8L, "bin/tool"));
    long toolTime = Files.getLastModifiedTime(tool).toInstant().getEpochSecond() * 1_000_000_000L
        + Files.getLastModifiedTime(tool).toInstant().getNano();
    assertThat(listing.get(1).getModTime()).isEqualTo(toolTime);
    finish(daemon);
  }

  @Test
  void theEndOfTheListingIsAnEmptyMessage() throws Exception {
    file("a", "");
    FakeDiffCopyReceiver daemon = open();

    assertThat(daemon.next().hasStat()).isTrue();
    Packet end = daemon.next();

    assertThat(end.hasStat()).isFalse();
    assertThat(end.getType()).isEqualTo(PacketType.PACKET_STAT);
    assertThat(end.getSerializedSize()).isZero();
    finish(daemon);
  }

  @Test
  void sendsLargeFilesInChunksAndEmptyFilesAsJustTheEnd() throws Exception {
    byte[] large = new byte[3 * CHUNK + 5];
    new Random(7).nextBytes(large);
    Files.write(context.resolve("a-large"), large);
    file("b-empty", "");
    FakeDiffCopyReceiver daemon = open();
    daemon.listing();

    daemon.request(0);
    daemon.request(1);
    Map<Integer, List<ByteString>> chunks = daemon.chunks(List.of(0, 1));

    assertThat(chunks.get(0)).extracting(ByteString::size).containsExactly(CHUNK, CHUNK, CHUNK, 5);
    assertThat(ByteString.copyFrom(chunks.get(0)).toByteArray()).isEqualTo(large);
    assertThat(chunks).doesNotContainKey(1);
    finish(daemon);
  }

  @Test
  void sendsOnlyWhatTheDaemonRequests() throws Exception {
    file("one", "1111");
    file("two", "22");
    file("three", "333");
    FakeDiffCopyReceiver daemon = open();
    daemon.listing();

    daemon.request(2);
    assertThat(daemon.files(List.of(2))).containsOnly(entry(2, "22"));
    finish(daemon);

    assertThat(service.counters().fileBytes()).isEqualTo(2);
    assertThat(service.counters().files()).isEqualTo(1);
    assertThat(service.counters().packetBytes()).isPositive();
  }

  @Test
  void finIsAnsweredWithFinAndEndsTheCall() throws Exception {
    file("a", "x");
    FakeDiffCopyReceiver daemon = open();
    daemon.listing();
    daemon.request(0);
    daemon.files(List.of(0));

    daemon.sendFin();

    assertThat(daemon.next().getType()).isEqualTo(PacketType.PACKET_FIN);
    assertThat(daemon.end().isOk()).isTrue();
  }

  @Test
  void excludePatternsAndExceptionsFilterTheListing() throws Exception {
    file("node_modules/pkg/index.js", "");
    file("node_modules/pkg/keep.md", "");
    file("src/app.js", "");
    file("src/app.js.map", "");
    FakeDiffCopyReceiver daemon = open("exclude-patterns", "node_modules", "exclude-patterns", "**/*.map",
        "exclude-patterns", "!node_modules/pkg/keep.md");

    assertThat(daemon.listing()).extracting(Stat::getPath)
        .containsExactly("node_modules", "node_modules/pkg", "node_modules/pkg/keep.md", "src", "src/app.js");
    finish(daemon);
  }

  @Test
  void includePatternsAndFollowPathsRestrictTheListing() throws Exception {
    file("docker/Dockerfile", "FROM scratch");
    Files.createSymbolicLink(context.resolve("Dockerfile"), Path.of("docker/Dockerfile"));
    file("docker/Dockerfile.dockerignore", "");
    file("src/a", "");
    FakeDiffCopyReceiver daemon = open("followpaths", "Dockerfile", "followpaths", "Dockerfile.dockerignore");

    assertThat(daemon.listing()).extracting(Stat::getPath).containsExactly("Dockerfile", "docker", "docker/Dockerfile");
    finish(daemon);
  }

  @Test
  void decodesUrlEncodedPatterns() throws Exception {
    file("d\u00e9j\u00e0 vu", "");
    file("other", "");
    FakeDiffCopyReceiver daemon = open("exclude-patterns", "d%C3%A9j%C3%A0+vu", "exclude-patterns-encoded", "1");

    assertThat(daemon.listing()).extracting(Stat::getPath).containsExactly("other");
    finish(daemon);
  }

  @Test
  void refusesUnknownDirectories() throws Exception {
    FakeDiffCopyReceiver daemon = FakeDiffCopyReceiver.open(server.channel(), "secret-dir");

    Status status = daemon.end();

    assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(status.getDescription()).isEqualTo("no access allowed to dir \"secret-dir\"");
  }

  @Test
  void refusesMalformedPatterns() throws Exception {
    FakeDiffCopyReceiver daemon = open("exclude-patterns", "[");

    Status status = daemon.end();

    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).contains("syntax error in pattern");
  }

  @Test
  void aListingErrorIsSentAsErrAndFailsTheCall() throws Exception {
    FakeDiffCopyReceiver daemon = FakeDiffCopyReceiver.open(server.channel(), "missing");

    Packet error = daemon.next();
    Status status = daemon.end();

    assertThat(error.getType()).isEqualTo(PacketType.PACKET_ERR);
    assertThat(error.getData().toStringUtf8()).startsWith("failed to list \"missing\"");
    assertThat(status.getDescription()).isEqualTo(error.getData().toStringUtf8());
  }

  @Test
  void anErrFromTheDaemonEndsTheCall() throws Exception {
    file("a", "x");
    FakeDiffCopyReceiver daemon = open();
    daemon.listing();

    daemon.sendError("no space left on device");

    assertThat(daemon.end().getDescription()).isEqualTo("error from receiver: no space left on device");
  }

  @Test
  void refusesRequestsForEntriesWithoutData() throws Exception {
    file("dir/file", "x");
    FakeDiffCopyReceiver daemon = open();
    daemon.listing();

    daemon.request(0);

    Status status = daemon.end();
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).isEqualTo("invalid file id 0");
  }

  @Test
  void refusesASecondRequestForTheSameFile() throws Exception {
    file("a", "x");
    FakeDiffCopyReceiver daemon = open();
    daemon.listing();
    daemon.request(0);
    daemon.files(List.of(0));

    daemon.request(0);

    assertThat(daemon.end().getDescription()).isEqualTo("invalid file id 0");
  }

  @Test
  void aDaemonThatHangsUpBeforeFinFailsTheCall() throws Exception {
    file("a", "x");
    FakeDiffCopyReceiver daemon = open();
    daemon.listing();

    daemon.halfClose();

    assertThat(daemon.end().getDescription()).contains("before it finished");
  }

  @Test
  void waitsForTheDaemonToReadInsteadOfBuffering() throws Exception {
    int size = 32 * 1024 * 1024;
    writeZeros(context.resolve("big"), size);
    FakeDiffCopyReceiver daemon = FakeDiffCopyReceiver.openSlow(server.channel(), "context");
    daemon.allow(2);
    daemon.listing();

    daemon.request(0);
    Await.until("the file sender waits for the daemon to read", Duration.ofSeconds(30),
        FileSyncServiceTest::fileSenderWaitsForTheDaemon);
    long sentWhileBlocked = service.counters().fileBytes();
    daemon.allow(Integer.MAX_VALUE);
    long received = daemon.chunks(List.of(0)).get(0).stream().mapToLong(ByteString::size).sum();

    assertThat(sentWhileBlocked).isPositive().isLessThan(4L * 1024 * 1024);
    assertThat(received).isEqualTo(size);
    finish(daemon);
  }

  @Test
  void stopsItsThreadsWhenTheDaemonCancels() throws Exception {
    writeZeros(context.resolve("big"), 32 * 1024 * 1024);
    FakeDiffCopyReceiver daemon = FakeDiffCopyReceiver.openSlow(server.channel(), "context");
    daemon.allow(2);
    daemon.listing();
    daemon.request(0);

    daemon.cancel();

    Await.until("the transfer threads end", Duration.ofSeconds(10), () -> transferThreads() == 0);
  }

  @Test
  void transfersRunSideBySideWithTheirOwnIds() throws Exception {
    file("a", "first");
    file("b", "second");
    FakeDiffCopyReceiver everything = open();
    FakeDiffCopyReceiver onlyB = open("include-patterns", "b");

    assertThat(everything.listing()).extracting(Stat::getPath).containsExactly("a", "b");
    assertThat(onlyB.listing()).extracting(Stat::getPath).containsExactly("b");
    onlyB.request(0);
    everything.request(0);

    assertThat(onlyB.files(List.of(0))).containsOnly(entry(0, "second"));
    assertThat(everything.files(List.of(0))).containsOnly(entry(0, "first"));
    finish(onlyB);
    finish(everything);
  }

  private FakeDiffCopyReceiver open(String... headers) {
    return FakeDiffCopyReceiver.open(server.channel(), "context", headers);
  }

  private static void finish(FakeDiffCopyReceiver daemon) throws InterruptedException {
    daemon.sendFin();
    assertThat(daemon.next().getType()).isEqualTo(PacketType.PACKET_FIN);
    assertThat(daemon.end().isOk()).isTrue();
  }

  /** The thread that sends file data is parked in the writer because the stream is not ready. */
  private static boolean fileSenderWaitsForTheDaemon() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(thread -> thread.getKey().getName().startsWith("kbuildx-filesync-data-"))
        .filter(thread -> thread.getKey().getState() == Thread.State.WAITING)
        .anyMatch(thread -> Arrays.stream(thread.getValue()).anyMatch(frame ->
            frame.getClassName().equals(FlowControlledWriter.class.getName()) && frame.getMethodName().equals("send")));
  }

  private static long transferThreads() {
    Set<Thread> threads = Thread.getAllStackTraces().keySet();
    return threads.stream().filter(thread -> thread.getName().startsWith("kbuildx-filesync-")).count();
  }

  private Path file(String path, String content) throws IOException {
    Path file = context.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private static void writeZeros(Path file, long size) throws IOException {
    try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.allocate(1), size - 1);
    }
  }
}
