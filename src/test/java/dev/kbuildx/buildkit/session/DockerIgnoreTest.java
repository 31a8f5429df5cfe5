package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerIgnoreTest {

  @Test
  void parsesPatternsLikeTheFrontend() {
    String content = String.join("\n",
        "# build output",
        "target",
        "/logs/",
        "",
        "   ",
        "  *.tmp  ",
        "! /docs/keep.md",
        "!",
        "a/./b/../c",
        " # not a comment");

    assertThat(DockerIgnore.parse(content))
        .containsExactly("target", "logs", "*.tmp", "!docs/keep.md", "!", "a/c", "# not a comment");
  }

  @Test
  void dropsAByteOrderMarkAndWindowsLineEnds() {
    assertThat(DockerIgnore.parse("\uFEFFtarget\r\n*.log\r\n")).containsExactly("target", "*.log");
  }

  @Test
  void keepsTheRootPattern() {
    assertThat(DockerIgnore.parse("/\n**")).containsExactly("/", "**");
  }

  @Test
  void aMissingFileHasNoPatterns(@TempDir Path dir) throws IOException {
    assertThat(DockerIgnore.read(dir.resolve(".dockerignore"))).isEmpty();
  }

  @Test
  void readsAFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve(".dockerignore"), "node_modules\n!node_modules/keep\n");

    assertThat(DockerIgnore.read(file)).containsExactly("node_modules", "!node_modules/keep");
  }
}
