package dev.kbuildx.engine;

/**
 * What the engine pushed.
 *
 * @param reference the name and tag pushed, fully qualified, such as {@code 127.0.0.1:5000/app:1}
 * @param digest the digest of the manifest in the registry, {@code sha256:...}
 * @param size the size of that manifest in bytes
 */
public record PushedImage(String reference, String digest, long size) {}
