package dev.kbuildx.driver.docker;

import dev.kbuildx.transport.ByteStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker Engine's way to hand a connection over to another protocol: an HTTP/1.1 request with
 * {@code Upgrade: h2c}, answered by {@code 101 Switching Protocols}, after which the same
 * connection carries HTTP/2. The response head is read byte by byte so that no HTTP/2 byte the
 * engine sends right after it is swallowed.
 */
final class HttpUpgrade {
  private static final int MAX_HEAD = 16 * 1024;
  private static final int MAX_ERROR_BODY = 4 * 1024;
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})( .*)?");
  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
  private static final Pattern JSON_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private HttpUpgrade() {}

  /**
   * @param what describes the connection for errors, e.g. {@code the Docker Engine at unix:///...}
   */
  static void perform(ByteStream stream, String path, String what) throws IOException {
    StringBuilder request = new StringBuilder()
        .append("POST ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: docker\r\n")
        .append("User-Agent: kbuildx\r\n")
        .append("Connection: Upgrade\r\n")
        .append("Upgrade: h2c\r\n")
        .append("Content-Length: 0\r\n");
    request.append("\r\n");
    stream.output().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    stream.output().flush();

    String head = readHead(stream.input(), what);
    String statusLine = head.lines().findFirst().orElse("");
    Matcher status = STATUS_LINE.matcher(statusLine);
    if (!status.matches()) {
      throw new IOException(what + " did not answer with HTTP: " + abbreviate(statusLine));
    }
    if (!status.group(1).equals("101")) {
      throw new IOException(what + " refused POST " + path + ": " + statusLine.substring(9).trim()
          + errorDetail(head, stream.input()));
    }
  }

  private static String readHead(InputStream input, String what) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = input.read();
      if (b < 0) {
        throw new IOException(what + " closed the connection before answering the upgrade request");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HEAD) {
        throw new IOException(what + " sent an HTTP response head longer than " + MAX_HEAD + " bytes");
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** The engine explains refusals in a small JSON body: {@code {"message":"..."}}. */
  private static String errorDetail(String head, InputStream input) throws IOException {
    Matcher length = CONTENT_LENGTH.matcher(head);
    if (!length.find()) {
      return "";
    }
    int size = (int) Math.min(Long.parseLong(length.group(1)), MAX_ERROR_BODY);
    String body = new String(input.readNBytes(size), StandardCharsets.UTF_8).trim();
    Matcher message = JSON_MESSAGE.matcher(body);
    String detail = message.find() ? message.group(1).replace("\\\"", "\"") : body;
    return detail.isEmpty() ? "" : " (" + abbreviate(detail) + ")";
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
