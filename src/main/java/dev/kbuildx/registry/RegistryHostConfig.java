package dev.kbuildx.registry;

import java.util.List;

/**
 * How one registry host is reached, as a {@code [registry."host"]} section of a buildkitd.toml
 * says it: BuildKit's nodes reach the host this way, so kbuildx's own registry client does too.
 *
 * @param http true: plain HTTP; false: HTTPS, even for a loopback host; null: HTTPS, except plain
 *     HTTP for a loopback host
 * @param insecure HTTPS without verifying the certificate and, unless {@code http} is false, plain
 *     HTTP when the host does not speak TLS
 * @param caCertificates PEM text of extra certificate authorities trusted for the host, next to the
 *     system's
 * @param mirrors {@code host[:port][/prefix]} tried in order before the host itself, for reads only
 */
public record RegistryHostConfig(Boolean http, boolean insecure, List<String> caCertificates, List<String> mirrors) {

  /** A host no section names. */
  public static final RegistryHostConfig DEFAULT = new RegistryHostConfig(null, false, List.of(), List.of());

  public RegistryHostConfig {
    caCertificates = List.copyOf(caCertificates);
    mirrors = List.copyOf(mirrors);
  }

  /** The same host, reached over plain HTTP or else without certificate checks (an image output's {@code registry.insecure}). */
  public RegistryHostConfig insecureAndPlainHttp() {
    return new RegistryHostConfig(true, true, caCertificates, mirrors);
  }
}
