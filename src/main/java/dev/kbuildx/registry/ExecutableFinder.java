package dev.kbuildx.registry;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds an executable by name, the way a shell searches {@code PATH}. */
@FunctionalInterface
public interface ExecutableFinder {

  Optional<Path> find(String name);

  /** Searches this process's {@code PATH}. */
  static ExecutableFinder fromEnvironment() {
    return onPath(System.getenv("PATH"), System.getenv("PATHEXT"));
  }

  /**
   * Searches the directories of a {@code PATH} value in order. {@code pathExt} is Windows'
   * {@code PATHEXT} ({@code .EXE;.CMD}); it may be null elsewhere.
   */
  static ExecutableFinder onPath(String path, String pathExt) {
    List<Path> directories = new ArrayList<>();
    for (String entry : (path == null ? "" : path).split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        try {
          directories.add(Path.of(entry));
        } catch (InvalidPathException e) {
          // A malformed PATH entry cannot hold executables; shells skip it too.
        }
      }
    }
    List<String> suffixes = new ArrayList<>();
    suffixes.add("");
    if (pathExt != null) {
      for (String suffix : pathExt.split(File.pathSeparator)) {
        if (!suffix.isBlank()) {
          suffixes.add(suffix.toLowerCase(Locale.ROOT));
        }
      }
    }
    return name -> {
      for (Path directory : directories) {
        for (String suffix : suffixes) {
          Path candidate = directory.resolve(name + suffix);
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return Optional.of(candidate);
          }
        }
      }
      return Optional.empty();
    };
  }
}
