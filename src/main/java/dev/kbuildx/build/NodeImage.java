package dev.kbuildx.build;

/**
 * What one node of a multi-node build pushed: its image (an index, or one manifest from a Docker
 * Engine), known by digest in the repository of the first tag.
 *
 * @param mediaType the media type the node reported, or null when only the registry knows it
 * @param size the size in bytes, or -1 when unknown
 */
record NodeImage(String node, String digest, String mediaType, long size) {}
