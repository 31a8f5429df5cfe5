package dev.kbuildx.engine;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake engine on the loopback interface for fault injection: it answers each connection with
 * the next scripted response and records what it was sent.
 */
final class ScriptedEngine implements Closeable {
  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

  /** One request as received: head (request line and headers) and the body's bytes. */
  record Request(String head, byte[] body) {
    String requestLine() {
      return head.lines().findFirst().orElse("");
    }

    String header(String name) {
      return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
          .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse("");
    }
  }

  private final ServerSocket server;

  ScriptedEngine() throws IOException {
    server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
  }

  String dockerHost() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  /** A JSON answer with a length, as the engine sends for inspect, errors and the like. */
  static String json(int status, String reason, String body, String... extraHeaders) {
    StringBuilder answer = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
        .append("Content-Type: application/json\r\n");
    for (String header : extraHeaders) {
      answer.append(header).append("\r\n");
    }
    return answer.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n")
        .append(body).toString();
  }

  static String ping(String apiVersion) {
    return json(200, "OK", "OK", "API-Version: " + apiVersion);
  }

  /** Answers one connection per script, in order, in the background. */
  CompletableFuture<List<Request>> answer(String... scripts) {
    return CompletableFuture.supplyAsync(() -> {
      List<Request> requests = new ArrayList<>();
      for (String script : scripts) {
        try (Socket socket = server.accept()) {
          requests.add(read(socket.getInputStream()));
          socket.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
          socket.getOutputStream().flush();
        } catch (IOException e) {
          throw new IllegalStateException("the scripted engine failed: " + e.getMessage(), e);
        }
      }
      return requests;
    });
  }

  private static Request read(InputStream input) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = input.read();
      if (b < 0) {
        throw new IOException("the client hung up within the request head");
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    Matcher length = CONTENT_LENGTH.matcher(text);
    byte[] body = length.find() ? input.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
    return new Request(text, body);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
