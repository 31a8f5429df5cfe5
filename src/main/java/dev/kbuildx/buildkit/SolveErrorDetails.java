package dev.kbuildx.buildkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The structured parts of a failed solve that BuildKit puts into the gRPC status details: which
 * vertex failed and which Dockerfile lines it came from. Each detail is JSON, not
 * protobuf, and is recognised by the end of its type URL.
 *
 * @param vertexDigest the failing vertex, or null when the daemon did not say
 * @param sources excerpts of the files the failing step came from
 */
record SolveErrorDetails(String vertexDigest, List<SourceExcerpt> sources) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VERTEX = "errdefs.Vertex+json";
  private static final String SOURCE = "errdefs.Source+json";

  static SolveErrorDetails of(Throwable error) {
    com.google.rpc.Status status = StatusProto.fromThrowable(error);
    String digest = null;
    List<SourceExcerpt> sources = new ArrayList<>();
    if (status != null) {
      for (Any detail : status.getDetailsList()) {
        JsonNode json = parse(detail);
        if (json == null) {
          continue;
        }
        if (detail.getTypeUrl().endsWith(VERTEX) && digest == null) {
          digest = json.path("digest").asText(null);
        } else if (detail.getTypeUrl().endsWith(SOURCE)) {
          source(json).ifPresent(sources::add);
        }
      }
    }
    return new SolveErrorDetails(digest, sources);
  }

  /** Unreadable details are skipped: the error message itself still reaches the user. */
  private static JsonNode parse(Any detail) {
    String url = detail.getTypeUrl();
    if (!url.endsWith(VERTEX) && !url.endsWith(SOURCE)) {
      return null;
    }
    try {
      return JSON.readTree(detail.getValue().toByteArray());
    } catch (IOException e) {
      return null;
    }
  }

  private static Optional<SourceExcerpt> source(JsonNode json) {
    JsonNode info = json.path("info");
    String data = info.path("data").asText("");
    List<int[]> ranges = new ArrayList<>();
    for (JsonNode range : json.path("ranges")) {
      ranges.add(new int[] {range.path("start").path("line").asInt(0), range.path("end").path("line").asInt(0)});
    }
    try {
      String text = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
      return SourceExcerpt.of(info.path("filename").asText(""), text, ranges);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
