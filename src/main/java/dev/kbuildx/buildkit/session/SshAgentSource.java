package dev.kbuildx.buildkit.session;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.SettingKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The SSH agent that {@code RUN --mount=type=ssh} uses for one id, as buildx's {@code --ssh}
 * declares it: the user's running agent, through its socket, or an agent in memory holding key
 * files. Only the id travels in the build request; keys stay in the session.
 */
public sealed interface SshAgentSource permits SshAgentSource.AgentSocket, SshAgentSource.KeyFiles {

  /** The {@link InvalidSettingException#setting()} key of the ssh setting. */
  String SETTING = SettingKey.SSH.key();
  String AUTH_SOCK_VARIABLE = "SSH_AUTH_SOCK";
  String ACCEPTED = "expected default or <id> (both forward the agent of $SSH_AUTH_SOCK), <id>=<agent socket>, or"
      + " <id>=<key file>[,<key file>...] (unencrypted OpenSSH private keys, e.g. ${user.home}/.ssh/id_ed25519)";

  /** A running ssh-agent's Unix socket. */
  record AgentSocket(Path socket) implements SshAgentSource {}

  /** Private key files, served by an agent in memory. */
  record KeyFiles(List<Path> files) implements SshAgentSource {
    public KeyFiles {
      files = List.copyOf(files);
    }
  }

  /** One agent with its id, as {@code --ssh} declares it. */
  record Declared(String id, SshAgentSource source) {}

  /**
   * Reads buildx's {@code --ssh} form, {@code <id>[=<path>[,<path>...]]}: no path means the agent
   * of {@code SSH_AUTH_SOCK}, a socket means that agent, files are keys. Relative paths are
   * resolved against {@code baseDirectory}; key files are read now, so that a bad one fails before
   * the build.
   *
   * @param environment looks up {@code SSH_AUTH_SOCK}
   */
  static Declared parse(String spec, Path baseDirectory, Function<String, String> environment) {
    String value = spec == null ? "" : spec.trim();
    if (value.isEmpty()) {
      throw InvalidSettingException.setting(SETTING, "", "a value is required; " + ACCEPTED);
    }
    int equals = value.indexOf('=');
    String id = (equals < 0 ? value : value.substring(0, equals)).trim();
    id = id.isEmpty() ? SshForwardService.DEFAULT_ID : id;
    List<Path> paths = new ArrayList<>();
    for (String path : equals < 0 ? new String[0] : value.substring(equals + 1).split(",")) {
      if (!path.isBlank()) {
        paths.add(baseDirectory.resolve(path.trim()).normalize());
      }
    }
    if (paths.isEmpty()) {
      return new Declared(id, new AgentSocket(authSocket(value, environment)));
    }
    List<Path> sockets = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw InvalidSettingException.setting(SETTING, value, path + " does not exist; " + ACCEPTED);
      }
      if (Files.isDirectory(path)) {
        throw InvalidSettingException.setting(SETTING, value, path + " is a directory; " + ACCEPTED);
      }
      if (!Files.isRegularFile(path)) {
        sockets.add(path);
      }
    }
    if (!sockets.isEmpty()) {
      if (paths.size() > 1) {
        throw InvalidSettingException.setting(SETTING, value,
            "an id is served either by one agent socket or by key files, not by several paths with a socket");
      }
      return new Declared(id, new AgentSocket(sockets.get(0)));
    }
    for (Path file : paths) {
      try {
        SshKeyFile.read(file);
      } catch (KbuildxException e) {
        throw InvalidSettingException.setting(SETTING, value, e.getMessage());
      }
    }
    return new Declared(id, new KeyFiles(paths));
  }

  private static Path authSocket(String spec, Function<String, String> environment) {
    String socket = environment.apply(AUTH_SOCK_VARIABLE);
    if (socket == null || socket.isBlank()) {
      throw InvalidSettingException.setting(SETTING, spec, AUTH_SOCK_VARIABLE + " is not set, so there is no"
          + " ssh-agent to forward; start one, or give key files: " + ACCEPTED);
    }
    Path path = Path.of(socket.trim());
    if (!Files.exists(path)) {
      throw InvalidSettingException.setting(SETTING, spec, AUTH_SOCK_VARIABLE + " names " + path
          + ", which does not exist; is the ssh-agent running?");
    }
    return path;
  }
}
