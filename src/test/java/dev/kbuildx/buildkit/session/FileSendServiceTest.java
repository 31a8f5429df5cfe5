package dev.kbuildx.buildkit.session;

import java.io.UncheckedIOException;
import java.time.Duration;
import dev.kbuildx.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.kbuildx.buildkit.proto.fsutil.Packet;
import dev.kbuildx.buildkit.proto.fsutil.Packet.PacketType;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSendServiceTest {
  private static final int DIR = 0x80000000;
  private static final int SYMLINK = 0x08000000;
  private static final int SETUID = 0x00800000;
  private static final long TIME = 1_600_000_000_123_456_789L;

  @TempDir
  Path out;
  private LocalGrpcServer server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void writesAnArchiveToTheFileOfItsExporter() throws Exception {
    start(Map.of(0, ExportTarget.file(out.resolve("image.tar")), 1, ExportTarget.file(out.resolve("other/oci.tar"))));
    FakeFileSendCaller daemon = FakeFileSendCaller.open(server.channel(), "buildkit-attachable-exporter-id", "1");

    daemon.sendBytes("hello ");
    daemon.sendBytes("world");
    daemon.halfClose();

    assertThat(daemon.end().isOk()).isTrue();
    assertThat(out.resolve("other/oci.tar")).hasContent("hello world");
    assertThat(out.resolve("image.tar")).doesNotExist();
    assertThat(filesIn(out.resolve("other"))).containsExactly("oci.tar");
  }

  @Test
  void daemonsWithoutExporterIdsMeanTheFirstExporter() throws Exception {
    start(Map.of(0, ExportTarget.file(out.resolve("image.tar"))));
    FakeFileSendCaller daemon = FakeFileSendCaller.open(server.channel());

    daemon.sendBytes("tar");
    daemon.halfClose();

    assertThat(daemon.end().isOk()).isTrue();
    assertThat(out.resolve("image.tar")).hasContent("tar");
  }

  @Test
  void anInterruptedExportLeavesThePreviousFile() throws Exception {
    Path file = Files.writeString(out.resolve("image.tar"), "previous");
    start(Map.of(0, ExportTarget.file(file)));
    FakeFileSendCaller daemon = FakeFileSendCaller.open(server.channel());
    daemon.sendBytes("partial");

    daemon.cancel();

    assertThat(daemon.end().getCode()).isEqualTo(Status.Code.CANCELLED);
    awaitFiles(out, "image.tar");
    assertThat(file).hasContent("previous");
  }

  @Test
  void streamsGetTheExporterMetadata() throws Exception {
    Map<String, String> metadata = new ConcurrentHashMap<>();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    start(Map.of(0, ExportTarget.stream(md -> {
      metadata.putAll(md);
      return archive;
    })));
    FakeFileSendCaller daemon = FakeFileSendCaller.open(server.channel(),
        "exporter-md-containerimage.digest", "sha256:0123", "exporter-md-image.name", "a", "exporter-md-image.name", "b");

    daemon.sendBytes("docker");
    daemon.halfClose();

    assertThat(daemon.end().isOk()).isTrue();
    assertThat(archive.toString()).isEqualTo("docker");
    assertThat(metadata).containsOnly(Map.entry("containerimage.digest", "sha256:0123"),
        Map.entry("image.name", "a,b"));
  }

  @Test
  void refusesExportersWithoutDestination() throws Exception {
    start(Map.of(0, ExportTarget.file(out.resolve("image.tar"))));
    FakeFileSendCaller daemon = FakeFileSendCaller.open(server.channel(), "buildkit-attachable-exporter-id", "2");

    Status status = daemon.end();

    assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(status.getDescription()).isEqualTo("no output destination for exporter 2");
  }

  @Test
  void receivesALocalExportWithModesTimesAndLinks() throws Exception {
    Path dest = out.resolve("result");
    start(Map.of(0, ExportTarget.directory(dest)));
    byte[] large = new byte[100_000];
    new Random(3).nextBytes(large);
    FakeFileSendCaller daemon = FakeFileSendCaller.open(server.channel());

    daemon.sendStat("bin", DIR | 0750, TIME, "");
    daemon.sendStat("bin/tool", SETUID | 0755, TIME + 1, "");
    daemon.sendStat("data", DIR | 0755, TIME + 2, "");
    daemon.sendStat("data/empty", 0600, TIME + 3, "");
    daemon.sendStat("data/large", 0644, TIME + 4, "");
    daemon.sendStat("data/same", 0644, TIME + 4, "data/large");
    daemon.sendStat("link", SYMLINK | 0777, TIME + 5, "bin/tool");
    daemon.sendEndOfListing();
    assertThat(requestedIds(daemon, 3)).containsExactly(1, 3, 4);
    daemon.sendData(1, "#!/bin/sh\n");
    daemon.sendData(1, ByteString.EMPTY);
    daemon.sendData(3, ByteString.EMPTY);
    daemon.sendData(4, ByteString.copyFrom(large, 0, 60_000));
    daemon.sendData(4, ByteString.copyFrom(large, 60_000, 40_000));
    daemon.sendData(4, ByteString.EMPTY);

    assertThat(daemon.nextPacket().getType()).isEqualTo(PacketType.PACKET_FIN);
    daemon.sendFin();
    assertThat(daemon.end().isOk()).isTrue();

    assertThat(dest.resolve("bin/tool")).hasContent("#!/bin/sh\n");
    assertThat(dest.resolve("data/empty")).isEmptyFile();
    assertThat(dest.resolve("data/large")).hasBinaryContent(large);
    assertThat(Files.isSameFile(dest.resolve("data/same"), dest.resolve("data/large"))).isTrue();
    assertThat(Files.readSymbolicLink(dest.resolve("link"))).isEqualTo(Path.of("bin/tool"));
    assertThat(mode(dest.resolve("bin"))).isEqualTo(0750);
    assertThat(mode(dest.resolve("bin/tool"))).isEqualTo(04755);
    assertThat(mode(dest.resolve("data/empty"))).isEqualTo(0600);
    assertThat(Files.getLastModifiedTime(dest.resolve("data/large"))).isEqualTo(time(TIME + 4));
    assertThat(Files.getLastModifiedTime(dest.resolve("bin"))).isEqualTo(time(TIME));
    assertThat(Files.getLastModifiedTime(dest.resolve("data"))).isEqualTo(time(TIME + 2));
    assertThat(filesIn(dest.resolve("data"))).containsExactlyInAnyOrder("empty", "large", "same");
  }

  @Test
  void keepsFilesThatAreNotInTheResult() throws Exception {
    Files.writeString(out.resolve("notes.txt"), "mine");
    start(Map.of(0, ExportTarget.directory(out)));
    FakeFileSendCaller daemon = FakeFileSendCaller.open(server.channel());

    daemon.sendStat("app.jar", 0644, TIME, "");
    daemon.sendEndOfListing();
    assertThat(requestedIds(daemon, 1)).containsExactly(0);
    daemon.sendData(0, "jar");
    daemon.sendData(0, ByteString.EMPTY);
    finish(daemon);

    assertThat(out.resolve("notes.txt")).hasContent("mine");
    assertThat(out.resolve("app.jar")).hasContent("jar");
  }

  @Test
  void replacesSymlinksInTheDestinationInsteadOfFollowingThem(@TempDir Path elsewhere) throws Exception {
    Files.createSymbolicLink(out.resolve("sub"), elsewhere);
    Files.createSymbolicLink(out.resolve("file"), elsewhere.resolve("victim"));
    start(Map.of(0, ExportTarget.directory(out)));
    FakeFileSendCaller daemon = FakeFileSendCaller.open(server.channel());

    daemon.sendStat("file", 0644, TIME, "");
    daemon.sendStat("sub", DIR | 0755, TIME, "");
    daemon.sendStat("sub/inner", 0644, TIME, "");
    daemon.sendEndOfListing();
    assertThat(requestedIds(daemon, 2)).containsExactly(0, 2);
    daemon.sendData(0, "file");
    daemon.sendData(0, ByteString.EMPTY);
    daemon.sendData(2, "inner");
    daemon.sendData(2, ByteString.EMPTY);
    finish(daemon);

    assertThat(filesIn(elsewhere)).isEmpty();
    assertThat(Files.isSymbolicLink(out.resolve("sub"))).isFalse();
    assertThat(out.resolve("sub/inner")).hasContent("inner");
    assertThat(Files.isSymbolicLink(out.resolve("file"))).isFalse();
    assertThat(out.resolve("file")).hasContent("file");
  }

  @Test
  void refusesPathsOutsideTheDestination() throws Exception {
    Path dest = out.resolve("result");
    start(Map.of(0, ExportTarget.directory(dest)));
    FakeFileSendCaller daemon = FakeFileSendCaller.open(server.channel());

    daemon.sendStat("../evil", 0644, TIME, "");

    assertThat(daemon.end().getDescription()).isEqualTo("invalid path: ../evil");
    assertThat(filesIn(out)).containsExactly("result");
  }

  @Test
  void refusesEntriesOutOfOrder() throws Exception {
    start(Map.of(0, ExportTarget.directory(out)));
    FakeFileSendCaller daemon = FakeFileSendCaller.open(server.channel());

    daemon.sendStat("b", 0644, TIME, "");
    daemon.sendStat("a", 0644, TIME, "");

    assertThat(daemon.nextPacket().getType()).isEqualTo(PacketType.PACKET_REQ);
    assertThat(daemon.end().getDescription()).isEqualTo("changes out of order: \"a\" \"b\"");
  }

  @Test
  void refusesEntriesWhoseDirectoryWasNotSent() throws Exception {
    start(Map.of(0, ExportTarget.directory(out)));
    FakeFileSendCaller daemon = FakeFileSendCaller.open(server.channel());

    daemon.sendStat("x/y", 0644, TIME, "");

    assertThat(daemon.end().getDescription()).startsWith("changes out of order: \"x/y\"");
    assertThat(filesIn(out)).isEmpty();
  }

  @Test
  void refusesHardlinksToUnknownFiles() throws Exception {
    start(Map.of(0, ExportTarget.directory(out)));
    FakeFileSendCaller daemon = FakeFileSendCaller.open(server.channel());

    daemon.sendStat("link", 0644, TIME, "/etc/passwd");

    assertThat(daemon.end().getDescription()).startsWith("invalid hardlink target \"/etc/passwd\"");
    assertThat(filesIn(out)).isEmpty();
  }

  @Test
  void anErrFromTheDaemonFailsAndRemovesPartialFiles() throws Exception {
    start(Map.of(0, ExportTarget.directory(out)));
    FakeFileSendCaller daemon = FakeFileSendCaller.open(server.channel());
    daemon.sendStat("big", 0644, TIME, "");
    daemon.sendEndOfListing();
    assertThat(requestedIds(daemon, 1)).containsExactly(0);
    daemon.sendData(0, "half");

    daemon.sendError("snapshot vanished");

    assertThat(daemon.end().getDescription()).isEqualTo("error from sender: snapshot vanished");
    assertThat(filesIn(out)).isEmpty();
  }

  @Test
  void refusesDataThatWasNotRequested() throws Exception {
    start(Map.of(0, ExportTarget.directory(out)));
    FakeFileSendCaller daemon = FakeFileSendCaller.open(server.channel());

    daemon.sendData(7, "surprise");

    assertThat(daemon.end().getDescription()).isEqualTo("invalid file request 7");
  }

  private void start(Map<Integer, ExportTarget> targets) throws IOException {
    server = new LocalGrpcServer(new FileSendService(targets));
  }

  private static List<Integer> requestedIds(FakeFileSendCaller daemon, int count) throws Exception {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Packet packet = daemon.nextPacket();
      assertThat(packet.getType()).isEqualTo(PacketType.PACKET_REQ);
      ids.add(packet.getID());
    }
    return ids;
  }

  private static void finish(FakeFileSendCaller daemon) throws Exception {
    assertThat(daemon.nextPacket().getType()).isEqualTo(PacketType.PACKET_FIN);
    daemon.sendFin();
    assertThat(daemon.end().isOk()).isTrue();
  }

  private static int mode(Path file) throws IOException {
    return (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  private static FileTime time(long nanos) {
    return FileTime.from(nanos, TimeUnit.NANOSECONDS);
  }

  private static List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).toList();
    }
  }

  /** The server side finishes a cancelled call asynchronously. */
  private static void awaitFiles(Path dir, String... names) throws Exception {
    Await.until(dir + " holds exactly " + List.of(names), Duration.ofSeconds(10), () -> {
      try {
        return filesIn(dir).equals(List.of(names));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
