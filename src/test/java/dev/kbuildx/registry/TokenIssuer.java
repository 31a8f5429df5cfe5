package dev.kbuildx.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A token service as the distribution token spec describes it, in-process on loopback: it checks
 * Basic credentials (GET) or a refresh token (OAuth2 POST) and grants every requested scope in an
 * RS256 JWT whose {@code x5c} header carries a self-signed certificate made with keytool.
 */
final class TokenIssuer implements AutoCloseable {

  static final String SERVICE = "kbuildx-test-registry";
  static final String ISSUER = "kbuildx-test-issuer";
  static final String USER = "token-user";
  static final String PASSWORD = "token-password-secret";
  static final String REFRESH_TOKEN = "refresh-token-secret";

  /** One token request: how the client authenticated ({@code basic}, {@code refresh_token} or {@code none}). */
  record Request(String method, String authentication, List<String> scopes) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final PrivateKey key;
  private final X509Certificate certificate;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private TokenIssuer(HttpServer server, PrivateKey key, X509Certificate certificate) {
    this.server = server;
    this.key = key;
    this.certificate = certificate;
  }

  /** Generates the signing key and certificate in {@code directory} and starts serving {@code /token}. */
  static TokenIssuer start(Path directory) throws Exception {
    Path keystore = directory.resolve("token.p12");
    String storePassword = "store-" + UUID.randomUUID();
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "token", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
        "-dname", "CN=kbuildx test token issuer", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", storePassword, "-keypass", storePassword)
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, storePassword.toCharArray());
    }
    PrivateKey key = (PrivateKey) store.getKey("token", storePassword.toCharArray());
    X509Certificate certificate = (X509Certificate) store.getCertificate("token");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    TokenIssuer issuer = new TokenIssuer(server, key, certificate);
    server.createContext("/token", issuer::handle);
    server.start();
    return issuer;
  }

  String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** The certificate as PEM, for the registry's {@code rootcertbundle}. */
  String certificatePem() throws GeneralSecurityException {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      boolean post = exchange.getRequestMethod().equals("POST");
      Map<String, List<String>> parameters = parameters(post
          ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
          : exchange.getRequestURI().getRawQuery());
      List<String> scopes = new ArrayList<>();
      parameters.getOrDefault("scope", List.of()).forEach(scope -> scopes.addAll(List.of(scope.split(" "))));
      String authentication = post ? "refresh_token" : authenticationOf(exchange.getRequestHeaders().getFirst("Authorization"));
      requests.add(new Request(exchange.getRequestMethod(), authentication, scopes));
      boolean accepted = post
          ? REFRESH_TOKEN.equals(first(parameters, "refresh_token"))
              && "refresh_token".equals(first(parameters, "grant_type"))
          : authentication.equals("basic") && basicMatches(exchange.getRequestHeaders().getFirst("Authorization"));
      if (!accepted || !SERVICE.equals(first(parameters, "service"))) {
        respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"invalid credentials\"}]}");
        return;
      }
      String token = token(scopes);
      ObjectNode answer = JSON.createObjectNode().put("expires_in", 300).put("issued_at", Instant.now().toString());
      // The OAuth2 answer names it access_token, the GET answer token: the client must read both.
      answer.put(post ? "access_token" : "token", token);
      respond(exchange, 200, answer.toString());
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private String token(List<String> scopes) throws GeneralSecurityException {
    ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
    header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
    Instant now = Instant.now();
    ObjectNode claims = JSON.createObjectNode()
        .put("iss", ISSUER).put("sub", USER).put("aud", SERVICE)
        .put("iat", now.getEpochSecond()).put("nbf", now.minus(Duration.ofMinutes(1)).getEpochSecond())
        .put("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond()).put("jti", UUID.randomUUID().toString());
    ArrayNode access = claims.putArray("access");
    for (String scope : scopes) {
      int first = scope.indexOf(':');
      int last = scope.lastIndexOf(':');
      ObjectNode grant = access.addObject().put("type", scope.substring(0, first)).put("name", scope.substring(first + 1, last));
      ArrayNode actions = grant.putArray("actions");
      List.of(scope.substring(last + 1).split(",")).forEach(actions::add);
    }
    String signingInput = base64Url(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
        + base64Url(claims.toString().getBytes(StandardCharsets.UTF_8));
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(key);
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + base64Url(signature.sign());
  }

  private static String authenticationOf(String authorization) {
    return authorization != null && authorization.startsWith("Basic ") ? "basic" : "none";
  }

  private static boolean basicMatches(String authorization) {
    String pair = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())), StandardCharsets.UTF_8);
    return pair.equals(USER + ":" + PASSWORD);
  }

  private static Map<String, List<String>> parameters(String query) {
    Map<String, List<String>> result = new HashMap<>();
    if (query == null || query.isEmpty()) {
      return result;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      result.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
    }
    return result;
  }

  private static String first(Map<String, List<String>> parameters, String name) {
    return parameters.getOrDefault(name, List.of("")).get(0);
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody(); InputStream in = new ByteArrayInputStream(body)) {
      in.transferTo(out);
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
