package dev.kbuildx.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The commit checked out in the Git working tree around a folder, read from the repository's
 * files, so that no {@code git} executable is needed. Worktrees and submodules ({@code .git} as a
 * file) and packed refs are understood; anything unreadable means "unknown", because the revision
 * label is only a courtesy.
 */
public final class GitRevision {
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final String GITDIR_PREFIX = "gitdir:";
  private static final String REF_PREFIX = "ref:";

  private GitRevision() {}

  /** The commit of the working tree that contains {@code directory}, if it is in one. */
  public static Optional<String> of(Path directory) {
    for (Path dir = directory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path dotGit = dir.resolve(".git");
      if (Files.exists(dotGit)) {
        try {
          return resolveHead(gitDirectory(dotGit));
        } catch (IOException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static Path gitDirectory(Path dotGit) throws IOException {
    if (Files.isDirectory(dotGit)) {
      return dotGit;
    }
    String pointer = firstLine(dotGit);
    if (!pointer.startsWith(GITDIR_PREFIX)) {
      throw new IOException("not a gitdir pointer");
    }
    return dotGit.getParent().resolve(pointer.substring(GITDIR_PREFIX.length()).trim()).normalize();
  }

  private static Optional<String> resolveHead(Path gitDir) throws IOException {
    String head = firstLine(gitDir.resolve("HEAD"));
    if (!head.startsWith(REF_PREFIX)) {
      return commit(head);
    }
    String ref = head.substring(REF_PREFIX.length()).trim();
    // A worktree keeps its HEAD but shares the branches of the main repository.
    Path common = commonDirectory(gitDir);
    for (Path base : List.of(gitDir, common)) {
      Path loose = base.resolve(ref);
      if (Files.isRegularFile(loose)) {
        return commit(firstLine(loose));
      }
    }
    return packedRef(common.resolve("packed-refs"), ref);
  }

  private static Path commonDirectory(Path gitDir) throws IOException {
    Path pointer = gitDir.resolve("commondir");
    return Files.isRegularFile(pointer) ? gitDir.resolve(firstLine(pointer)).normalize() : gitDir;
  }

  private static Optional<String> packedRef(Path packedRefs, String ref) throws IOException {
    if (!Files.isRegularFile(packedRefs)) {
      return Optional.empty();
    }
    for (String line : Files.readAllLines(packedRefs, StandardCharsets.UTF_8)) {
      String[] parts = line.trim().split(" ", 2);
      if (parts.length == 2 && parts[1].equals(ref)) {
        return commit(parts[0]);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> commit(String text) {
    String candidate = text.trim();
    return COMMIT.matcher(candidate).matches() ? Optional.of(candidate) : Optional.empty();
  }

  private static String firstLine(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return lines.isEmpty() ? "" : lines.get(0).trim();
  }
}
