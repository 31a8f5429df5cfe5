package dev.kbuildx.build;

/**
 * One platform's manifest of a pushed image, as {@code build-result.json} lists it.
 *
 * @param platform e.g. {@code linux/arm64}
 * @param digest the manifest's digest in the registry
 * @param node the builder node that built it
 */
public record PlatformManifest(String platform, String digest, String mediaType, String node) {}
