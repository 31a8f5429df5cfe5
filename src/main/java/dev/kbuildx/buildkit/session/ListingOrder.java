package dev.kbuildx.buildkit.session;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * fsutil's checks on a received listing: clean relative paths that stay inside, every entry in the
 * most recently listed directory of its branch, names strictly increasing within a directory. A
 * listing that passes can be written without following anything that was not created by it.
 */
final class ListingOrder {
  private final Deque<OpenDirectory> open = new ArrayDeque<>();
  private String previous = "";

  ListingOrder() {
    open.push(new OpenDirectory(""));
  }

  /**
   * Accepts the next entry.
   *
   * @throws IllegalArgumentException with fsutil's message when the path is invalid or out of order
   */
  void accept(String path, boolean directory) {
    if (path.isEmpty() || path.equals(".") || !path.equals(GoPaths.clean(path))) {
      throw new IllegalArgumentException("invalid unclean path " + path);
    }
    if (path.startsWith("/")) {
      throw new IllegalArgumentException("absolute path " + path + " not allowed");
    }
    if (path.equals("..") || path.startsWith("../")) {
      throw new IllegalArgumentException("invalid path: " + path);
    }
    int slash = path.lastIndexOf('/');
    String parent = slash < 0 ? "" : path.substring(0, slash);
    String name = path.substring(slash + 1);
    while (open.size() > 1 && !open.peek().path.equals(parent)) {
      open.pop();
    }
    OpenDirectory current = open.peek();
    if (!current.path.equals(parent)
        || current.lastName != null && GoPaths.UTF8_ORDER.compare(current.lastName, name) >= 0) {
      throw new IllegalArgumentException("changes out of order: \"" + path + "\" \"" + previous + "\"");
    }
    current.lastName = name;
    previous = path;
    if (directory) {
      open.push(new OpenDirectory(path));
    }
  }

  private static final class OpenDirectory {
    final String path;
    String lastName;

    OpenDirectory(String path) {
      this.path = path;
    }
  }
}
