package dev.kbuildx.buildkit.session;

import dev.kbuildx.options.GoBoolean;
import io.grpc.Metadata;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the daemon asks for in the headers of a {@code FileSync.DiffCopy} call. A list is null when
 * its header is absent, which fsutil treats differently from an empty one.
 *
 * @param dirName         the local name ({@code context}, {@code dockerfile}, a named context)
 * @param includePatterns {@code include-patterns}
 * @param excludePatterns {@code exclude-patterns}, already parsed from {@code .dockerignore} by the frontend
 * @param followPaths     {@code followpaths}
 */
record DiffCopyOptions(String dirName, List<String> includePatterns, List<String> excludePatterns,
    List<String> followPaths) {
  static DiffCopyOptions from(Metadata headers) {
    List<String> dirName = values(headers, "dir-name");
    return new DiffCopyOptions(dirName == null || dirName.isEmpty() ? "" : dirName.get(0),
        values(headers, "include-patterns"), values(headers, "exclude-patterns"), values(headers, "followpaths"));
  }

  /**
   * The values of one header, one item each. Daemons since v0.12 URL-encode all values of a key when
   * one of them holds non-ASCII characters and say so in {@code <key>-encoded}.
   */
  private static List<String> values(Metadata headers, String name) {
    Iterable<String> raw = headers.getAll(CallMetadata.key(name));
    if (raw == null) {
      return null;
    }
    Iterable<String> encodedFlag = headers.getAll(CallMetadata.key(name + "-encoded"));
    boolean encoded = encodedFlag != null
        && GoBoolean.parse(encodedFlag.iterator().next()).orElse(false);
    List<String> values = new ArrayList<>();
    for (String value : raw) {
      values.add(encoded ? decode(value) : value);
    }
    return values;
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // Go's url.QueryUnescape error is dropped the same way: the value becomes empty.
      return "";
    }
  }
}
