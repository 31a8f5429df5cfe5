package dev.kbuildx.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A generated build context: {@code files} files of about {@code megabytes} MB in nested folders,
 * shaped like a project with sources and a few large archives (1 % of the files hold half the
 * bytes). Content and sizes depend only on the two numbers, so a tree left by an earlier run with
 * the same numbers is reused; a note beside the tree records them.
 */
final class ContextTree {
  private static final int FILES_PER_FOLDER = 20;
  private static final int FOLDERS_PER_MODULE = 50;
  private static final int BUFFER = 64 * 1024;

  private final Path root;
  private final Path note;
  private final int files;
  private final long megabytes;
  private final long[] sizes;

  private ContextTree(Path root, int files, long megabytes) {
    this.root = root;
    this.note = root.resolveSibling(root.getFileName() + ".properties");
    this.files = files;
    this.megabytes = megabytes;
    this.sizes = sizes(files, megabytes * 1024 * 1024);
  }

  /** The tree at {@code root}, written unless an intact one with the same numbers is there. */
  static ContextTree prepare(Path root, int files, long megabytes) throws IOException {
    ContextTree tree = new ContextTree(root, files, megabytes);
    if (!tree.noteMatches()) {
      tree.write();
    }
    return tree;
  }

  Path root() {
    return root;
  }

  int files() {
    return files;
  }

  long bytes() {
    long total = 0;
    for (long size : sizes) {
      total += size;
    }
    return total;
  }

  /**
   * Gives {@code count} files spread over the tree new content of the same size and returns their
   * bytes. Until {@link #restore} the tree no longer matches its note, so an interrupted run makes
   * the next one write it again.
   */
  long touch(int count) throws IOException {
    return touch(count, 1);
  }

  /**
   * As {@link #touch(int)}, with the content numbered {@code variant} (1 or more): each variant is
   * content no daemon has seen for another variant, so that a build must copy the files again.
   */
  long touch(int count, long variant) throws IOException {
    Files.deleteIfExists(note);
    long bytes = 0;
    for (int index : touchedIndexes(count)) {
      writeFile(index, variant);
      bytes += sizes[index];
    }
    return bytes;
  }

  /** Gives the files that {@link #touch} changed their generated content back. */
  void restore(int count) throws IOException {
    for (int index : touchedIndexes(count)) {
      writeFile(index, 0);
    }
    writeNote();
  }

  private List<Integer> touchedIndexes(int count) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      indexes.add((int) ((long) i * files / count));
    }
    return indexes;
  }

  private void write() throws IOException {
    Files.deleteIfExists(note);
    deleteRecursively(root);
    for (int index = 0; index < files; index++) {
      writeFile(index, 0);
    }
    writeNote();
  }

  private void writeFile(int index, long variant) throws IOException {
    Path file = root.resolve(relativePath(index));
    Files.createDirectories(file.getParent());
    SplittableRandom content = new SplittableRandom(seed(index, variant));
    byte[] buffer = new byte[BUFFER];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = sizes[index]; left > 0; left -= buffer.length) {
        content.nextBytes(buffer);
        out.write(buffer, 0, (int) Math.min(left, buffer.length));
      }
    }
  }

  /** Variants 0 and 1 keep the seeds the tree always had; later ones step far away from every file's. */
  private static long seed(int index, long variant) {
    long base = ((long) index << 1) | Math.min(variant, 1);
    return variant <= 1 ? base : base + 0x9E3779B97F4A7C15L * (variant - 1);
  }

  private String relativePath(int index) {
    int folder = index / FILES_PER_FOLDER;
    String name = isArchive(index) ? "lib-" + index + ".jar" : "Source" + index + ".java";
    return "module-" + folder / FOLDERS_PER_MODULE + "/src-" + folder % FOLDERS_PER_MODULE + "/" + name;
  }

  private static boolean isArchive(int index) {
    return index % 100 == 99;
  }

  /** Half the bytes in the archives, half in the sources; each size varies ±50 % around its kind's mean. */
  private static long[] sizes(int files, long bytes) {
    int archives = files / 100;
    long archiveMean = archives == 0 ? 0 : bytes / 2 / archives;
    long sourceMean = (bytes - archiveMean * archives) / Math.max(1, files - archives);
    SplittableRandom random = new SplittableRandom(files);
    long[] sizes = new long[files];
    for (int index = 0; index < files; index++) {
      long mean = isArchive(index) ? archiveMean : sourceMean;
      sizes[index] = mean / 2 + random.nextLong(mean + 1);
    }
    return sizes;
  }

  private boolean noteMatches() throws IOException {
    if (!Files.isRegularFile(note) || !Files.isDirectory(root)) {
      return false;
    }
    Properties recorded = new Properties();
    try (var in = Files.newInputStream(note)) {
      recorded.load(in);
    }
    return recorded.equals(noteProperties());
  }

  private void writeNote() throws IOException {
    try (OutputStream out = Files.newOutputStream(note)) {
      noteProperties().store(out, "generated benchmark context, reused while these match");
    }
  }

  private Properties noteProperties() {
    Properties properties = new Properties();
    properties.setProperty("files", Integer.toString(files));
    properties.setProperty("megabytes", Long.toString(megabytes));
    return properties;
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(path);
      }
    }
  }
}
