package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.real.RealCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dry-run YAML as the real API server reads it: each document goes in as a server-side apply
 * with {@code Content-Type: application/apply-patch+yaml}, so the server's own YAML reader (the one
 * kubectl uses) parses it, like {@code kubectl apply --server-side --dry-run=server -f}.
 */
class KubectlYamlRealTest {
  private static final List<String> STRING_FIELDS = List.of("/metadata/labels", "/metadata/annotations",
      "/data", "/spec/template/spec/containers/0/env");

  @Test
  void theApiServerReadsEveryTrickyValueAsTheSameString() throws Exception {
    try (RealCluster cluster = RealCluster.require()) {
      String namespace = cluster.createNamespace("kubectl-yaml");
      try {
        String yaml = KubernetesBuilders.dryRun(TrickyBuilder.spec(), namespace);
        List<String> documents = List.of(yaml.split("(?m)^(?=---$)"));
        List<JsonNode> rendered = ReadBack.trees(TrickyBuilder.rendered(namespace));
        assertThat(documents).hasSameSizeAs(rendered);
        for (int i = 0; i < documents.size(); i++) {
          JsonNode expected = rendered.get(i);
          JsonNode stored = applyDryRun(cluster.client(), expected, documents.get(i));
          for (String field : STRING_FIELDS) {
            assertThat(stored.at(field)).as(field + " of " + expected.at("/kind")).isEqualTo(expected.at(field));
          }
        }
      } finally {
        cluster.deleteNamespace(namespace);
      }
    }
  }

  /** The object as the server would store it after applying {@code document}: created, 201. */
  private static JsonNode applyDryRun(KubernetesClient client, JsonNode object, String document) throws Exception {
    String apiVersion = object.at("/apiVersion").asString();
    String path = (apiVersion.contains("/") ? "apis/" : "api/") + apiVersion
        + "/namespaces/" + object.at("/metadata/namespace").asString()
        + "/" + object.at("/kind").asString().toLowerCase(Locale.ROOT) + "s/"
        + object.at("/metadata/name").asString() + "?fieldManager=kbuildx-test&dryRun=All";
    HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
        .uri(client.getMasterUrl().toURI().resolve("/" + path))
        .method("PATCH", "application/apply-patch+yaml", document)
        .build();
    HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class).get(60, TimeUnit.SECONDS);
    assertThat(response.code()).as("apply of\n" + document + "\nanswered " + response.body()).isEqualTo(201);
    return Serialization.jsonMapper().readTree(response.body());
  }
}
