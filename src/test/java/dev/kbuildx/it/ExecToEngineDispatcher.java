package dev.kbuildx.it;

import dev.kbuildx.transport.ByteStreamConnector;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock API server's dispatcher when pods should have a BuildKit: {@code pods/<pod>/exec} of
 * {@code buildctl dial-stdio} is answered with a WebSocket whose stdin and stdout are piped to a
 * stream of the test engine's BuildKit (see {@link ExecToEngineSession}), so the pod transport runs
 * end to end; every other request goes to the CRUD store. Other commands exit with an error, as
 * the mock pods run nothing else.
 */
final class ExecToEngineDispatcher extends Dispatcher {
  static final List<String> DIAL_STDIO = List.of("buildctl", "dial-stdio");
  private static final Pattern EXEC = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/exec(?:\\?(.*))?");
  private static final int OK = 200;

  private final KubernetesCrudDispatcher store;
  private final ByteStreamConnector engine;

  ExecToEngineDispatcher(KubernetesCrudDispatcher store, ByteStreamConnector engine) {
    this.store = store;
    this.engine = engine;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Matcher exec = EXEC.matcher(request.getPath());
    if (!exec.matches()) {
      return store.dispatch(request);
    }
    // A real API server refuses exec into a pod it does not know, with the pod's 404 Status.
    MockResponse pod = store.handleGet("/api/v1/namespaces/" + exec.group(1) + "/pods/" + exec.group(2));
    if (pod.code() != OK) {
      return pod;
    }
    List<String> command = queryValues(exec.group(3), "command");
    return new MockResponse().withWebSocketUpgrade(command.equals(DIAL_STDIO)
        ? ExecToEngineSession.dialStdio(engine)
        : ExecToEngineSession.unsupported(command));
  }

  @Override
  public void shutdown() {
    store.shutdown();
  }

  @Override
  public void releaseResources() {
    store.releaseResources();
  }

  /** Every value of a repeated query parameter, in order, such as the words of {@code command}. */
  static List<String> queryValues(String query, String name) {
    List<String> values = new ArrayList<>();
    if (query == null) {
      return values;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      if (key.equals(name)) {
        values.add(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
