package dev.kbuildx.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The error a registry or token service puts in its answer: the distribution API's
 * {@code {"errors": [{"code", "message"}]}}, or OAuth's {@code error}/{@code error_description},
 * or Docker Hub's {@code details}. Only these fields are shown, never the raw body.
 *
 * @param code the first error code, null when there is none
 * @param text {@code CODE: message} of every error, joined with {@code ; }
 */
record RegistryErrorBody(String code, String text) {

  static Optional<RegistryErrorBody> parse(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    JsonNode json;
    try {
      json = RegistryJson.MAPPER.readTree(body);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (json == null || !json.isObject()) {
      return Optional.empty();
    }
    if (json.path("errors").isArray() && !json.path("errors").isEmpty()) {
      return distributionErrors(json.path("errors"));
    }
    String oauthError = json.path("error").asText("");
    if (!oauthError.isEmpty()) {
      String description = json.path("error_description").asText("");
      return Optional.of(new RegistryErrorBody(oauthError, description.isEmpty() ? oauthError : oauthError + ": " + description));
    }
    String details = json.path("details").asText("");
    return details.isEmpty() ? Optional.empty() : Optional.of(new RegistryErrorBody(null, details));
  }

  private static Optional<RegistryErrorBody> distributionErrors(JsonNode errors) {
    List<String> texts = new ArrayList<>();
    String firstCode = null;
    for (JsonNode error : errors) {
      String code = error.path("code").asText("");
      String message = error.path("message").asText("");
      if (firstCode == null && !code.isEmpty()) {
        firstCode = code;
      }
      String text = code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message;
      if (!text.isEmpty()) {
        texts.add(text);
      }
    }
    return texts.isEmpty() ? Optional.empty() : Optional.of(new RegistryErrorBody(firstCode, String.join("; ", texts)));
  }
}
