package dev.kbuildx.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kbuildx.KbuildxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * A client of the OCI distribution API (Docker registry v2): manifests and blobs, read and
 * pushed, with Basic and Bearer-token auth.
 *
 * <p>Each host is reached as the registry config says ({@link RegistryHostConfig}): without a
 * section, plain HTTP for loopback registries ({@code localhost}, {@code 127.0.0.0/8},
 * {@code [::1]}) and HTTPS for every other. Reads (manifests and blobs fetched) try the registry's
 * mirrors first; pushes and the checks before them go to the registry only. Docker Hub
 * ({@code docker.io}) is reached at {@value #DOCKER_HUB_API_HOST}.
 *
 * <p>Auth follows the registry's challenges: after a 401 the request is retried once with Basic
 * credentials or with a Bearer token for the request's scope ({@code repository:<path>:pull} or
 * {@code pull,push}). Challenges and tokens are kept for the client's life, so later requests
 * authenticate without a 401 first. Credentials are looked up once per host. No message of this
 * client contains a credential or token. One client is safe to share between threads.
 */
public final class RegistryClient {

  static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";

  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
  /** A streamed blob upload may be large: the registry answers only once it has all of it. */
  private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);
  private static final int MAX_REDIRECTS = 5;
  private static final String OCTET_STREAM = "application/octet-stream";

  private final CredentialSource credentials;
  private final RegistryConfig config;
  private final HostTransports transports;
  private final TokenService tokens;
  private final Map<String, Optional<RegistryCredentials>> credentialsByHost = new ConcurrentHashMap<>();
  private final Map<String, AuthChallenge> challengesByHost = new ConcurrentHashMap<>();
  private final Map<String, String> tokensByHostAndScope = new ConcurrentHashMap<>();

  /**
   * @param credentials asked once per registry host, with the host the API is reached at
   * @param config how each registry host is reached (the builder's buildkitd config)
   */
  public RegistryClient(CredentialSource credentials, RegistryConfig config) {
    this.credentials = credentials;
    this.config = config;
    this.transports = new HostTransports(config);
    this.tokens = new TokenService(transports, REQUEST_TIMEOUT);
  }

  /**
   * A manifest or index by tag or digest. Fetched by digest, the content is checked against it;
   * fetched by tag, against the {@code Docker-Content-Digest} the registry reports.
   */
  public ManifestContent fetchManifest(RegistryRepository repository, String reference) {
    return fromMirrorOrRegistry(repository, source -> fetchManifestFrom(source, reference));
  }

  private ManifestContent fetchManifestFrom(RegistryRepository repository, String reference) {
    Call call = Call.pull("GET", "manifest", repository, reference);
    HttpResponse<byte[]> response = send(call, manifestUri(repository, reference),
        uri -> HttpRequest.newBuilder(uri).header("Accept", manifestAccept()).GET(), BodyHandlers.ofByteArray());
    expect(call, response, 200);
    byte[] content = response.body();
    String computed = Digests.sha256(content);
    String digest = Digests.isDigest(reference) ? reference : response.headers().firstValue("Docker-Content-Digest").orElse(computed);
    if (!Digests.matches(digest, content)) {
      throw new KbuildxException(call.describe() + ": the registry sent content with digest " + computed
          + " instead of " + digest);
    }
    return new ManifestContent(mediaTypeOf(response, content, call), content, digest);
  }

  public boolean manifestExists(RegistryRepository repository, String reference) {
    Call call = Call.pull("HEAD", "manifest", repository, reference);
    return exists(call, send(call, manifestUri(repository, reference),
        uri -> HttpRequest.newBuilder(uri).header("Accept", manifestAccept()).method("HEAD", BodyPublishers.noBody()),
        BodyHandlers.ofByteArray()));
  }

  public boolean blobExists(RegistryRepository repository, String digest) {
    Call call = Call.pull("HEAD", "blob", repository, digest);
    return exists(call, send(call, blobUri(repository, digest),
        uri -> HttpRequest.newBuilder(uri).method("HEAD", BodyPublishers.noBody()), BodyHandlers.ofByteArray()));
  }

  /** A blob held in memory, such as an image config; its content is checked against {@code digest}. */
  public byte[] fetchBlob(RegistryRepository repository, String digest) {
    return fromMirrorOrRegistry(repository, source -> fetchBlobFrom(source, digest));
  }

  private byte[] fetchBlobFrom(RegistryRepository repository, String digest) {
    Call call = Call.pull("GET", "blob", repository, digest);
    HttpResponse<byte[]> response = send(call, blobUri(repository, digest), uri -> HttpRequest.newBuilder(uri).GET(),
        BodyHandlers.ofByteArray());
    expect(call, response, 200);
    if (!Digests.matches(digest, response.body())) {
      throw new KbuildxException(call.describe() + ": the registry sent content with digest "
          + Digests.sha256(response.body()) + " instead of " + digest);
    }
    return response.body();
  }

  /** Uploads a blob in one request unless the repository has it; returns its sha256 digest. */
  public String pushBlob(RegistryRepository repository, byte[] content) {
    String digest = Digests.sha256(content);
    if (blobExists(repository, digest)) {
      return digest;
    }
    URI upload = startUpload(repository, digest, null).orElseThrow();
    Call call = Call.push("PUT", "blob", repository, digest);
    HttpResponse<byte[]> response = send(call, withDigest(upload, digest),
        uri -> HttpRequest.newBuilder(uri).header("Content-Type", OCTET_STREAM).PUT(BodyPublishers.ofByteArray(content)),
        BodyHandlers.ofByteArray());
    expect(call, response, 201);
    return digest;
  }

  /**
   * Makes a blob of {@code from} available in {@code to}: nothing when {@code to} has it, a mount
   * within one registry, else a streamed download and upload (any two registries).
   *
   * @param size the blob's size, -1 when unknown
   */
  public void copyBlob(RegistryRepository from, RegistryRepository to, String digest, long size) {
    if (blobExists(to, digest)) {
      return;
    }
    Optional<URI> upload = startUpload(to, digest, from.sameRegistry(to) ? from : null);
    if (upload.isEmpty()) {
      return;
    }
    HttpResponse<InputStream> download = fromMirrorOrRegistry(from, source -> openBlob(source, digest));
    Call get = Call.pull("GET", "blob", from, digest);
    try (InputStream content = download.body()) {
      long length = size >= 0 ? size : download.headers().firstValueAsLong("Content-Length").orElse(-1);
      HttpRequest.BodyPublisher body = length >= 0
          ? BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> content), length)
          : BodyPublishers.ofInputStream(() -> content);
      Call put = Call.push("PUT", "blob", to, digest);
      HttpResponse<byte[]> response = sendOnce(put, withDigest(upload.get(), digest),
          uri -> HttpRequest.newBuilder(uri).header("Content-Type", OCTET_STREAM).PUT(body));
      expect(put, response, 201);
    } catch (IOException e) {
      throw new KbuildxException(get.describe() + " failed while copying to " + to + ": " + describe(e), e);
    }
  }

  /** A blob's content as a stream, once the registry answered 200. */
  private HttpResponse<InputStream> openBlob(RegistryRepository repository, String digest) {
    Call call = Call.pull("GET", "blob", repository, digest);
    HttpResponse<InputStream> download = send(call, blobUri(repository, digest), uri -> HttpRequest.newBuilder(uri).GET(),
        BodyHandlers.ofInputStream());
    if (download.statusCode() != 200) {
      try (InputStream content = download.body()) {
        throw failure(call, download.statusCode(), content.readNBytes(64 * 1024));
      } catch (IOException e) {
        throw new KbuildxException(call.describe() + " failed: " + describe(e), e);
      }
    }
    return download;
  }

  /**
   * A read from the registry's mirrors in order, else from the registry itself, as BuildKit resolves
   * and pulls: a mirror that lacks the content or fails is skipped. Content is checked against its
   * digest wherever it comes from.
   */
  private <T> T fromMirrorOrRegistry(RegistryRepository repository, Function<RegistryRepository, T> read) {
    for (String mirror : config.forHost(repository.registry()).mirrors()) {
      try {
        return read.apply(onMirror(mirror, repository));
      } catch (KbuildxException e) {
        // The next mirror, then the registry, is asked; its failure is the one reported.
      }
    }
    return read.apply(repository);
  }

  /**
   * The repository on a mirror written {@code host[:port][/prefix]}: the prefix goes before the
   * repository's path, under the mirror's {@code /v2/}, as BuildKit places it.
   */
  static RegistryRepository onMirror(String mirror, RegistryRepository repository) {
    String written = mirror.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
    int slash = written.indexOf('/');
    if (slash < 0) {
      return new RegistryRepository(written, repository.path());
    }
    String prefix = written.substring(slash + 1).replaceAll("^/+|/+$", "");
    return new RegistryRepository(written.substring(0, slash),
        prefix.isEmpty() ? repository.path() : prefix + "/" + repository.path());
  }

  /**
   * Puts a manifest or index under {@code reference} (a tag, or its digest). Registries treat a
   * put of content they already have as success. Returns the digest the registry reports, which
   * must be that of {@code content}.
   */
  public String pushManifest(RegistryRepository repository, String reference, String mediaType, byte[] content) {
    Call call = Call.push("PUT", "manifest", repository, reference);
    HttpResponse<byte[]> response = send(call, manifestUri(repository, reference),
        uri -> HttpRequest.newBuilder(uri).header("Content-Type", mediaType).PUT(BodyPublishers.ofByteArray(content)),
        BodyHandlers.ofByteArray());
    expect(call, response, 201, 200, 202);
    String computed = Digests.sha256(content);
    String reported = response.headers().firstValue("Docker-Content-Digest").orElse(computed);
    if (!Digests.matches(reported, content)) {
      throw new KbuildxException(call.describe() + ": the registry stored it as " + reported + ", not as " + computed);
    }
    return reported;
  }

  /** The host the API of {@code registry} is reached at: Docker Hub's name for it, else the registry as written. */
  static String apiHost(String registry) {
    return RegistryHosts.isDockerHub(registry) ? DOCKER_HUB_API_HOST : registry.toLowerCase(Locale.ROOT);
  }

  boolean usesPlainHttp(String registry) {
    return transports.scheme(apiHost(registry)).equals("http");
  }

  /**
   * Opens an upload, or with {@code mountFrom} asks for a mount first. Empty when the registry
   * mounted the blob; else where to put the content.
   */
  private Optional<URI> startUpload(RegistryRepository repository, String digest, RegistryRepository mountFrom) {
    String query = mountFrom == null ? "" : "?mount=" + encode(digest) + "&from=" + encode(mountFrom.path());
    Call call = mountFrom == null
        ? Call.push("POST", "blob upload", repository, digest)
        : Call.mount(repository, digest, mountFrom);
    URI uri = URI.create(base(repository) + "/blobs/uploads/" + query);
    HttpResponse<byte[]> response = send(call, uri, target -> HttpRequest.newBuilder(target).POST(BodyPublishers.noBody()),
        BodyHandlers.ofByteArray());
    if (mountFrom != null && response.statusCode() == 201) {
      return Optional.empty();
    }
    expect(call, response, 202);
    String location = response.headers().firstValue("Location").orElseThrow(() -> new KbuildxException(
        call.describe() + ": the registry opened an upload without saying where (no Location header)"));
    return Optional.of(response.uri().resolve(location));
  }

  private <T> HttpResponse<T> send(Call call, URI uri, Function<URI, HttpRequest.Builder> request, BodyHandler<T> handler) {
    String host = apiHost(call.repository().registry());
    HttpResponse<T> response = sendFollowingRedirects(call, uri, request, handler, authorization(call, List.of(), false), REQUEST_TIMEOUT);
    if (response.statusCode() != 401) {
      return response;
    }
    Optional<AuthChallenge> challenge = AuthChallenge.choose(response.headers().allValues("WWW-Authenticate"));
    if (challenge.isEmpty() || challenge.get().isBasic() && credentialsFor(host).isEmpty()) {
      return response;
    }
    discard(response);
    challengesByHost.put(host, challenge.get());
    List<String> challengeScopes = challenge.get().parameter("scope").map(scope -> List.of(scope.split(" "))).orElse(List.of());
    return sendFollowingRedirects(call, uri, request, handler, authorization(call, challengeScopes, true), REQUEST_TIMEOUT);
  }

  /** A request whose body cannot be sent twice: it uses the auth earlier requests settled, with no retry. */
  private HttpResponse<byte[]> sendOnce(Call call, URI uri, Function<URI, HttpRequest.Builder> request) {
    return sendFollowingRedirects(call, uri, request, BodyHandlers.ofByteArray(), authorization(call, List.of(), false),
        STREAM_TIMEOUT);
  }

  private <T> HttpResponse<T> sendFollowingRedirects(Call call, URI uri, Function<URI, HttpRequest.Builder> request,
      BodyHandler<T> handler, Optional<String> authorization, Duration timeout) {
    URI target = uri;
    for (int redirects = 0; ; redirects++) {
      HttpRequest.Builder builder = request.apply(target).timeout(timeout);
      if (authorization.isPresent() && sameOrigin(target, uri)) {
        builder.header("Authorization", authorization.get());
      }
      HttpResponse<T> response = exchange(call, builder.build(), handler);
      Optional<String> location = response.headers().firstValue("Location");
      boolean followable = call.method().equals("GET") || call.method().equals("HEAD");
      if (!isRedirect(response.statusCode()) || !followable || location.isEmpty()) {
        return response;
      }
      discard(response);
      if (redirects == MAX_REDIRECTS) {
        throw new KbuildxException(call.describe() + " failed: more than " + MAX_REDIRECTS + " redirects");
      }
      target = target.resolve(location.get());
    }
  }

  private <T> HttpResponse<T> exchange(Call call, HttpRequest request, BodyHandler<T> handler) {
    try {
      try {
        return transports.client(request.uri()).send(request, handler);
      } catch (SSLException e) {
        Optional<URI> plain = transports.plainHttpFallback(request.uri());
        if (plain.isEmpty()) {
          throw e;
        }
        return transports.client(plain.get()).send(HttpRequest.newBuilder(request, (name, value) -> true)
            .uri(plain.get()).build(), handler);
      }
    } catch (IOException e) {
      URI uri = request.uri();
      String hint = e instanceof SSLException
          ? "; if " + call.repository().registry() + " serves plain HTTP, set http = true for it in the builder's"
              + " buildkitd config ([registry.\"" + call.repository().registry() + "\"]); if its certificate is"
              + " signed by your own authority, list that CA file in ca = [...] there"
          : "";
      throw new KbuildxException(call.describe() + " failed: cannot reach " + uri.getScheme() + "://" + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + ": " + describe(e) + hint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KbuildxException(call.describe() + " was interrupted");
    }
  }

  /** The Authorization for a call from the host's last challenge: none before the first 401. */
  private Optional<String> authorization(Call call, List<String> challengeScopes, boolean fresh) {
    String host = apiHost(call.repository().registry());
    AuthChallenge challenge = challengesByHost.get(host);
    if (challenge == null) {
      return Optional.empty();
    }
    Optional<RegistryCredentials> known = credentialsFor(host);
    if (challenge.isBasic()) {
      return known.map(RegistryClient::basicAuthorization);
    }
    if (!challenge.isBearer()) {
      return Optional.empty();
    }
    String key = host + " " + String.join(" ", call.scopes());
    String token = fresh ? null : tokensByHostAndScope.get(key);
    if (token == null) {
      Set<String> scopes = new LinkedHashSet<>(call.scopes());
      scopes.addAll(challengeScopes);
      token = tokens.fetch(challenge, host, List.copyOf(scopes), known, credentials.description());
      tokensByHostAndScope.put(key, token);
    }
    return Optional.of("Bearer " + token);
  }

  private Optional<RegistryCredentials> credentialsFor(String host) {
    Optional<RegistryCredentials> known = credentialsByHost.get(host);
    if (known == null) {
      known = credentials.lookup(host);
      credentialsByHost.put(host, known);
    }
    return known;
  }

  static String basicAuthorization(RegistryCredentials basic) {
    String pair = basic.username() + ":" + basic.secret();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private boolean exists(Call call, HttpResponse<byte[]> response) {
    if (response.statusCode() == 200) {
      return true;
    }
    if (response.statusCode() == 404) {
      return false;
    }
    throw failure(call, response.statusCode(), response.body());
  }

  private void expect(Call call, HttpResponse<byte[]> response, int... accepted) {
    for (int status : accepted) {
      if (response.statusCode() == status) {
        return;
      }
    }
    throw failure(call, response.statusCode(), response.body());
  }

  private RegistryException failure(Call call, int status, byte[] body) {
    Optional<RegistryErrorBody> error = RegistryErrorBody.parse(body);
    String host = apiHost(call.repository().registry());
    String hint = switch (status) {
      case 401 -> credentialsFor(host).isPresent()
          ? "; the registry refused the credentials for " + host + " from " + credentials.description()
          : "; the registry requires a login, and no credentials for " + host + " were found in "
              + credentials.description();
      case 403 -> "; the credentials for " + host + " do not allow " + String.join(" and ", call.scopes());
      default -> "";
    };
    String message = call.describe() + " failed: HTTP " + status + error.map(e -> " " + e.text()).orElse("") + hint;
    return new RegistryException(withoutSecret(message, host), status, error.map(RegistryErrorBody::code).orElse(null));
  }

  /** A registry's error text is shown to users: should it ever echo the secret, the secret is cut out. */
  private String withoutSecret(String message, String host) {
    Optional<RegistryCredentials> known = credentialsByHost.getOrDefault(host, Optional.empty());
    return known.map(RegistryCredentials::secret)
        .filter(secret -> secret.length() >= 4)
        .map(secret -> message.replace(secret, "(hidden)"))
        .orElse(message);
  }

  private static String mediaTypeOf(HttpResponse<byte[]> response, byte[] content, Call call) {
    String contentType = response.headers().firstValue("Content-Type")
        .map(value -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
        .orElse("");
    if (MediaTypes.MANIFEST_ACCEPT.contains(contentType)) {
      return contentType;
    }
    JsonNode json = RegistryJson.read(content, "the content of " + call.describe());
    String declared = json.path("mediaType").asText("");
    if (!declared.isEmpty()) {
      return declared;
    }
    return json.path("schemaVersion").asInt(0) == 1 ? MediaTypes.DOCKER_SCHEMA1_SIGNED_MANIFEST : contentType;
  }

  private static String manifestAccept() {
    return String.join(", ", MediaTypes.MANIFEST_ACCEPT);
  }

  private URI manifestUri(RegistryRepository repository, String reference) {
    return URI.create(base(repository) + "/manifests/" + reference);
  }

  private URI blobUri(RegistryRepository repository, String digest) {
    return URI.create(base(repository) + "/blobs/" + digest);
  }

  private String base(RegistryRepository repository) {
    String host = apiHost(repository.registry());
    return transports.scheme(host) + "://" + host + "/v2/" + repository.path();
  }

  private static URI withDigest(URI upload, String digest) {
    String separator = upload.getRawQuery() == null ? "?" : "&";
    return URI.create(upload + separator + "digest=" + encode(digest));
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static void discard(HttpResponse<?> response) {
    if (response.body() instanceof InputStream stream) {
      try {
        stream.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static String describe(IOException e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * One registry operation: named in errors ({@code GET manifest host/repo:tag}) and carrying the
   * token scopes it needs.
   */
  private record Call(String method, String kind, RegistryRepository repository, String reference, List<String> scopes) {

    static Call pull(String method, String kind, RegistryRepository repository, String reference) {
      return new Call(method, kind, repository, reference, List.of(scope(repository, "pull")));
    }

    static Call push(String method, String kind, RegistryRepository repository, String reference) {
      return new Call(method, kind, repository, reference, List.of(scope(repository, "pull,push")));
    }

    static Call mount(RegistryRepository repository, String digest, RegistryRepository from) {
      List<String> scopes = new ArrayList<>(List.of(scope(repository, "pull,push")));
      scopes.add(scope(from, "pull"));
      return new Call("POST", "blob mount from " + from.path() + " of", repository, digest, List.copyOf(scopes));
    }

    private static String scope(RegistryRepository repository, String actions) {
      return "repository:" + repository.path() + ":" + actions;
    }

    String describe() {
      String separator = Digests.isDigest(reference) ? "@" : ":";
      return method + " " + kind + " " + repository + (reference == null ? "" : separator + reference);
    }
  }
}
