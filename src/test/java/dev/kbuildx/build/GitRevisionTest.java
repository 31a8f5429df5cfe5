package dev.kbuildx.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRevisionTest {
  private static final String COMMIT = "3f786850e387550fdab836ed7e6dc881de23001b";
  private static final String OTHER = "89e6c98d92887913cadf06b2adb97f26cde4849b";

  @TempDir
  Path repo;

  @Test
  void aBranchIsReadFromItsLooseRefInAParentFolder() throws IOException {
    write(".git/HEAD", "ref: refs/heads/main\n");
    write(".git/refs/heads/main", COMMIT + "\n");
    Path module = Files.createDirectories(repo.resolve("services/orders"));

    assertThat(GitRevision.of(module)).contains(COMMIT);
  }

  @Test
  void aDetachedHeadIsTheCommitItself() throws IOException {
    write(".git/HEAD", OTHER + "\n");

    assertThat(GitRevision.of(repo)).contains(OTHER);
  }

  @Test
  void packedRefsAreSearchedWhenTheBranchHasNoLooseRef() throws IOException {
    write(".git/HEAD", "ref: refs/heads/release\n");
    write(".git/packed-refs", "# pack-refs with: peeled fully-peeled sorted\n"
        + OTHER + " refs/heads/main\n" + COMMIT + " refs/heads/release\n");

    assertThat(GitRevision.of(repo)).contains(COMMIT);
  }

  @Test
  void aWorktreeFollowsItsGitdirAndSharesTheMainRepositorysBranches() throws IOException {
    write("main/.git/refs/heads/feature", COMMIT + "\n");
    write("main/.git/worktrees/wt/HEAD", "ref: refs/heads/feature\n");
    write("main/.git/worktrees/wt/commondir", "../..\n");
    write("wt/.git", "gitdir: ../main/.git/worktrees/wt\n");

    assertThat(GitRevision.of(repo.resolve("wt"))).contains(COMMIT);
  }

  @Test
  void noRepositoryOrAnUnbornBranchIsUnknown() throws IOException {
    assertThat(GitRevision.of(repo)).isEmpty();

    write(".git/HEAD", "ref: refs/heads/main\n");
    assertThat(GitRevision.of(repo)).isEmpty();
  }

  private void write(String relative, String content) throws IOException {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
