package dev.kbuildx.registry;

/**
 * One node's pushed result, to be merged into the final index.
 *
 * @param node the builder node that built it, reported with each merged child
 * @param descriptor its manifest or index, pushed by digest
 */
public record MergeSource(String node, Descriptor descriptor) {}
