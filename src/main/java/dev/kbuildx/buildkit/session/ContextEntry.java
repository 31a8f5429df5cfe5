package dev.kbuildx.buildkit.session;

import java.nio.file.Path;

/**
 * One entry of a local directory as fsutil describes it in a {@code Stat}: uid and gid are always 0
 * (the Go client resets them), so they are not carried.
 *
 * @param path         relative, {@code /}-separated and clean; never the root itself
 * @param mode         Go {@code os.FileMode} bits ({@link GoFileMode})
 * @param size         byte length of a file, length of a symlink's text, 0 for directories
 * @param modTimeNanos modification time in nanoseconds since the epoch (of the link itself for symlinks)
 * @param linkname     symlink text, or for a hardlink the path of the first sent entry with the same inode, else ""
 * @param file         where the entry is on this machine, to read its data when the daemon asks for it
 */
public record ContextEntry(String path, int mode, long size, long modTimeNanos, String linkname, Path file) {
  /** Regular files, hardlinks included: the entries whose data the daemon may request. */
  public boolean hasData() {
    return GoFileMode.isRegular(mode);
  }
}
