package dev.kbuildx.buildkit.session;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Go's {@code os.FileMode} bits, which fsutil puts in {@code Stat.mode}. They differ from POSIX
 * {@code st_mode}: a daemon that receives POSIX type bits treats directories as files and aborts the
 * transfer with "changes out of order".
 */
final class GoFileMode {
  static final int DIR = 0x80000000;
  static final int SYMLINK = 0x08000000;
  static final int DEVICE = 0x04000000;
  static final int NAMED_PIPE = 0x02000000;
  static final int SOCKET = 0x01000000;
  static final int SETUID = 0x00800000;
  static final int SETGID = 0x00400000;
  static final int CHAR_DEVICE = 0x00200000;
  static final int STICKY = 0x00100000;
  static final int IRREGULAR = 0x00080000;
  static final int PERMISSIONS = 0777;
  /** Entries with any of these bits carry no data; only the others may be requested (fsutil's rule). */
  static final int TYPE_BITS = DIR | SYMLINK | NAMED_PIPE | SOCKET | DEVICE | CHAR_DEVICE | IRREGULAR;

  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFIFO = 0010000;
  private static final int S_ISUID = 04000;
  private static final int S_ISGID = 02000;
  private static final int S_ISVTX = 01000;

  private GoFileMode() {}

  /** Converts a POSIX {@code st_mode} the way Go's {@code os.Lstat} does. */
  static int fromPosix(int stMode) {
    int mode = stMode & PERMISSIONS;
    switch (stMode & S_IFMT) {
      case S_IFBLK -> mode |= DEVICE;
      case S_IFCHR -> mode |= DEVICE | CHAR_DEVICE;
      case S_IFDIR -> mode |= DIR;
      case S_IFIFO -> mode |= NAMED_PIPE;
      case S_IFLNK -> mode |= SYMLINK;
      case S_IFSOCK -> mode |= SOCKET;
      default -> { }
    }
    if ((stMode & S_ISUID) != 0) {
      mode |= SETUID;
    }
    if ((stMode & S_ISGID) != 0) {
      mode |= SETGID;
    }
    if ((stMode & S_ISVTX) != 0) {
      mode |= STICKY;
    }
    return mode;
  }

  /**
   * The mode fsutil sends from Windows, where there are no permission bits: everything becomes
   * executable, at most 0755, and read-only files lose their write bits.
   */
  static int fromWindows(boolean directory, boolean symlink, boolean readOnly) {
    int mode = readOnly ? 0555 : 0755;
    if (directory) {
      mode |= DIR;
    } else if (symlink) {
      mode |= SYMLINK;
    }
    return mode;
  }

  static boolean isDirectory(int mode) {
    return (mode & DIR) != 0;
  }

  static boolean isSymlink(int mode) {
    return (mode & SYMLINK) != 0;
  }

  /** A regular file (hardlinks included): the only kind whose data a receiver may request. */
  static boolean isRegular(int mode) {
    return (mode & TYPE_BITS) == 0;
  }

  /** The POSIX permission bits ({@code chmod} argument) for a Go mode, setuid, setgid and sticky included. */
  static int toPosixPermissions(int mode) {
    int posix = mode & PERMISSIONS;
    if ((mode & SETUID) != 0) {
      posix |= S_ISUID;
    }
    if ((mode & SETGID) != 0) {
      posix |= S_ISGID;
    }
    if ((mode & STICKY) != 0) {
      posix |= S_ISVTX;
    }
    return posix;
  }

  /** The rwx bits as Java permissions; setuid, setgid and sticky have no Java counterpart. */
  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] byBit = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
    for (int bit = 0; bit < byBit.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        permissions.add(byBit[bit]);
      }
    }
    return permissions;
  }
}
