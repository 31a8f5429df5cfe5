package dev.kbuildx.buildkit.session;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the daemon's {@code followpaths} into include patterns as fsutil does: each path is resolved
 * component by component from the transfer root, every symlink met on the way is recorded and
 * resolution restarts at its target (inside the root: absolute targets count from the root), and
 * wildcard components are expanded against the directory listing.
 */
final class FollowPaths {
  private final Path root;
  private final Set<String> resolved = new HashSet<>();

  private FollowPaths(Path root) {
    this.root = root;
  }

  /**
   * The include patterns for {@code paths}, sorted and without paths below another one; null when
   * one of them is the root itself, which means the transfer is not restricted at all.
   */
  static List<String> resolve(Path root, List<String> paths) throws IOException {
    FollowPaths resolver = new FollowPaths(root);
    for (String path : paths) {
      resolver.append(path);
    }
    List<String> sorted = new ArrayList<>(resolver.resolved);
    sorted.sort(GoPaths.UTF8_ORDER);
    return withoutNested(sorted);
  }

  /** Drops each path that lies below the path kept before it; null as soon as one is the root. */
  static List<String> withoutNested(List<String> paths) {
    List<String> kept = new ArrayList<>();
    String last = "";
    for (String path : paths) {
      if (path.equals(".")) {
        return null;
      }
      if (path.startsWith(last + "/")) {
        continue;
      }
      kept.add(path);
      last = path;
    }
    return kept;
  }

  private void append(String path) throws IOException {
    String current = ".";
    String rest = path;
    while (true) {
      int slash = rest.indexOf('/');
      current = GoPaths.join(current, slash < 0 ? rest : rest.substring(0, slash));
      List<String> targets = readSymlink(current, true);
      rest = slash < 0 ? "" : rest.substring(slash + 1);
      if ((rest.isEmpty() || targets != null) && resolved.contains(current)) {
        return;
      }
      if (targets != null) {
        resolved.add(current);
        for (String target : targets) {
          append(GoPaths.join(target, rest));
        }
        return;
      }
      if (rest.isEmpty()) {
        resolved.add(current);
        return;
      }
    }
  }

  /** The targets of the symlink(s) at {@code path}, relative to the root with a leading slash; null if none. */
  private List<String> readSymlink(String path, boolean expandWildcards) throws IOException {
    if (path.equals("..") || path.startsWith("../")) {
      return null;
    }
    Path file = root.resolve(path);
    String name = file.getFileName() == null ? path : file.getFileName().toString();
    if (expandWildcards && containsWildcards(name)) {
      return readMatchingSymlinks(path, name);
    }
    if (!Files.isSymbolicLink(file)) {
      return null;
    }
    String link = GoPaths.clean(Files.readSymbolicLink(file).toString());
    if (link.startsWith("/")) {
      return List.of(link);
    }
    return List.of(GoPaths.clean("/" + GoPaths.join(GoPaths.dir(path), link)));
  }

  private List<String> readMatchingSymlinks(String path, String name) throws IOException {
    PathPattern pattern;
    try {
      pattern = PathPattern.glob(name);
    } catch (InvalidPatternException e) {
      return null;
    }
    String dir = GoPaths.dir(path);
    List<String> targets = null;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve(dir))) {
      for (Path entry : entries) {
        String entryName = entry.getFileName().toString();
        if (pattern.matches(entryName)) {
          List<String> found = readSymlink(GoPaths.join(dir, entryName), false);
          if (found != null) {
            targets = targets == null ? new ArrayList<>() : targets;
            targets.addAll(found);
          }
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return null;
    }
    return targets;
  }

  private static boolean containsWildcards(String name) {
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch == '\\') {
        i++;
      } else if (ch == '*' || ch == '?' || ch == '[') {
        return true;
      }
    }
    return false;
  }
}
