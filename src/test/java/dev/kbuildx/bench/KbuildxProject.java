package dev.kbuildx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The Maven projects in which the benchmark runs kbuildx: a pom-packaged project that names the
 * plugin, and the same project as the parent of modules that inherit its configuration, so that one
 * {@code mvn} run builds once per project.
 */
final class KbuildxProject {
  private KbuildxProject() {}

  /** Writes {@code directory/pom.xml} with {@code configuration} (XML elements) as the plugin's configuration. */
  static Path write(Path directory, String pluginVersion, String configuration) throws IOException {
    return write(directory, pluginVersion, configuration, 0);
  }

  /**
   * As {@link #write(Path, String, String)}, with {@code modules} pom-packaged modules
   * {@code module-1}, ... beside it that inherit the plugin and its configuration. Paths in the
   * configuration must not depend on the project's folder, since each module has its own.
   */
  static Path write(Path directory, String pluginVersion, String configuration, int modules) throws IOException {
    Files.createDirectories(directory);
    String moduleList = modules == 0 ? "" : IntStream.rangeClosed(1, modules)
        .mapToObj(module -> "<module>module-" + module + "</module>")
        .collect(Collectors.joining("", "\n  <modules>", "</modules>"));
    Files.writeString(directory.resolve("pom.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.kbuildx.bench</groupId>
          <artifactId>side-by-side</artifactId>
          <version>1.0</version>
          <packaging>pom</packaging>%s
          <build>
            <plugins>
              <plugin>
                <groupId>dev.kbuildx</groupId>
                <artifactId>kbuildx-maven-plugin</artifactId>
                <version>%s</version>
                <configuration>
                  <!-- The project is only a place to run the goals from. -->
                  <skipPom>false</skipPom>
        %s
                </configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(moduleList, pluginVersion, configuration.indent(10).stripTrailing()));
    for (int module = 1; module <= modules; module++) {
      Path moduleDirectory = Files.createDirectories(directory.resolve("module-" + module));
      Files.writeString(moduleDirectory.resolve("pom.xml"), """
          <?xml version="1.0" encoding="UTF-8"?>
          <project xmlns="http://maven.apache.org/POM/4.0.0">
            <modelVersion>4.0.0</modelVersion>
            <parent>
              <groupId>dev.kbuildx.bench</groupId>
              <artifactId>side-by-side</artifactId>
              <version>1.0</version>
            </parent>
            <artifactId>module-%d</artifactId>
            <packaging>pom</packaging>
          </project>
          """.formatted(module));
    }
    return directory;
  }
}
