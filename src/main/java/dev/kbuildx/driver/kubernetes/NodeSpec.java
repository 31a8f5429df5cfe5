package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.platform.Platform;
import java.util.List;

/**
 * One declared node of a builder: a single Deployment or StatefulSet of BuildKit pods.
 *
 * @param name the node name, validated and lower-cased; {@link BuilderNames#objectName} derives
 *     the Kubernetes object name from it
 * @param platforms the platforms this node owns, in declaration order (may be empty)
 * @param buildkitdFlags the final buildkitd arguments, see {@link BuildkitdFlags}
 * @param config buildkitd.toml and registry certificates, {@link BuildkitdConfig#NONE} when unset
 */
public record NodeSpec(
    String name,
    List<Platform> platforms,
    KubernetesOptions options,
    List<String> buildkitdFlags,
    BuildkitdConfig config) {}
