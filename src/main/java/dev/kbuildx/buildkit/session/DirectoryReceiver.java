package dev.kbuildx.buildkit.session;

import com.google.protobuf.ByteString;
import dev.kbuildx.buildkit.proto.fsutil.Packet;
import dev.kbuildx.buildkit.proto.fsutil.Packet.PacketType;
import dev.kbuildx.buildkit.proto.fsutil.Stat;
import io.grpc.stub.StreamObserver;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Receives a {@code local} export: here the daemon is fsutil's sender and this client the receiver.
 * Each STAT is checked ({@link ListingOrder}) and applied, every regular file is requested, its
 * chunks go to a partial file that replaces the destination entry when complete, and once the
 * listing is over and no file is missing, directory modes and times are applied and FIN is sent.
 * Existing files that are not in the result are kept, as with the Go client.
 */
final class DirectoryReceiver extends ExportReceiver {
  private static final byte[] FIN = Packet.newBuilder().setType(PacketType.PACKET_FIN).build().toByteArray();

  private final Path root;
  private final boolean unixModes;
  private final boolean posixModes;
  private final ListingOrder order = new ListingOrder();
  /** Requested files by id, until their last (empty) DATA packet. */
  private final Map<Integer, IncomingFile> pending = new HashMap<>();
  private final Map<String, IncomingFile> pendingByPath = new HashMap<>();
  /** Regular files of this listing: the only valid hardlink targets. */
  private final Set<String> regularFiles = new HashSet<>();
  private final List<Entry> directories = new ArrayList<>();
  private int nextId;
  private boolean listingDone;
  private boolean finSent;

  private DirectoryReceiver(Path root, StreamObserver<byte[]> responses) {
    super(responses);
    this.root = root;
    FileSystem fileSystem = root.getFileSystem();
    this.unixModes = fileSystem.supportedFileAttributeViews().contains("unix");
    this.posixModes = fileSystem.supportedFileAttributeViews().contains("posix");
  }

  static StreamObserver<byte[]> start(Path directory, StreamObserver<byte[]> responses) {
    try {
      if (Files.notExists(directory)) {
        Files.createDirectories(directory);
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
      }
      return new DirectoryReceiver(directory.toRealPath(), responses);
    } catch (IOException e) {
      return refused("the export directory", e, responses);
    }
  }

  /** @throws IllegalArgumentException for a packet that breaks the protocol, such as a path outside the root */
  @Override
  protected void receive(byte[] message) throws IOException {
    handle(Packet.parseFrom(message));
  }

  @Override
  protected String destination() {
    return root.toString();
  }

  @Override
  public void onCompleted() {
    if (finished()) {
      return;
    }
    if (finSent) {
      finish();
      responses.onCompleted();
    } else {
      fail("the daemon ended the local export before sending every file");
    }
  }

  private void handle(Packet packet) throws IOException {
    switch (packet.getType()) {
      case PACKET_STAT -> {
        if (packet.hasStat()) {
          entry(packet.getStat());
        } else {
          listingDone = true;
          finishIfComplete();
        }
      }
      case PACKET_DATA -> data(packet.getID(), packet.getData());
      case PACKET_FIN -> {
        if (!finSent) {
          throw new IllegalArgumentException("the daemon ended the local export before sending every file");
        }
        finish();
        responses.onCompleted();
      }
      case PACKET_ERR -> fail("error from sender: " + packet.getData().toStringUtf8());
      default -> {
        // REQ only travels from receiver to sender.
      }
    }
  }

  private void entry(Stat stat) throws IOException {
    int id = nextId++;
    int mode = stat.getMode();
    String path = stat.getPath();
    order.accept(path, GoFileMode.isDirectory(mode));
    Path target = root.resolve(path);
    Entry entry = new Entry(target, mode, stat.getModTime());
    if (GoFileMode.isDirectory(mode)) {
      ensureDirectory(target);
      directories.add(entry);
    } else if (GoFileMode.isSymlink(mode)) {
      // Replaces what was there (a directory only when empty); never writes through an old symlink.
      Files.deleteIfExists(target);
      Files.createSymbolicLink(target, target.getFileSystem().getPath(stat.getLinkname()));
      Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setTimes(time(entry.modTimeNanos), null, null);
    } else if (GoFileMode.isRegular(mode) && !stat.getLinkname().isEmpty()) {
      hardlink(target, stat.getLinkname());
    } else if (GoFileMode.isRegular(mode)) {
      regularFiles.add(path);
      IncomingFile file = new IncomingFile(path, entry);
      pending.put(id, file);
      pendingByPath.put(path, file);
      responses.onNext(Packet.newBuilder().setType(PacketType.PACKET_REQ).setID(id).build().toByteArray());
    }
    // Devices, pipes and sockets cannot be created from Java; they are left out.
  }

  private void hardlink(Path target, String linkname) throws IOException {
    if (!regularFiles.contains(linkname)) {
      throw new IllegalArgumentException("invalid hardlink target \"" + linkname + "\" for " + target);
    }
    Files.deleteIfExists(target);
    IncomingFile source = pendingByPath.get(linkname);
    if (source == null) {
      Files.createLink(target, root.resolve(linkname));
    } else {
      source.links.add(target);
    }
  }

  private void data(int id, ByteString data) throws IOException {
    IncomingFile file = pending.get(id);
    if (file == null) {
      throw new IllegalArgumentException("invalid file request " + Integer.toUnsignedString(id));
    }
    if (!data.isEmpty()) {
      file.write(data);
      return;
    }
    file.complete();
    pending.remove(id);
    pendingByPath.remove(file.path);
    finishIfComplete();
  }

  private void finishIfComplete() throws IOException {
    if (!listingDone || !pending.isEmpty() || finSent) {
      return;
    }
    // Children change their directory's time, and a read-only directory would refuse them: last.
    for (int i = directories.size() - 1; i >= 0; i--) {
      Entry directory = directories.get(i);
      applyMode(directory.target, directory.mode);
      Files.setLastModifiedTime(directory.target, time(directory.modTimeNanos));
    }
    responses.onNext(FIN);
    finSent = true;
  }

  private static void ensureDirectory(Path target) throws IOException {
    try {
      BasicFileAttributes existing = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (existing.isDirectory()) {
        return;
      }
      // Never write through a symlink that was in the destination before.
      Files.delete(target);
    } catch (NoSuchFileException e) {
      // Nothing there yet.
    }
    Files.createDirectory(target);
  }

  private void applyMode(Path target, int mode) throws IOException {
    if (unixModes) {
      Files.setAttribute(target, "unix:mode", GoFileMode.toPosixPermissions(mode));
    } else if (posixModes) {
      Files.setPosixFilePermissions(target, GoFileMode.permissions(mode));
    }
  }

  private static FileTime time(long nanos) {
    return FileTime.from(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  protected void discard() {
    for (IncomingFile file : pending.values()) {
      file.discard();
    }
    pending.clear();
    pendingByPath.clear();
  }

  private record Entry(Path target, int mode, long modTimeNanos) {}

  /** A requested file: its chunks go to a partial file next to it, which replaces it when complete. */
  private final class IncomingFile {
    private static final int BUFFER_SIZE = 64 * 1024;

    final String path;
    final Entry entry;
    final List<Path> links = new ArrayList<>();
    private Path partial;
    private OutputStream out;

    IncomingFile(String path, Entry entry) {
      this.path = path;
      this.entry = entry;
    }

    void write(ByteString data) throws IOException {
      open();
      data.writeTo(out);
    }

    void complete() throws IOException {
      open();
      out.close();
      applyMode(partial, entry.mode);
      Files.setLastModifiedTime(partial, time(entry.modTimeNanos));
      try {
        Files.move(partial, entry.target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, entry.target, StandardCopyOption.REPLACE_EXISTING);
      }
      partial = null;
      for (Path link : links) {
        Files.createLink(link, entry.target);
      }
    }

    void discard() {
      if (partial == null) {
        return;
      }
      try {
        if (out != null) {
          out.close();
        }
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        // Only a leftover partial file; the failure itself is reported.
      }
    }

    private void open() throws IOException {
      if (out == null) {
        Path parent = entry.target.getParent();
        partial = Files.createTempFile(parent, "." + entry.target.getFileName() + ".", ".part");
        out = new BufferedOutputStream(Files.newOutputStream(partial), BUFFER_SIZE);
      }
    }
  }
}
