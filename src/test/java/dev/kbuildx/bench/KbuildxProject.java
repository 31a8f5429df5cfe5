package dev.kbuildx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Maven project in which the benchmark runs kbuildx: a pom-packaged project that names the plugin. */
final class KbuildxProject {
  private KbuildxProject() {}

  /** Writes {@code directory/pom.xml} with {@code configuration} (XML elements) as the plugin's configuration. */
  static Path write(Path directory, String pluginVersion, String configuration) throws IOException {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("pom.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.kbuildx.bench</groupId>
          <artifactId>side-by-side</artifactId>
          <version>1.0</version>
          <packaging>pom</packaging>
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
        """.formatted(pluginVersion, configuration.indent(10).stripTrailing()));
    return directory;
  }
}
