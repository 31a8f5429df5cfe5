package dev.kbuildx.driver;

/**
 * What a driver can do, as buildx's driver features: the build adapts its requests to these before
 * it dials anything.
 *
 * @param multiPlatform one node can build several platforms into one index; the Docker Engine's
 *     image store holds one platform per tag, so its driver cannot
 * @param defaultLoad the node's {@code default-load} option: without any output, load the image
 *     into the local Docker Engine
 */
public record DriverFeatures(boolean multiPlatform, boolean defaultLoad) {}
