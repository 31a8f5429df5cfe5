package dev.kbuildx.maven;

import org.apache.maven.plugins.annotations.Parameter;

/** The goals that act on one builder: {@code create}, {@code append} and {@code rm}. */
abstract class AbstractBuilderMojo extends AbstractKbuildxMojo {

  /**
   * Name of the builder. Its nodes are named after it ({@code kube0}, {@code kube1}, ...) unless
   * named explicitly, and the cluster objects carry it in the label {@code kbuildx.dev/builder}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.BUILDER, defaultValue = "kbuildx")
  protected String builder;
}
