package dev.kbuildx.buildkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the entries of a tar file as BuildKit's {@code tar} exporter writes it (ustar headers,
 * with PAX extended headers when a name or time does not fit). The JDK has no tar reader, and the
 * tests only need names, types, modes, link targets and contents.
 */
public final class TarEntries {
  private static final int BLOCK = 512;

  /** One entry; {@code type} is the ustar type flag, e.g. {@code '0'} file, {@code '5'} directory, {@code '2'} symlink. */
  public record Entry(String name, char type, int mode, String linkname, byte[] content) {
    public String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private TarEntries() {}

  /** Entries by name without a leading {@code ./} or {@code /} and without a trailing {@code /}. */
  public static Map<String, Entry> read(Path tar) throws IOException {
    try (InputStream in = Files.newInputStream(tar)) {
      return read(in);
    }
  }

  /** The entries of the tar stream {@code in}, as {@link #read(Path)}; the caller closes the stream. */
  public static Map<String, Entry> read(InputStream in) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    String paxPath = null;
    String paxLinkpath = null;
    while (true) {
      byte[] header = in.readNBytes(BLOCK);
      if (header.length < BLOCK || isZero(header)) {
        return entries;
      }
      char type = (char) header[156];
      long size = octal(header, 124, 12);
      byte[] content = in.readNBytes(Math.toIntExact(size));
      in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
      if (type == 'x') {
        Map<String, String> records = paxRecords(content);
        paxPath = records.get("path");
        paxLinkpath = records.get("linkpath");
        continue;
      }
      if (type == 'g') {
        continue;
      }
      String name = paxPath != null ? paxPath : ustarName(header);
      String linkname = paxLinkpath != null ? paxLinkpath : text(header, 157, 100);
      paxPath = null;
      paxLinkpath = null;
      String normalized = normalize(name);
      entries.put(normalized, new Entry(normalized, type, (int) octal(header, 100, 8), linkname, content));
    }
  }

  private static String ustarName(byte[] header) {
    String name = text(header, 0, 100);
    boolean ustar = text(header, 257, 5).equals("ustar");
    String prefix = ustar ? text(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String normalize(String name) {
    String result = name;
    while (result.startsWith("./") || result.startsWith("/")) {
      result = result.substring(result.indexOf('/') + 1);
    }
    return result.endsWith("/") ? result.substring(0, result.length() - 1) : result;
  }

  /** PAX records are {@code "<length> <key>=<value>\n"}, the length counting the whole record in bytes. */
  private static Map<String, String> paxRecords(byte[] data) {
    Map<String, String> records = new LinkedHashMap<>();
    int position = 0;
    while (position < data.length) {
      int space = position;
      while (data[space] != ' ') {
        space++;
      }
      int length = Integer.parseInt(new String(data, position, space - position, StandardCharsets.US_ASCII));
      String record = new String(data, space + 1, position + length - space - 2, StandardCharsets.UTF_8);
      int equals = record.indexOf('=');
      records.put(record.substring(0, equals), record.substring(equals + 1));
      position += length;
    }
    return records;
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] header, int offset, int length) {
    String digits = text(header, offset, length).trim();
    return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
