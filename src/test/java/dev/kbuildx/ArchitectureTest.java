package dev.kbuildx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.SourceReferences.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the package map of the developer page: every package in it, Maven types only in {@code maven}, fabric8 only in
 * the Kubernetes driver, the build only behind the driver interface, and no package cycle, so that
 * the packages read top down.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final String ROOT = "dev.kbuildx";
  private static final Path DEVELOPERS_PAGE = Path.of("src/site/markdown/developers.md");

  @Test
  void mavenTypesAppearOnlyInTheMavenPackage() {
    List<Reference> references = SourceReferences.read(MAIN);
    assertThat(misplaced(references, List.of("org.apache.maven", "org.codehaus.plexus"), ROOT + ".maven"))
        .as("Maven types outside dev.kbuildx.maven; the core must run without Maven").isEmpty();
  }

  @Test
  void fabric8TypesAppearOnlyInTheKubernetesDriver() {
    assertThat(misplaced(SourceReferences.read(MAIN), List.of("io.fabric8"), ROOT + ".driver.kubernetes"))
        .as("fabric8 types outside dev.kbuildx.driver.kubernetes; wrap them in the driver").isEmpty();
  }

  @Test
  void theBuildReachesNodesOnlyThroughTheDriverInterface() {
    String driver = ROOT + ".driver";
    assertThat(SourceReferences.read(MAIN).stream()
        .filter(reference -> within(reference.fromPackage(), ROOT + ".build"))
        .filter(reference -> within(reference.toPackage(), driver) && !reference.toPackage().equals(driver))
        .map(Reference::toString))
        .as("build/ uses a driver implementation; go through dev.kbuildx.driver.Driver").isEmpty();
  }

  @Test
  void theMainPackagesFormNoCycle() {
    assertThat(cycles(SourceReferences.read(MAIN)))
        .as("package cycles, with the references that make them").isEmpty();
  }

  @Test
  void theDeveloperPageMapsEveryPackage() throws IOException {
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(ROOT.replace('.', '/')))) {
      files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
        String name = MAIN.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
        packages.add(name.equals(ROOT) ? ROOT : name.substring(ROOT.length() + 1));
      });
    }
    Set<String> mapped = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([a-z.]+)`[^|]*\\|").matcher(Files.readString(DEVELOPERS_PAGE));
    while (row.find()) {
      mapped.add(row.group(1));
    }
    assertThat(mapped).as("packages in the map of " + DEVELOPERS_PAGE).isEqualTo(packages);
  }

  @Test
  void aCycleIsReportedWithItsPackagesAndReferences(@TempDir Path root) throws IOException {
    write(root, "dev.kbuildx.a", "A", "import dev.kbuildx.b.B;");
    write(root, "dev.kbuildx.b", "B", "");
    write(root, "dev.kbuildx.b", "C", "class C { dev.kbuildx.a.A a; }");
    write(root, "dev.kbuildx.c", "D", "import dev.kbuildx.a.A;");

    assertThat(cycles(SourceReferences.read(root))).containsExactly(
        "cycle of dev.kbuildx.a, dev.kbuildx.b:"
            + " [dev.kbuildx.a.A -> dev.kbuildx.b.B, dev.kbuildx.b.C -> dev.kbuildx.a.A]");
  }

  @Test
  void aMisplacedImportIsReported(@TempDir Path root) throws IOException {
    write(root, "dev.kbuildx.maven", "Mojo", "import org.apache.maven.plugin.AbstractMojo;");
    write(root, "dev.kbuildx.build", "Build", "import org.apache.maven.plugin.MojoExecutionException;\n"
        + "/* org.apache.maven.Ignored */ class Build { String s = \"org.apache.maven.Ignored\"; }");

    assertThat(misplaced(SourceReferences.read(root), List.of("org.apache.maven"), "dev.kbuildx.maven"))
        .containsExactly("dev.kbuildx.build.Build -> org.apache.maven.plugin.MojoExecutionException");
  }

  private static List<String> misplaced(List<Reference> references, List<String> libraries, String home) {
    return references.stream()
        .filter(reference -> libraries.stream().anyMatch(library -> within(reference.toPackage(), library)))
        .filter(reference -> !within(reference.fromPackage(), home))
        .map(Reference::toString)
        .toList();
  }

  /** Each group of packages that reach one another, as Tarjan's strongly connected components. */
  private static List<String> cycles(List<Reference> references) {
    Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
    for (Reference reference : references) {
      if (within(reference.toPackage(), ROOT) && !reference.toPackage().equals(reference.fromPackage())) {
        graph.computeIfAbsent(reference.fromPackage(), from -> new TreeMap<>())
            .computeIfAbsent(reference.toPackage(), to -> new TreeSet<>()).add(reference.toString());
      }
    }
    List<String> cycles = new ArrayList<>();
    for (Set<String> component : new Components(graph).all()) {
      if (component.size() > 1) {
        Set<String> edges = new TreeSet<>();
        component.forEach(from -> graph.getOrDefault(from, Map.of()).forEach((to, why) -> {
          if (component.contains(to)) {
            edges.addAll(why);
          }
        }));
        cycles.add("cycle of " + String.join(", ", component) + ": " + edges);
      }
    }
    return cycles;
  }

  private static boolean within(String pkg, String parent) {
    return pkg.equals(parent) || pkg.startsWith(parent + ".");
  }

  private static void write(Path root, String pkg, String name, String body) throws IOException {
    Path file = root.resolve(pkg.replace('.', '/')).resolve(name + ".java");
    Files.createDirectories(file.getParent());
    String code = body.isEmpty() ? "class " + name + " {}" : body;
    Files.writeString(file, "package " + pkg + ";\n\n" + code + "\n");
  }

  /** Tarjan's algorithm over the package graph. */
  private static final class Components {
    private final Map<String, Map<String, Set<String>>> graph;
    private final Map<String, Integer> index = new TreeMap<>();
    private final Map<String, Integer> low = new TreeMap<>();
    private final List<String> stack = new ArrayList<>();
    private final List<Set<String>> components = new ArrayList<>();

    Components(Map<String, Map<String, Set<String>>> graph) {
      this.graph = graph;
    }

    List<Set<String>> all() {
      graph.keySet().forEach(pkg -> {
        if (!index.containsKey(pkg)) {
          visit(pkg);
        }
      });
      return components;
    }

    private void visit(String pkg) {
      index.put(pkg, index.size());
      low.put(pkg, index.get(pkg));
      stack.add(pkg);
      for (String next : graph.getOrDefault(pkg, Map.of()).keySet()) {
        if (!index.containsKey(next)) {
          visit(next);
          low.put(pkg, Math.min(low.get(pkg), low.get(next)));
        } else if (stack.contains(next)) {
          low.put(pkg, Math.min(low.get(pkg), index.get(next)));
        }
      }
      if (low.get(pkg).equals(index.get(pkg))) {
        Set<String> component = new TreeSet<>();
        String member;
        do {
          member = stack.remove(stack.size() - 1);
          component.add(member);
        } while (!member.equals(pkg));
        components.add(component);
      }
    }
  }
}
