package dev.kbuildx.maven;

import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that act on one builder: {@code create}, {@code append}, {@code rm}, {@code build},
 * {@code inspect}, {@code du} and {@code prune}.
 */
abstract class AbstractBuilderMojo extends AbstractKbuildxMojo {
  /** The builder's name when none is set, for every goal. */
  static final String DEFAULT_BUILDER = "kbuildx";

  /**
   * Name of the builder (default {@code kbuildx}). Its nodes are named after it ({@code kube0},
   * {@code kube1}, ...) unless named explicitly, and the cluster objects carry it in the label
   * {@code kbuildx.dev/builder}. {@code kbuildx:build} builds on the builder the {@code <nodes>}
   * declare, or on an existing Kubernetes builder of this name; only a name set here or by the
   * property selects a builder without declared nodes: with neither, the build uses the local
   * Docker Engine.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.BUILDER)
  protected String builder;

  /** {@link #builder}, or {@value #DEFAULT_BUILDER} when it is not set. */
  protected String builderName() {
    return builder == null ? DEFAULT_BUILDER : builder;
  }
}
