package dev.kbuildx.buildkit;

import dev.kbuildx.buildkit.proto.control.SolveRequest;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A solve request and what the session must serve while it runs.
 *
 * @param localDirectories the directories FileSync uploads, by the local name the daemon asks for
 * @param outputs the outputs in exporter order: FileSend routes a call with exporter id {@code i}
 *     (0 when the daemon sends none) to {@code outputs.get(i)}, which is then an {@link Output.ToClient}
 * @param warnings things the user should know that do not stop the build, e.g. a local cache that
 *     does not exist yet and is skipped
 */
public record SolvePlan(SolveRequest request, Map<String, Path> localDirectories, List<Output> outputs,
    List<String> warnings) {

  public SolvePlan {
    localDirectories = Collections.unmodifiableMap(new LinkedHashMap<>(localDirectories));
    outputs = List.copyOf(outputs);
    warnings = List.copyOf(warnings);
  }

  /** The outputs the daemon streams back through the session's FileSend, by exporter index. */
  public Map<Integer, Output.ToClient> clientOutputs() {
    Map<Integer, Output.ToClient> byIndex = new LinkedHashMap<>();
    for (int i = 0; i < outputs.size(); i++) {
      if (outputs.get(i) instanceof Output.ToClient toClient) {
        byIndex.put(i, toClient);
      }
    }
    return Collections.unmodifiableMap(byIndex);
  }
}
