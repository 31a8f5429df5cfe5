package dev.kbuildx.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a unix socket, just enough for the Docker Engine API: one request per connection
 * ({@code Connection: close}), so the answer ends where the stream ends; chunked bodies are decoded.
 * The JDK's HTTP client cannot dial a unix socket, hence this.
 */
final class UnixSocketHttp {
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  private final Path socket;

  UnixSocketHttp(Path socket) {
    this.socket = socket;
  }

  EngineResponse exchange(String method, String path, Map<String, String> headers, byte[] body) {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      channel.write(ByteBuffer.wrap(request(method, path, headers, body)));
      try (InputStream in = Channels.newInputStream(channel)) {
        return parse(in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " on " + socket + " failed: " + e.getMessage(), e);
    }
  }

  private static byte[] request(String method, String path, Map<String, String> headers, byte[] body) {
    StringBuilder head = new StringBuilder()
        .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
        .append("Host: docker\r\n")
        .append("Connection: close\r\n")
        .append("Content-Length: ").append(body.length).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }

  private static EngineResponse parse(byte[] answer) throws IOException {
    int headEnd = indexOf(answer, HEADER_END, 0);
    if (headEnd < 0) {
      throw new IOException("incomplete HTTP answer: " + new String(answer, StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(answer, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP answer: " + lines[0]);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body = Arrays.copyOfRange(answer, headEnd + HEADER_END.length, answer.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new EngineResponse(Integer.parseInt(statusLine[1]), headers, body);
  }

  /** Each chunk is "size-in-hex[;extensions]\r\n" + data + "\r\n"; size 0 ends the body. */
  private static byte[] dechunk(byte[] chunked) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int position = 0;
    while (true) {
      int lineEnd = indexOf(chunked, new byte[] {'\r', '\n'}, position);
      if (lineEnd < 0) {
        throw new IOException("truncated chunked body");
      }
      String sizeField = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
      int size = Integer.parseInt(sizeField.split(";", 2)[0].trim(), 16);
      if (size == 0) {
        return body.toByteArray();
      }
      int dataStart = lineEnd + 2;
      if (dataStart + size > chunked.length) {
        throw new IOException("truncated chunked body");
      }
      body.write(chunked, dataStart, size);
      position = dataStart + size + 2;
    }
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    for (int i = from; i <= data.length - pattern.length; i++) {
      if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
        return i;
      }
    }
    return -1;
  }
}
