package dev.kbuildx.driver.remote;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.options.GoBoolean;
import dev.kbuildx.transport.TlsFiles;
import java.nio.file.Path;
import java.util.Map;

/**
 * The driver options of a standing daemon, as buildx's remote driver names them: {@code cacert},
 * {@code cert}, {@code key} and {@code servername} for TLS, and {@code default-load}.
 *
 * @param tls the TLS files, or null for a cleartext or unix-socket connection
 * @param defaultLoad load the image into the local Docker Engine when no output is set
 */
public record RemoteOptions(TlsFiles tls, boolean defaultLoad) {
  static final String SERVER_NAME = "servername";
  static final String DEFAULT_LOAD = "default-load";
  private static final String ACCEPTED_KEYS = "cacert, cert, key, servername and default-load";

  public static final RemoteOptions NONE = new RemoteOptions(null, false);

  /** @param baseDirectory what relative file names are resolved against */
  public static RemoteOptions parse(Map<String, String> options, Path baseDirectory) {
    Path caCert = null;
    Path cert = null;
    Path key = null;
    String serverName = null;
    boolean defaultLoad = false;
    for (Map.Entry<String, String> option : options.entrySet()) {
      String value = option.getValue() == null ? "" : option.getValue().trim();
      switch (option.getKey()) {
        case TlsFiles.CA_CERT -> caCert = file(option.getKey(), value, baseDirectory);
        case TlsFiles.CERT -> cert = file(option.getKey(), value, baseDirectory);
        case TlsFiles.KEY -> key = file(option.getKey(), value, baseDirectory);
        case SERVER_NAME -> serverName = value.isEmpty() ? null : value;
        case DEFAULT_LOAD -> defaultLoad = value.isEmpty() || GoBoolean.parse(DEFAULT_LOAD, value);
        default -> throw InvalidSettingException.driverOption(option.getKey(), value,
            "a standing daemon accepts the options " + ACCEPTED_KEYS);
      }
    }
    boolean tls = caCert != null || cert != null || key != null || serverName != null;
    return new RemoteOptions(tls ? new TlsFiles(caCert, cert, key, serverName) : null, defaultLoad);
  }

  private static Path file(String option, String value, Path baseDirectory) {
    if (value.isEmpty()) {
      throw InvalidSettingException.driverOption(option, value, "the path of a PEM file");
    }
    return baseDirectory.resolve(value).normalize();
  }
}
