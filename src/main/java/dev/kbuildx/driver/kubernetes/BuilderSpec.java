package dev.kbuildx.driver.kubernetes;

import java.util.List;

/** A builder as declared by the user: a name and its nodes, in order. */
public record BuilderSpec(String name, List<NodeSpec> nodes) {}
