package dev.kbuildx.it;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Kubernetes objects a {@code -Dkbuildx.dryRun} build printed, read back with fabric8 so the
 * integration tests check real objects rather than text.
 */
public final class DryRunYaml {
  private static final Pattern MAVEN_LOG_LINE = Pattern.compile("^\\[(INFO|WARNING|ERROR|DEBUG)\\]");

  private final List<HasMetadata> objects;

  private DryRunYaml(List<HasMetadata> objects) {
    this.objects = objects;
  }

  /** Parses a build log in which the YAML sits among Maven's own log lines. */
  public static DryRunYaml fromLog(BuildLog log) {
    return parse(log.withoutHookLines().text().lines()
        .filter(line -> !MAVEN_LOG_LINE.matcher(line).find())
        .collect(Collectors.joining("\n")));
  }

  /** Parses multi-document YAML that holds nothing else, such as the output of {@code mvn -q}. */
  public static DryRunYaml parse(String yaml) {
    Object parsed = Serialization.unmarshal(yaml);
    if (parsed instanceof HasMetadata single) {
      return new DryRunYaml(List.of(single));
    }
    if (parsed instanceof List<?> list && list.stream().allMatch(HasMetadata.class::isInstance)) {
      return new DryRunYaml(list.stream().map(HasMetadata.class::cast).toList());
    }
    throw new AssertionError("Not Kubernetes objects: " + parsed + "\nfrom:\n" + yaml);
  }

  public List<HasMetadata> objects() {
    return objects;
  }

  /** The object of that type and name; fails listing what there is otherwise. */
  public <T extends HasMetadata> T get(Class<T> type, String name) {
    return objects.stream()
        .filter(type::isInstance)
        .filter(object -> name.equals(object.getMetadata().getName()))
        .map(type::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " " + name
            + " in the dry-run output, only " + objects.stream()
                .map(object -> object.getKind() + " " + object.getMetadata().getName())
                .toList()));
  }
}
