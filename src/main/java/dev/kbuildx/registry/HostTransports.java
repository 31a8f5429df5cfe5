package dev.kbuildx.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which scheme and which HTTP client reach each registry host, from the builder's registry config:
 * hosts with their own CA or with {@code insecure} get a client of their own, every other host
 * shares one with the system's trust. Safe to share between threads.
 */
final class HostTransports {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private final RegistryConfig config;
  private final HttpClient shared = builder().build();
  private final Map<String, HttpClient> clientsByHost = new ConcurrentHashMap<>();
  /** Insecure hosts whose HTTPS handshake failed: they are reached over plain HTTP from then on. */
  private final Set<String> plainAfterFallback = ConcurrentHashMap.newKeySet();

  HostTransports(RegistryConfig config) {
    this.config = config;
  }

  /** {@code http} or {@code https} for a host ({@code host[:port]}) as its config and earlier fallbacks decide. */
  String scheme(String host) {
    RegistryHostConfig hostConfig = config.forHost(host);
    if (hostConfig.http() != null) {
      return hostConfig.http() ? "http" : "https";
    }
    if (plainAfterFallback.contains(key(host))) {
      return "http";
    }
    return isLoopback(RegistryHosts.withoutPort(key(host))) ? "http" : "https";
  }

  /** The client for a request to {@code uri}: redirects to storage elsewhere get that host's trust. */
  HttpClient client(URI uri) {
    String host = authority(uri);
    RegistryHostConfig hostConfig = config.forHost(host);
    if (!hostConfig.insecure() && hostConfig.caCertificates().isEmpty()) {
      return shared;
    }
    return clientsByHost.computeIfAbsent(key(host), key -> builder()
        .sslContext(hostConfig.insecure()
            ? RegistryTls.trustingAnyCertificate()
            : RegistryTls.trusting(hostConfig.caCertificates(), key))
        .build());
  }

  /**
   * After a failed TLS handshake with {@code uri}: the same request over plain HTTP when the host is
   * insecure and not set to HTTPS only (BuildKit's fallback), else empty. The host then stays on HTTP.
   */
  Optional<URI> plainHttpFallback(URI uri) {
    String host = authority(uri);
    RegistryHostConfig hostConfig = config.forHost(host);
    if (!"https".equalsIgnoreCase(uri.getScheme()) || !hostConfig.insecure() || Boolean.FALSE.equals(hostConfig.http())) {
      return Optional.empty();
    }
    plainAfterFallback.add(key(host));
    return Optional.of(URI.create("http" + uri.toString().substring(uri.getScheme().length())));
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("[::1]") || host.equals("::1") || IPV4_LOOPBACK.matcher(host).matches();
  }

  private static String authority(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  private static String key(String host) {
    return RegistryHosts.normalize(host).toLowerCase(Locale.ROOT);
  }

  /** Redirects are followed by hand: a blob redirect to storage elsewhere must not carry the Authorization. */
  private static HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER);
  }
}
