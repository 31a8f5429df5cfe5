package dev.kbuildx.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushProgressTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void reportsEachStatusOfALayerOnceAndSkipsWaitingStates() throws IOException {
    List<String> lines = new ArrayList<>();
    PushProgress progress = new PushProgress("127.0.0.1:5000/app:1", lines::add, text -> text);
    String[] messages = {
        "{\"status\":\"The push refers to repository [127.0.0.1:5000/app]\"}",
        "{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"5b0d2d635df8\"}",
        "{\"status\":\"Waiting\",\"progressDetail\":{},\"id\":\"5b0d2d635df8\"}",
        "{\"status\":\"Pushing\",\"progressDetail\":{\"current\":512,\"total\":2048},\"id\":\"5b0d2d635df8\"}",
        "{\"status\":\"Pushing\",\"progressDetail\":{\"current\":1024,\"total\":2048},\"id\":\"5b0d2d635df8\"}",
        "{\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"5b0d2d635df8\"}",
        "{\"status\":\"1: digest: sha256:abc size: 527\"}",
        "{\"progressDetail\":{},\"aux\":{\"Tag\":\"1\",\"Digest\":\"sha256:abc\",\"Size\":527}}"};
    for (String message : messages) {
      progress.accept(JSON.readTree(message));
    }

    assertThat(lines).containsExactly(
        "pushing 127.0.0.1:5000/app:1: The push refers to repository [127.0.0.1:5000/app]",
        "pushing 127.0.0.1:5000/app:1: 5b0d2d635df8: Pushing",
        "pushing 127.0.0.1:5000/app:1: 5b0d2d635df8: Pushed",
        "pushing 127.0.0.1:5000/app:1: 1: digest: sha256:abc size: 527");
  }

  @Test
  void linesPassTheRedaction() throws IOException {
    List<String> lines = new ArrayList<>();
    PushProgress progress = new PushProgress("r.example/app:1", lines::add, text -> text.replace("pw", "(hidden)"));

    progress.accept(JSON.readTree("{\"status\":\"echo pw\"}"));

    assertThat(lines).containsExactly("pushing r.example/app:1: echo (hidden)");
  }
}
