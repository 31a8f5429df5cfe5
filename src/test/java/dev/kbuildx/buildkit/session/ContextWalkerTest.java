package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextWalkerTest {
  @TempDir
  Path root;

  @Test
  void walksInGoOrderNotInFullPathOrder() throws IOException {
    dir("a");
    file("a/b", "");
    file("a.txt", "");
    file("B", "");
    dir("a/c");
    file("a/c/d", "");

    assertThat(paths(ContextFilter.none())).containsExactly("B", "a", "a/b", "a/c", "a/c/d", "a.txt");
  }

  @Test
  void ordersNamesByUtf8BytesNotByUtf16Units() throws IOException {
    // U+FF61 is EF BD A1 in UTF-8; U+1F600 is F0 9F 98 80 but starts with the surrogate D83D in UTF-16.
    file("\uFF61", "");
    file("\uD83D\uDE00", "");

    assertThat(paths(ContextFilter.none())).containsExactly("\uFF61", "\uD83D\uDE00");
  }

  @Test
  void sendsGoFileModeBits() throws IOException {
    Path directory = dir("dir");
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path plain = file("plain", "x");
    Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
    Path tool = file("tool.sh", "#!/bin/sh\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(root.resolve("link"), Path.of("plain"));
    Path special = file("special", "");
    Files.setAttribute(special, "unix:mode", 06755);
    Path shared = dir("shared");
    Files.setAttribute(shared, "unix:mode", 01777);

    List<ContextEntry> entries = entries(ContextFilter.none());

    assertThat(entries).extracting(ContextEntry::path, ContextEntry::mode).containsExactly(
        tuple("dir", 0x800001ED),
        tuple("link", 0x080001FF),
        tuple("plain", 0x1A4),
        tuple("shared", 0x80000000 | 0x00100000 | 0777),
        tuple("special", 0x00800000 | 0x00400000 | 0755),
        tuple("tool.sh", 0x1ED));
  }

  @Test
  void describesSizesLinksAndTimes() throws IOException {
    dir("dir");
    file("empty", "");
    Path data = file("data", "hello");
    Files.setLastModifiedTime(data, FileTime.from(1_700_000_000_123_456_789L, TimeUnit.NANOSECONDS));
    Files.createSymbolicLink(root.resolve("link"), Path.of("../outside/target"));

    List<ContextEntry> entries = entries(ContextFilter.none());

    assertThat(entries).extracting(ContextEntry::path, ContextEntry::size, ContextEntry::linkname).containsExactly(
        tuple("data", 5L, ""),
        tuple("dir", 0L, ""),
        tuple("empty", 0L, ""),
        tuple("link", 17L, "../outside/target"));
    assertThat(entries.get(0).modTimeNanos()).isEqualTo(1_700_000_000_123_456_789L);
    assertThat(entries).extracting(ContextEntry::hasData).containsExactly(true, false, true, false);
  }

  @Test
  void sendsLaterNamesOfAFileAsHardlinksToTheFirst() throws IOException {
    Path first = file("a", "same");
    Files.createLink(root.resolve("b"), first);

    List<ContextEntry> entries = entries(ContextFilter.none());

    assertThat(entries).extracting(ContextEntry::path, ContextEntry::linkname, ContextEntry::size)
        .containsExactly(tuple("a", "", 4L),
            tuple("b", "a", 4L));
  }

  @Test
  void aHardlinkWhoseFirstNameIsExcludedIsAPlainFile() throws IOException {
    Path first = file("a", "same");
    Files.createLink(root.resolve("b"), first);

    List<ContextEntry> entries = entries(filter(null, List.of("a"), null));

    assertThat(entries).extracting(ContextEntry::path, ContextEntry::linkname)
        .containsExactly(tuple("b", ""));
  }

  @Test
  void leavesOutPipes() throws Exception {
    file("file", "");
    Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    assertThat(paths(ContextFilter.none())).containsExactly("file");
  }

  @Test
  void neverSendsATopLevelFsutilMetadataEntry() throws IOException {
    file(".fsutil-metadata", "");
    file("dir/.fsutil-metadata", "");

    assertThat(paths(ContextFilter.none())).containsExactly("dir", "dir/.fsutil-metadata");
  }

  @Test
  void excludedDirectoriesAreSkippedWholly() throws IOException {
    file("node_modules/lib/index.js", "");
    file("src/main.js", "");
    file("debug.log", "");

    assertThat(paths(filter(null, List.of("node_modules", "*.log"), null))).containsExactly("src", "src/main.js");
  }

  @Test
  void exceptionsBringBackEntriesBelowAnExcludedDirectory() throws IOException {
    file("node_modules/keep/a.txt", "");
    file("node_modules/keep/b.txt", "");
    file("node_modules/other/c.txt", "");
    file("node_modules/z.txt", "");

    List<ContextEntry> entries = entries(filter(null, List.of("node_modules", "!node_modules/keep/b.txt"), null));

    assertThat(entries).extracting(ContextEntry::path)
        .containsExactly("node_modules", "node_modules/keep", "node_modules/keep/b.txt");
    assertThat(entries.get(0).mode()).isEqualTo(entries.get(1).mode()).matches(GoFileMode::isDirectory);
  }

  @Test
  void wildcardExceptionsAreSearchedForInEveryExcludedDirectory() throws IOException {
    file("a/b/c/keep.go", "");
    file("a/b/c/drop.txt", "");
    file("a/d.txt", "");
    file("e.go", "");

    assertThat(paths(filter(null, List.of("*", "!**/*.go"), null)))
        .containsExactly("a", "a/b", "a/b/c", "a/b/c/keep.go", "e.go");
  }

  @Test
  void doubleStarExcludesAtAnyDepth() throws IOException {
    file("x.log", "");
    file("deep/er/y.log", "");
    file("deep/er/y.txt", "");

    assertThat(paths(filter(null, List.of("**/*.log"), null))).containsExactly("deep", "deep/er", "deep/er/y.txt");
  }

  @Test
  void includePatternsKeepMatchesAndWhatIsBelowThem() throws IOException {
    file("src/main/App.java", "");
    file("src/test/AppTest.java", "");
    file("pom.xml", "");
    file("README.md", "");

    assertThat(paths(filter(List.of("src/main", "pom.xml"), null, null)))
        .containsExactly("pom.xml", "src", "src/main", "src/main/App.java");
  }

  @Test
  void includeWildcardsReachIntoDirectories() throws IOException {
    file("a/x.txt", "");
    file("a/y.bin", "");
    file("b/z.txt", "");

    assertThat(paths(filter(List.of("*/*.txt"), null, null))).containsExactly("a", "a/x.txt", "b", "b/z.txt");
  }

  @Test
  void excludesApplyAfterIncludes() throws IOException {
    file("src/a.java", "");
    file("src/a.class", "");

    assertThat(paths(filter(List.of("src"), List.of("**/*.class"), null))).containsExactly("src", "src/a.java");
  }

  @Test
  void followPathsIncludeSymlinksAndTheirTargets() throws IOException {
    file("build/docker/Dockerfile", "FROM scratch\n");
    file("other.txt", "");
    Files.createSymbolicLink(root.resolve("Dockerfile"), Path.of("build/docker/Dockerfile"));

    assertThat(paths(filter(null, null, List.of("Dockerfile", "Dockerfile.dockerignore"))))
        .containsExactly("Dockerfile", "build", "build/docker", "build/docker/Dockerfile");
  }

  @Test
  void followPathsResolveAbsoluteTargetsInsideTheRoot() throws IOException {
    file("real/.dockerignore", "");
    file("unrelated", "");
    Files.createSymbolicLink(root.resolve(".dockerignore"), Path.of("/real/.dockerignore"));

    assertThat(paths(filter(null, null, List.of(".dockerignore"))))
        .containsExactly(".dockerignore", "real", "real/.dockerignore");
  }

  @Test
  void followPathsExpandWildcards() throws IOException {
    file("target/a.jar", "");
    file("target/b.war", "");
    file("lib/c.jar", "");
    Files.createSymbolicLink(root.resolve("target/c.jar"), Path.of("../lib/c.jar"));

    assertThat(paths(filter(null, null, List.of("target/*.jar"))))
        .containsExactly("lib", "lib/c.jar", "target", "target/a.jar", "target/c.jar");
  }

  @Test
  void aFollowPathThatIsTheRootDoesNotRestrict() throws IOException {
    file("a", "");
    file("b", "");

    assertThat(paths(filter(null, null, List.of(".", "a")))).containsExactly("a", "b");
  }

  @Test
  void rejectsMalformedPatterns() {
    assertThatThrownBy(() -> filter(null, List.of("[z-"), null))
        .isInstanceOf(InvalidPatternException.class)
        .hasMessageContaining("invalid exclude patterns");
  }

  @Test
  void resolvesASymlinkedRoot() throws IOException {
    file("real/a", "");
    Path link = Files.createSymbolicLink(root.resolve("link"), Path.of("real"));
    List<String> paths = new ArrayList<>();

    new ContextWalker(link, ContextFilter.none()).walk(entry -> paths.add(entry.path()));

    assertThat(paths).containsExactly("a");
  }

  @Test
  void refusesAFileAsRoot() throws IOException {
    Path file = file("a", "");

    assertThatThrownBy(() -> new ContextWalker(file, ContextFilter.none())).hasMessageContaining("a");
  }

  private ContextFilter filter(List<String> includes, List<String> excludes, List<String> followPaths)
      throws IOException {
    return ContextFilter.of(root, includes, excludes, followPaths);
  }

  private List<String> paths(ContextFilter filter) throws IOException {
    return entries(filter).stream().map(ContextEntry::path).toList();
  }

  private List<ContextEntry> entries(ContextFilter filter) throws IOException {
    List<ContextEntry> entries = new ArrayList<>();
    new ContextWalker(root, filter).walk(entries::add);
    return entries;
  }

  private Path dir(String path) throws IOException {
    return Files.createDirectories(root.resolve(path));
  }

  private Path file(String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
