package dev.kbuildx.driver;

/**
 * What a driver can do, as buildx's driver features: the build adapts its requests to these before
 * it dials anything.
 *
 * @param multiPlatform one node can build several platforms into one index; the Docker Engine's
 *     image store holds one platform per tag, so its driver cannot
 * @param defaultLoad the node's {@code default-load} option: without any output, load the image
 *     into the local Docker Engine
 * @param clusterImageStore the daemon stores its images in the container runtime of the Kubernetes
 *     node it runs on (a kubernetes node with {@code worker=containerd}), so pods there run them
 *     without a registry
 */
public record DriverFeatures(boolean multiPlatform, boolean defaultLoad, boolean clusterImageStore) {}
