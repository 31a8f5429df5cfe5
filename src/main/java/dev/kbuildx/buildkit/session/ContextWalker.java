package dev.kbuildx.buildkit.session;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.DosFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists a local directory in the only order the daemon accepts: Go's {@code filepath.WalkDir} order,
 * depth first, each directory's children sorted by the UTF-8 bytes of their names, so {@code a},
 * {@code a/b}, {@code a.txt}. Every ancestor of a kept entry is listed before it, also when the
 * filter dropped the ancestor itself. Only directories, regular files and symlinks are listed;
 * devices, pipes and sockets are left out. Nothing but metadata is read: file data is read later,
 * when the daemon asks for it.
 */
public final class ContextWalker {
  private static final String UNIX_ATTRIBUTES = "unix:mode,ino,dev,nlink,size,lastModifiedTime";
  /**
   * A top-level entry of this name is skipped, uncounted, by the daemon in metadata-only transfers;
   * sending it would shift every later id, so it is never sent.
   */
  private static final String FSUTIL_METADATA = ".fsutil-metadata";

  private final Path root;
  private final ContextFilter filter;
  private final boolean unixAttributes;

  /**
   * @param root the directory to send; a symlink is resolved first, as the Go client does
   * @throws NotDirectoryException if it is not a directory
   */
  public ContextWalker(Path root, ContextFilter filter) throws IOException {
    this.root = root.toRealPath();
    if (!Files.isDirectory(this.root)) {
      throw new NotDirectoryException(root.toString());
    }
    this.filter = filter;
    this.unixAttributes = this.root.getFileSystem().supportedFileAttributeViews().contains("unix");
  }

  /** The resolved directory that is walked. */
  public Path root() {
    return root;
  }

  /** Calls {@code visitor} for each kept entry, in order. An exception from the visitor stops the walk. */
  public void walk(Visitor visitor) throws IOException {
    new Walk(visitor).directory(root, "", null, true);
  }

  /** Receives the entries one by one; it may block, for example until the network can take more. */
  @FunctionalInterface
  public interface Visitor {
    void visit(ContextEntry entry) throws IOException;
  }

  private final class Walk {
    private final Visitor visitor;
    /** The directories on the way to the current entry; those the filter dropped are sent on demand. */
    private final Deque<OpenDirectory> openDirectories = new ArrayDeque<>();
    private final Map<InodeKey, String> firstPathOfInode = new HashMap<>();

    Walk(Visitor visitor) {
      this.visitor = visitor;
    }

    void directory(Path dir, String relativeDir, ContextFilter.Decision decision, boolean kept) throws IOException {
      List<String> names;
      try {
        names = list(dir);
      } catch (AccessDeniedException e) {
        // fsutil ignores permission errors on what is filtered out anyway.
        if (!kept) {
          return;
        }
        throw e;
      }
      for (String name : names) {
        if (relativeDir.isEmpty() && name.equals(FSUTIL_METADATA)) {
          continue;
        }
        String path = relativeDir.isEmpty() ? name : relativeDir + "/" + name;
        Path file = dir.resolve(name);
        Attributes attributes;
        try {
          attributes = read(file);
        } catch (NoSuchFileException e) {
          continue;
        } catch (AccessDeniedException e) {
          if (!filter.decide(path, false, decision).kept()) {
            continue;
          }
          throw e;
        }
        boolean isDirectory = GoFileMode.isDirectory(attributes.mode);
        ContextFilter.Decision entryDecision = filter.decide(path, isDirectory, decision);
        if (entryDecision.pruned()) {
          continue;
        }
        boolean supported = isDirectory || GoFileMode.isSymlink(attributes.mode)
            || GoFileMode.isRegular(attributes.mode);
        ContextEntry entry = null;
        if (entryDecision.kept() && supported) {
          sendOpenDirectories();
          entry = entry(path, file, attributes);
          visitor.visit(entry);
        }
        if (isDirectory) {
          openDirectories.addLast(new OpenDirectory(path, file, attributes, entry != null));
          directory(file, path, entryDecision, entryDecision.kept());
          openDirectories.removeLast();
        }
      }
    }

    private void sendOpenDirectories() throws IOException {
      for (OpenDirectory open : openDirectories) {
        if (!open.sent) {
          visitor.visit(entry(open.path, open.file, open.attributes));
          open.sent = true;
        }
      }
    }

    private ContextEntry entry(String path, Path file, Attributes attributes) throws IOException {
      String linkname = "";
      if (GoFileMode.isSymlink(attributes.mode)) {
        linkname = Files.readSymbolicLink(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      } else if (attributes.inode != null) {
        String first = firstPathOfInode.putIfAbsent(attributes.inode, path);
        linkname = first == null ? "" : first;
      }
      long size = GoFileMode.isDirectory(attributes.mode) ? 0 : attributes.size;
      return new ContextEntry(path, attributes.mode, size, attributes.modTimeNanos, linkname, file);
    }
  }

  private static List<String> list(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    }
    names.sort(GoPaths.UTF8_ORDER);
    return names;
  }

  private Attributes read(Path file) throws IOException {
    if (unixAttributes) {
      Map<String, Object> unix = Files.readAttributes(file, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      int mode = GoFileMode.fromPosix((Integer) unix.get("mode"));
      // Only regular files with more than one name can be hardlinks worth tracking.
      InodeKey inode = GoFileMode.isRegular(mode) && (Integer) unix.get("nlink") > 1
          ? new InodeKey((Long) unix.get("dev"), (Long) unix.get("ino")) : null;
      return new Attributes(mode, (Long) unix.get("size"), nanos((FileTime) unix.get("lastModifiedTime")), inode);
    }
    DosFileAttributes dos = Files.readAttributes(file, DosFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    int mode = GoFileMode.fromWindows(dos.isDirectory(), dos.isSymbolicLink(), dos.isReadOnly());
    return new Attributes(mode, dos.size(), nanos(dos.lastModifiedTime()), null);
  }

  private static long nanos(FileTime time) {
    Instant instant = time.toInstant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private record Attributes(int mode, long size, long modTimeNanos, InodeKey inode) {}

  private record InodeKey(long device, long inode) {}

  private static final class OpenDirectory {
    final String path;
    final Path file;
    final Attributes attributes;
    boolean sent;

    OpenDirectory(String path, Path file, Attributes attributes, boolean sent) {
      this.path = path;
      this.file = file;
      this.attributes = attributes;
      this.sent = sent;
    }
  }
}
