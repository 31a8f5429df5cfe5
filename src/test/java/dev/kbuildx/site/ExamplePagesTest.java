package dev.kbuildx.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Keeps the site's example pages honest: every {@code ```xml} block on them is cut from a file of
 * an integration test that the invoker runs, so that an example cannot show configuration that
 * does not work. The line before each block names that file:
 *
 * <pre>{@code
 * <!-- it: src/it/build-engine/pom.xml -->
 * ```xml
 * <configuration>...</configuration>
 * ```
 * }</pre>
 *
 * <p>The block must occur in the file with all whitespace runs read as one space. A line that
 * holds only {@code <!-- ... -->} leaves out part of the file: the pieces around it must then
 * occur in that order. In the file, the invoker's {@code @project.groupId@},
 * {@code @project.artifactId@} and {@code @project.version@} stand for this plugin's coordinates.
 */
class ExamplePagesTest {
  private static final Path EXAMPLES = Path.of("src/site/markdown/examples");
  private static final Path INTEGRATION_TESTS = Path.of("src/it");
  /** One page per scenario of issue 5. */
  private static final List<String> SCENARIOS = List.of("org-builder", "multi-arch-append", "qemu", "rootless",
      "ci-in-kubernetes", "registry-credentials", "secrets-and-ssh", "registry-cache", "dry-run-gitops",
      "standing-daemon", "docker-engine", "multi-platform");
  private static final Pattern MARKER = Pattern.compile("<!--\\s*it:\\s*(\\S+)\\s*-->");
  private static final String ELISION = "<!-- ... -->";
  /** invoker.properties keys that make the invoker skip a test on some machines. */
  private static final List<String> SELECTION_KEYS =
      List.of("invoker.java.version", "invoker.maven.version", "invoker.os.family", "invoker.toolchain");

  @Test
  void everyScenarioHasAPageWithAnExcerpt() throws IOException {
    for (String scenario : SCENARIOS) {
      Path page = EXAMPLES.resolve(scenario + ".md");
      assertThat(page).as("example page of scenario " + scenario).isRegularFile();
      assertThat(blocks(page)).as("POM excerpts on " + page).isNotEmpty();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyExcerptIsCutFromAnIntegrationTestThatRuns() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> pages = Files.list(EXAMPLES)) {
      for (Path page : pages.filter(path -> path.toString().endsWith(".md")).sorted().toList()) {
        for (Block block : blocks(page)) {
          tests.add(DynamicTest.dynamicTest(page.getFileName() + " line " + block.line(), () -> check(page, block)));
        }
      }
    }
    return tests.stream();
  }

  private static void check(Path page, Block block) throws Exception {
    String where = page + " line " + block.line();
    if (block.source() == null) {
      fail(where + ": the line before the block must name its file: <!-- it: src/it/<test>/pom.xml -->");
    }
    Path source = Path.of(block.source()).normalize();
    assertThat(source.startsWith(INTEGRATION_TESTS) && source.getNameCount() > INTEGRATION_TESTS.getNameCount() + 1)
        .as(where + ": " + source + " is not a file of an integration test under " + INTEGRATION_TESTS).isTrue();
    Path test = INTEGRATION_TESTS.resolve(source.getName(INTEGRATION_TESTS.getNameCount()));
    assertRuns(test);
    assertThat(source).as(where).isRegularFile();

    String file = normalise(withCoordinates(Files.readString(source)));
    int from = 0;
    for (String piece : block.pieces()) {
      String wanted = normalise(piece);
      if (wanted.isEmpty()) {
        continue;
      }
      int at = file.indexOf(wanted, from);
      if (at < 0) {
        fail(where + ": this part of the excerpt is not in " + source
            + (from > 0 ? " after the part before it" : "") + ":\n" + piece.strip());
      }
      from = at + wanted.length();
    }
  }

  /** The invoker runs the test: its directory has the POM the invoker looks for, and nothing deselects it. */
  private static void assertRuns(Path test) throws IOException {
    assertThat(test.resolve("pom.xml")).as("the POM of integration test " + test).isRegularFile();
    assertThat(test.resolve("selector.groovy")).as("a selector script may skip " + test).doesNotExist();
    assertThat(test.resolve("selector.bsh")).as("a selector script may skip " + test).doesNotExist();
    Path invokerFile = test.resolve("invoker.properties");
    if (Files.isRegularFile(invokerFile)) {
      Properties invoker = new Properties();
      try (InputStream in = Files.newInputStream(invokerFile)) {
        invoker.load(in);
      }
      for (String key : invoker.stringPropertyNames()) {
        assertThat(SELECTION_KEYS.stream().noneMatch(key::startsWith))
            .as(invokerFile + " sets " + key + ", which skips the test on some machines").isTrue();
      }
    }
    assertThat(Files.readString(Path.of("pom.xml")))
        .as("pom.xml must not exclude integration test " + test.getFileName())
        .doesNotContain("<pomExclude>" + test.getFileName());
  }

  private static List<Block> blocks(Path page) throws IOException {
    List<String> lines = Files.readAllLines(page);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```xml")) {
        continue;
      }
      int start = i;
      String source = markerBefore(lines, start);
      List<String> pieces = new ArrayList<>();
      StringBuilder piece = new StringBuilder();
      for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
        if (lines.get(i).strip().equals(ELISION)) {
          pieces.add(piece.toString());
          piece.setLength(0);
        } else {
          piece.append(lines.get(i)).append('\n');
        }
      }
      if (i == lines.size()) {
        fail(page + " line " + (start + 1) + ": the xml block is not closed");
      }
      pieces.add(piece.toString());
      blocks.add(new Block(start + 1, source, pieces));
    }
    return blocks;
  }

  /** The file the marker on the last non-blank line before {@code fence} names, or null. */
  private static String markerBefore(List<String> lines, int fence) {
    for (int i = fence - 1; i >= 0; i--) {
      String line = lines.get(i).strip();
      if (!line.isEmpty()) {
        Matcher marker = MARKER.matcher(line);
        return marker.matches() ? marker.group(1) : null;
      }
    }
    return null;
  }

  private static String withCoordinates(String text) throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    return text.replace("@project.groupId@", child(pom.getDocumentElement(), "groupId"))
        .replace("@project.artifactId@", child(pom.getDocumentElement(), "artifactId"))
        .replace("@project.version@", child(pom.getDocumentElement(), "version"));
  }

  private static String child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element.getTextContent().strip();
      }
    }
    throw new AssertionError("pom.xml has no <" + name + ">");
  }

  private static String normalise(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /** A {@code ```xml} block: its first line's number, the file its marker names (or null) and its pieces. */
  private record Block(int line, String source, List<String> pieces) {}
}
