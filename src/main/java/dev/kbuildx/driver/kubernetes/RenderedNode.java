package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.SortedMap;

/**
 * Everything a node needs in the cluster, rendered but not yet applied.
 *
 * @param namespace the namespace the objects go to (objects carry it in their metadata)
 * @param workload an apps/v1 Deployment, or a StatefulSet for persistent nodes
 * @param configMaps buildkitd.toml and certificate ConfigMaps, possibly empty
 * @param spec the declared settings, as stored in the {@link dev.kbuildx.driver.kubernetes.BuilderLabels#SPEC} annotation
 * @param specHash SHA-256 of {@code spec}, as stored in {@link dev.kbuildx.driver.kubernetes.BuilderLabels#SPEC_HASH}
 */
public record RenderedNode(
    String builder,
    NodeSpec node,
    String namespace,
    HasMetadata workload,
    List<ConfigMap> configMaps,
    SortedMap<String, String> spec,
    String specHash) {}
