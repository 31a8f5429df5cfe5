package dev.kbuildx.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The tags of a repository in the test registry, through the registry's tag list; what {@code
 * TestEngine} does not ask: which tags a build left, and that a tag is absent.
 */
final class RegistryTags {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RegistryTags() {}

  /** The tags of {@code repository} in {@code registry} ({@code host:port}); empty for an unknown repository. */
  static List<String> of(String registry, String repository) throws IOException, InterruptedException {
    URI uri = URI.create("http://" + registry + "/v2/" + repository + "/tags/list");
    HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (answer.statusCode() == 404) {
      return List.of();
    }
    assertThat(answer.statusCode()).as("GET %s", uri).isEqualTo(200);
    List<String> tags = new ArrayList<>();
    for (JsonNode tag : JSON.readTree(answer.body()).path("tags")) {
      tags.add(tag.asText());
    }
    return tags;
  }
}
